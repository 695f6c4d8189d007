/** @jest-environment node */
// Regression guard for forecast accuracy on the shared series with the shared protocol
// (../shared/README.md). The timed benchmark with augurs is bench/cases/forecast-accuracy.mjs.
import fs from 'node:fs';
import { predictLinear, seasonalNaive } from './baselines';
import { parseSeriesCsv } from './csv';
import { forecast } from './forecast';
import { gridSeries, scoreSeries, type Forecaster } from './protocol';
import { geometricMean } from './stats';
import { describeWithShared, sharedPath } from '../../test/shared';

const files = ['nab_nyc_taxi.csv', 'nab_ec2_cpu_utilization_5f5533.csv', 'nab_rds_cpu_utilization_cc0c53.csv'];

const methods: Record<string, Forecaster> = {
  headroom: (train, trainT, h) => {
    const r = forecast(trainT, train, { horizon: h });
    if (!r.ok) throw new Error(r.message);
    return r.mean;
  },
  seasonalNaive: (train, _t, h, m) => seasonalNaive(train, m, h),
  predictLinear: (train, _t, h, m) => predictLinear(train, m, h),
};

describeWithShared('forecast accuracy on the NAB series (MASE, geometric mean)', files.map((f) => ['data', 'forecast', f]), () => {
  it('Headroom beats seasonal naive (by ≥ 20 %) and predict_linear', () => {
    const scores: Record<string, number[]> = { headroom: [], seasonalNaive: [], predictLinear: [] };
    for (const f of files) {
      const parsed = parseSeriesCsv(fs.readFileSync(sharedPath('data', 'forecast', f), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.message);
      const g = gridSeries(parsed.t, parsed.values);
      if (!g) throw new Error(`${f}: no grid`);
      for (const [name, m] of Object.entries(methods)) scores[name].push(scoreSeries(g.t, g.y, g.step, m).mase);
    }
    const geo = Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, geometricMean(v)]));
    expect(geo.headroom).toBeLessThanOrEqual(0.8 * geo.seasonalNaive);
    expect(geo.headroom).toBeLessThan(geo.predictLinear);
  }, 60_000);
});

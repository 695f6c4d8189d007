/** @jest-environment node */
// Regression guard for forecast accuracy on the shared series with the shared protocol
// (../shared/README.md), at the protocol's horizon (1 d) and at 6 h, and the share of points the
// outlier cleaning replaces there. The timed benchmark with augurs is bench/cases/forecast-accuracy.mjs.
import fs from 'node:fs';
import { predictLinear, seasonalNaive } from './baselines';
import { parseSeriesCsv } from './csv';
import { forecast } from './forecast';
import { impute } from './impute';
import { replaceOutliers } from './outliers';
import { DAY, resolvePeriods } from './periods';
import { gridSeries, scoreSeries, type Forecaster } from './protocol';
import { geometricMean } from './stats';
import { describeWithShared, sharedPath } from '../../test/shared';

const files = ['nab_nyc_taxi.csv', 'nab_ec2_cpu_utilization_5f5533.csv', 'nab_rds_cpu_utilization_cc0c53.csv'];
/** Geometric-mean MASE before the outlier, robust-level and combination changes of issue 22 (0.42957). */
const BEFORE = 0.4295;
/** No series may score worse than this multiple of the better baseline. */
const WORST_RATIO = 1.5;

const methods: Record<string, Forecaster> = {
  headroom: (train, trainT, h) => {
    const r = forecast(trainT, train, { horizon: h });
    if (!r.ok) throw new Error(r.message);
    return r.mean;
  },
  seasonalNaive: (train, _t, h, m) => seasonalNaive(train, m, h),
  predictLinear: (train, _t, h, m) => predictLinear(train, m, h),
};

function load(f: string) {
  const parsed = parseSeriesCsv(fs.readFileSync(sharedPath('data', 'forecast', f), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  const g = gridSeries(parsed.t, parsed.values);
  if (!g) throw new Error(`${f}: no grid`);
  return g;
}

describeWithShared('forecast accuracy on the NAB series (MASE, geometric mean)', files.map((f) => ['data', 'forecast', f]), () => {
  const series = () => files.map((f) => ({ f, ...load(f) }));

  it('beats seasonal naive (by ≥ 20 %), predict_linear and the forecaster before issue 22 at 1 d', () => {
    const scores: Record<string, number[]> = { headroom: [], seasonalNaive: [], predictLinear: [] };
    for (const g of series()) for (const [name, m] of Object.entries(methods)) scores[name].push(scoreSeries(g.t, g.y, g.step, m).mase);
    const geo = Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, geometricMean(v)]));
    expect(geo.headroom).toBeLessThanOrEqual(0.8 * geo.seasonalNaive);
    expect(geo.headroom).toBeLessThan(geo.predictLinear);
    expect(geo.headroom).toBeLessThan(BEFORE);
  }, 60_000);

  it.each([
    ['1 d', DAY],
    ['6 h', DAY / 4],
  ])('no series is more than 1.5x worse than the better baseline at %s', (_label, seconds) => {
    const worse: string[] = [];
    for (const g of series()) {
      const h = Math.round(seconds / g.step);
      const [hr, sn, pl] = ['headroom', 'seasonalNaive', 'predictLinear'].map((k) => scoreSeries(g.t, g.y, g.step, methods[k], h).mase);
      if (!(hr <= WORST_RATIO * Math.min(sn, pl))) worse.push(`${g.f}: ${hr} vs ${sn}, ${pl}`);
    }
    expect(worse).toEqual([]);
  }, 60_000);

  it('replaces at most 5 % of the points of each series as outliers', () => {
    for (const g of series()) {
      const per = resolvePeriods('auto', g.step, g.y.length);
      const periods = 'ok' in per ? [] : per.periods;
      const { replaced } = replaceOutliers(impute(g.y, periods[0] ?? 0).values, periods);
      expect(replaced).toBeLessThanOrEqual(0.05 * g.y.length);
    }
  });
});

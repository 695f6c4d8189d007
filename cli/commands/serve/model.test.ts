// What `headroom forecast serve` serves for a series equals what the capacity forecast panel
// computes for the same points (jsdom: @grafana/data needs a window). The panel stops at 10,000
// points (about 35 days at 5 minutes), the server forecasts 365 days: once a horizon is longer than
// a sixth of the history and than the level model's lead times, the forecast's first points no
// longer depend on it, so the panel at 30 days gives the served 1, 7 and 30 days.
import { FieldType, toDataFrame } from '@grafana/data';
import { capacityForecast } from '../../../panels/capacityforecast/model/runForecast';
import { defaultCapacityForecastOptions } from '../../../panels/capacityforecast/types';
import { parseServeConfig } from './config';
import { capacityFor, seriesSamples, servedLabels, spanPoints, type OutSample } from './model';

const STEP = 300;
const t0 = 1_737_000_000;
const n = 288 * 12;
const tMs = Float64Array.from({ length: n }, (_, i) => (t0 + i * STEP) * 1000);
const v = Float64Array.from({ length: n }, (_, i) => 60 + i * 0.01 + 15 * Math.sin((2 * Math.PI * i) / 288) + 2 * Math.sin(i * 12.9898));
const config = parseServeConfig('{"series": [{"name": "web", "query": "q", "capacity": 110, "labels": {"team": "x"}}]}');
const entry = config.series[0];

function value(samples: OutSample[], family: string, extra: Record<string, string> = {}): number {
  const got = samples.filter((s) => s.family === family && Object.entries(extra).every(([k, x]) => s.labels[k] === x));
  if (got.length !== 1) throw new Error(`${family} ${JSON.stringify(extra)}: ${got.length}`);
  return got[0].value;
}

describe('served forecast = capacity panel', () => {
  it('gives the panel’s mean, bounds and exhaustion at the served horizons it reaches (30 days)', () => {
    const served = seriesSamples({ labels: { __name__: 'demand', pod: 'a' }, t: tMs, v }, entry, config, 110).samples;
    const frame = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: Array.from(tMs) },
        { name: 'demand', type: FieldType.number, values: Array.from(v) },
      ],
    });
    const panel = capacityForecast([frame], { ...defaultCapacityForecastOptions, horizon: '30d', capacity: 110 });
    if ('message' in panel) throw new Error(panel.message);
    expect(panel.forecast.mean.length).toBe((30 * 86_400) / STEP);
    expect(spanPoints(STEP)).toBe((365 * 86_400) / STEP);
    for (const [h, days] of [['1d', 1], ['7d', 7], ['30d', 30]] as const) {
      const k = (days * 86_400) / STEP - 1;
      expect(value(served, 'headroom_forecast_mean', { horizon: h })).toBe(panel.forecast.mean[k]);
      expect(value(served, 'headroom_forecast_lower', { horizon: h })).toBe(panel.forecast.lower[k]);
      expect(value(served, 'headroom_forecast_upper', { horizon: h })).toBe(panel.forecast.upper[k]);
    }
    const ex = panel.exhaustion;
    if (!ex) throw new Error('the panel found no exhaustion');
    const lastT = panel.forecast.lastT;
    expect(value(served, 'headroom_forecast_exhaustion_seconds', { bound: 'mean' })).toBe(ex.tMean === null ? Infinity : ex.tMean - lastT);
    expect(value(served, 'headroom_forecast_exhaustion_seconds', { bound: 'upper' })).toBe(ex.tUpper === null ? Infinity : ex.tUpper - lastT);
    expect(ex.tMean).not.toBeNull();
    expect(value(served, 'headroom_forecast_exhaustion_probability', { window: '30d' })).toBe(ex.probability);
    expect(value(served, 'headroom_forecast_insufficient_history')).toBe(0);
    expect(served.every((s) => s.labels.pod === 'a' && s.labels.team === 'x' && s.labels.forecast === 'web' && !('__name__' in s.labels))).toBe(true);
  });
});

describe('servedLabels and capacityFor', () => {
  it('drops __name__, renames reserved and invalid names, adds the config labels and forecast', () => {
    expect(servedLabels({ __name__: 'x', horizon: 'h', 'a.b': '1', team: 'src' }, entry)).toEqual({ exported_horizon: 'h', a_b: '1', team: 'x', forecast: 'web' });
  });

  it('takes the fixed capacity, the only capacity series, or the one with the same labels', () => {
    const s = (labels: Record<string, string>, vals: number[]) => ({ labels, t: new Float64Array(vals.length), v: Float64Array.from(vals) });
    const q = { ...entry, capacity: null, capacityQuery: 'cap' };
    expect(capacityFor(entry, {}, null)).toBe(110);
    expect(capacityFor(q, { pod: 'a' }, [s({}, [1, 2, NaN])])).toBe(2);
    expect(capacityFor(q, { __name__: 'd', pod: 'b' }, [s({ pod: 'a' }, [5]), s({ pod: 'b' }, [7])])).toBe(7);
    expect(capacityFor(q, { pod: 'c' }, [s({ pod: 'a' }, [5]), s({ pod: 'b' }, [7])])).toBeNull();
    expect(capacityFor(q, { pod: 'a' }, [])).toBeNull();
  });
});

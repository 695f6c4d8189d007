import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { FieldType, toDataFrame } from '@grafana/data';
import { runForecast } from '../../../cli/commands/forecast';
import { parseSeriesCsv } from '../../../core/forecast';
import { defaultCapacityForecastOptions, CapacityForecastOptions } from '../types';
import { horizonPoints, scenarioPercents, seasonOption } from './inputs';
import { scenarioSummary } from '../components/ForecastHeader';
import { capacityForecast, typicalErrorShare } from './runForecast';
import { describeWithShared, sharedPath } from '../../../test/shared';

function frame(refId: string, tSeconds: ArrayLike<number>, values: ArrayLike<number>, name = 'requests') {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: Array.from(tSeconds, (s) => s * 1000) },
      { name, type: FieldType.number, values: Array.from(values) },
    ],
  });
}

/** `headroom forecast` and the panel on the same CSV file: the same model, points and exhaustion. */
function expectSameAsCli(file: string, capacity: number) {
  const csv = parseSeriesCsv(fs.readFileSync(file, 'utf8'));
  if (!csv.ok) throw new Error(csv.message);
  const out: string[] = [];
  expect(runForecast(['--input', file, '--horizon', '288', '--capacity', String(capacity)], (l) => out.push(l), () => {})).toBe(0);
  const cli = JSON.parse(out[0]);
  const panel = capacityForecast([frame('A', csv.t, csv.values)], options({ horizon: '1d', capacity }));
  if ('message' in panel) throw new Error(panel.message);
  expect(panel.forecast.model).toBe(cli.model);
  expect(cli.points).toHaveLength(panel.forecast.t.length);
  cli.points.forEach((p: { t: number; mean: number; lower: number; upper: number }, i: number) => {
    expect(p.t).toBe(panel.forecast.t[i]);
    expect(p.mean).toBe(panel.forecast.mean[i]);
    expect(p.lower).toBe(panel.forecast.lower[i]);
    expect(p.upper).toBe(panel.forecast.upper[i]);
  });
  expect(cli.exhaustion === null ? null : cli.exhaustion.t).toBe(panel.exhaustion?.tMean ?? null);
  return cli;
}

function writeCsv(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-capacity-')), 'series.csv');
  fs.writeFileSync(file, text);
  return file;
}

const options = (patch: Partial<CapacityForecastOptions> = {}): CapacityForecastOptions => ({ ...defaultCapacityForecastOptions, ...patch });
const hourly = Array.from({ length: 24 * 14 }, (_, i) => i * 3600);
const trend = hourly.map((_, i) => 100 + i * 2 + 20 * Math.sin((i / 24) * 2 * Math.PI));
// Two weeks at 5 minutes, rising towards 80 with a daily cycle and deterministic noise.
const fiveMinutes = Array.from({ length: 288 * 14 }, (_, i) => 1_700_000_000 + i * 300);
const noisy = fiveMinutes.map((_, i) => 40 + i * 0.008 + 12 * Math.sin((i / 288) * 2 * Math.PI) + 3 * Math.sin(i * 12.9898));
const NAB_EC2 = ['data', 'forecast', 'nab_ec2_cpu_utilization_5f5533.csv'];

describe('capacityForecast', () => {
  it('gives the same forecast as `headroom forecast` for the same series and options', () => {
    const cli = expectSameAsCli(writeCsv(fiveMinutes.map((t, i) => `${t},${noisy[i]}`).join('\n')), 80);
    expect(cli.exhaustion.t).toBeGreaterThan(fiveMinutes[fiveMinutes.length - 1]);
  });

  it('finds when a growing series reaches a fixed capacity, with headroom against the last value', () => {
    const r = capacityForecast([frame('A', hourly, trend)], options({ horizon: '7d', capacity: 1000 }));
    if ('message' in r) throw new Error(r.message);
    expect(r.headroom).toBeCloseTo((1000 - r.forecast.lastValue) / 1000, 12);
    expect(r.exhaustion?.tMean).not.toBeNull();
    expect(r.exhaustion!.tMean!).toBeGreaterThan(hourly[hourly.length - 1]);
  });

  it('takes the capacity from another query, as its last value', () => {
    const capacity = frame('B', hourly, hourly.map((_, i) => (i < 100 ? 800 : 1200)), 'capacity');
    const r = capacityForecast([frame('A', hourly, trend), capacity], options({ capacitySource: 'query', capacityRefId: 'B' }));
    if ('message' in r) throw new Error(r.message);
    expect(r.inputs.capacity).toBe(1200);
    expect(r.inputs.label).toBe('requests');
  });

  it('says what is wrong: no capacity query result, too short a series, a bad horizon, already exceeded', () => {
    expect(capacityForecast([frame('A', hourly, trend)], options({ capacitySource: 'query', capacityRefId: 'B' }))).toEqual({
      message: 'No capacity: the query with refId B returned no series.',
    });
    expect(capacityForecast([frame('A', [0], [1])], options())).toEqual({ message: expect.stringMatching(/Too short/) });
    expect(capacityForecast([frame('A', hourly, trend)], options({ horizon: 'soon' }))).toEqual({ message: expect.stringMatching(/not a duration/) });
    const r = capacityForecast([frame('A', hourly, trend)], options({ capacity: 50 }));
    if ('message' in r) throw new Error(r.message);
    expect(r.exhaustion?.alreadyExceeded).toBe(true);
    expect(r.headroom).toBeLessThan(0);
  });

  it('sums several series and says so', () => {
    const r = capacityForecast([frame('A', hourly, trend, 'a'), frame('A', hourly, trend, 'b')], options({ capacity: 5000 }));
    if ('message' in r) throw new Error(r.message);
    expect(r.inputs.label).toBe('sum of 2 series');
    expect(r.inputs.values[10]).toBeCloseTo(trend[10] * 2, 9);
  });

  it('never throws on random series, and keeps lower ≤ mean ≤ upper', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN), fc.constant(Infinity));
    fc.assert(
      fc.property(fc.array(value, { minLength: 0, maxLength: 80 }), fc.integer({ min: 1, max: 600 }), (values, stepS) => {
        const r = capacityForecast([frame('A', values.map((_, i) => i * stepS), values)], options({ horizon: '1h', capacity: 10 }));
        if ('message' in r) return;
        for (let i = 0; i < r.forecast.mean.length; i++) {
          expect(r.forecast.lower[i]).toBeLessThanOrEqual(r.forecast.mean[i]);
          expect(r.forecast.mean[i]).toBeLessThanOrEqual(r.forecast.upper[i]);
        }
      }),
      { numRuns: 60 }
    );
  });
});

describeWithShared('capacityForecast on the NAB EC2 series', [NAB_EC2], () => {
  it('gives the same forecast as `headroom forecast` on the real series', () => {
    expectSameAsCli(sharedPath(...NAB_EC2), 90);
  });
});

describe('growth scenarios', () => {
  it('a year ahead, each scenario is `headroom forecast --growth` of its rate, and more growth runs out sooner', () => {
    const file = writeCsv(fiveMinutes.map((t, i) => `${t},${noisy[i]}`).join('\n'));
    const panel = capacityForecast([frame('A', fiveMinutes, noisy)], options({ horizon: '365d', capacity: 150, growthPercentPerYear: 50, growthScenarios: '0, 50, 100' }));
    if ('message' in panel) throw new Error(panel.message);
    expect(panel.forecast.t).toHaveLength(105_120);
    expect(panel.scenarios.map((s) => s.growthPercent)).toEqual([0, 50, 100]);
    for (const s of panel.scenarios) {
      const out: string[] = [];
      expect(runForecast(['--input', file, '--horizon', '365d', '--capacity', '150', '--growth', `${s.growthPercent}%`], (l) => out.push(l), () => {})).toBe(0);
      const cli = JSON.parse(out[0]);
      for (const k of [0, 288 * 30 - 1, 105_119]) expect(s.forecast.mean[k]).toBe(cli.points[k].mean);
      expect(s.exhaustion?.tMean ?? null).toBe(cli.exhaustion === null ? null : cli.exhaustion.t);
    }
    // The planned growth (50) is the scenario of the same rate.
    expect(Array.from(panel.forecast.mean)).toEqual(Array.from(panel.scenarios[1].forecast.mean));
    const when = panel.scenarios.map((s) => s.exhaustion?.tMean ?? Infinity);
    expect(when[2]).toBeLessThan(when[1]);
    expect(when[1]).toBeLessThan(when[0]);
    expect(when[1]).toBeLessThan(Infinity);
    expect(scenarioSummary(panel, 'utc')).toMatch(/^Runs out at 0 %\/y: (\d{4}-\d\d-\d\d \d\d:\d\d|not within the horizon) · 50 %\/y: \d{4}-\d\d-\d\d \d\d:\d\d · 100 %\/y: \d{4}-/);
  });

  it('no scenarios: none drawn or said; a bad one is one message', () => {
    const panel = capacityForecast([frame('A', fiveMinutes, noisy)], options({ horizon: '1d', capacity: 80 }));
    if ('message' in panel) throw new Error(panel.message);
    expect(panel.scenarios).toEqual([]);
    expect(scenarioSummary(panel, 'utc')).toBe('');
    expect(capacityForecast([frame('A', fiveMinutes, noisy)], options({ growthScenarios: '0, lots' }))).toEqual({ message: expect.stringMatching(/Growth scenario "lots"/) });
  });
});

describe('options', () => {
  it('reads horizons and seasons, and names what it cannot read', () => {
    expect(horizonPoints('1d', 300)).toBe(288);
    expect(horizonPoints('30d', 1)).toBe(106_000);
    expect(horizonPoints('365d', 300)).toBe(105_120);
    expect(scenarioPercents('0, 50%, 100')).toEqual([0, 50, 100]);
    expect(scenarioPercents('')).toEqual([]);
    expect(scenarioPercents('50, 50')).toEqual([50]);
    expect(scenarioPercents('0, fast')).toEqual({ message: expect.stringMatching(/^Growth scenario "fast" must be a yearly rate/) });
    expect(scenarioPercents('-100')).toEqual({ message: expect.stringMatching(/"-100"/) });
    expect(seasonOption('auto')).toBe('auto');
    expect(seasonOption('1d')).toBe(86400);
    expect(seasonOption('3600')).toBe(3600);
    expect(seasonOption('weekly')).toEqual({ message: expect.stringMatching(/must be auto, none/) });
  });
});

describe('typicalErrorShare', () => {
  it('is the backtest MAE over the mean absolute size of the history', () => {
    const backtest = { mae: 0.8, mase: 1.2, folds: 3, horizon: 10 };
    expect(typicalErrorShare({ backtest }, Float64Array.of(9, 10, 11, NaN))).toBeCloseTo(0.08, 12);
    expect(typicalErrorShare({ backtest: null }, Float64Array.of(9, 10))).toBeNull();
    expect(typicalErrorShare({ backtest }, Float64Array.of(0, 0))).toBeNull();
  });
});

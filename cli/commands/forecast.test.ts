/** @jest-environment node */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { forecast } from '../../core/forecast';
import { forecastCommand, parseGrowth, parseSeason, runForecast } from './forecast';
import { describeWithShared, sharedPath } from '../../test/shared';
import { commands } from './index';

const TAXI = ['data', 'forecast', 'nab_nyc_taxi.csv'];

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runForecast(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

function tmpFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-forecast-'));
  const p = join(dir, 'series.csv');
  writeFileSync(p, text);
  return p;
}

/** Hourly rising series with a daily cycle, as CSV with date-time timestamps. */
function risingCsv(days = 21, header = true): string {
  const lines = header ? ['timestamp,value'] : [];
  for (let i = 0; i < days * 24; i++) {
    const d = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
    lines.push(`${d},${(100 + i * 0.5 + 20 * Math.sin((2 * Math.PI * i) / 24) + Math.sin(i * 12.9898)).toFixed(3)}`);
  }
  return lines.join('\n') + '\n';
}

describe('headroom forecast', () => {
  it('is registered and prints help', () => {
    expect(commands).toContain(forecastCommand);
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^Usage: headroom forecast --input FILE.csv --horizon N/);
  });

  it('prints exactly N points at the series step, with lower ≤ mean ≤ upper', () => {
    const file = tmpFile(risingCsv());
    const r = run(['--input', file, '--horizon', '36']);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    const doc = JSON.parse(r.out[0]);
    expect(Object.keys(doc)).toEqual(['model', 'points']);
    expect(typeof doc.model).toBe('string');
    expect(doc.points).toHaveLength(36);
    const last = Date.UTC(2024, 0, 1) / 1000 + (21 * 24 - 1) * 3600;
    doc.points.forEach((p: { t: number; mean: number; lower: number; upper: number }, k: number) => {
      expect(Object.keys(p)).toEqual(['t', 'mean', 'lower', 'upper']);
      expect(p.t).toBe(last + (k + 1) * 3600);
      expect(p.lower).toBeLessThanOrEqual(p.mean);
      expect(p.mean).toBeLessThanOrEqual(p.upper);
    });
  });

  it('gives the same forecast as the core function (what the panel calls)', () => {
    const text = risingCsv(10, false);
    const r = run(['--input', tmpFile(text), '--horizon', '12', '--season', '1d', '--growth', '50%']);
    const rows = text.trim().split('\n').map((l) => l.split(','));
    const core = forecast(
      rows.map((c) => Date.parse(c[0].replace(' ', 'T') + 'Z') / 1000),
      rows.map((c) => Number(c[1])),
      { horizon: 12, season: 86_400, growthPerYear: 0.5 },
    );
    if (!core.ok) throw new Error(core.message);
    const doc = JSON.parse(r.out[0]);
    expect(doc.model).toBe(core.model);
    expect(doc.points.map((p: { mean: number }) => p.mean)).toEqual(Array.from(core.mean));
  });

  it('with --capacity reports exhaustion, null when out of reach, and an already exceeded capacity', () => {
    const file = tmpFile(risingCsv());
    const soon = JSON.parse(run(['--input', file, '--horizon', '48', '--capacity', '370']).out[0]);
    expect(soon.exhaustion).not.toBeNull();
    expect(soon.exhaustion.t).toBeGreaterThan(soon.points[0].t - 3600);
    expect(soon.exhaustion.tUpper).toBeLessThanOrEqual(soon.exhaustion.t);
    expect(soon.exhaustion.probability).toBeGreaterThan(0.5);
    expect(soon.exhaustion.alreadyExceeded).toBe(false);
    const never = JSON.parse(run(['--input', file, '--horizon', '48', '--capacity', '1e6']).out[0]);
    expect(never.exhaustion).toBeNull();
    const past = JSON.parse(run(['--input', file, '--horizon', '4', '--capacity', '10']).out[0]);
    expect(past.exhaustion).toMatchObject({ alreadyExceeded: true, probability: 1 });
  });

  it('reads unix seconds, NaN values and gaps, with notes on stderr', () => {
    const lines = ['1700000000,1', '1700000060,NaN', '1700000120,3', '1700000300,6', '1700000360,7'];
    const r = run(['--input', tmpFile(lines.join('\n')), '--horizon', '3']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out[0]);
    expect(doc.points.map((p: { t: number }) => p.t)).toEqual([1700000420, 1700000480, 1700000540]);
    expect(r.err.join('\n')).toMatch(/note: .*missing point/);
  });

  it('one clear line and exit 2 for each kind of bad input', () => {
    const good = tmpFile(risingCsv(3));
    const cases: Array<[string[], RegExp]> = [
      [[], /--input FILE.csv is required/],
      [['--input', good], /--horizon N is required/],
      [['--input', good, '--horizon', '0'], /--horizon must be a whole number/],
      [['--input', good, '--horizon', '2.5'], /--horizon must be a whole number/],
      [['--input', good, '--horizon'], /--horizon needs a value/],
      [['--input', good, '--horizon', '3', '--season', 'weekly'], /--season must be auto, none or a cycle/],
      [['--input', good, '--horizon', '3', '--season', '30'], /season 30s is not a multiple of at least 2 steps/],
      [['--input', good, '--horizon', '3', '--capacity', 'lots'], /--capacity must be a number/],
      [['--input', good, '--horizon', '3', '--growth', '-100%'], /--growth must be a yearly rate/],
      [['--input', good, '--horizon', '3', '--level', '95'], /--level must be between 0 and 1/],
      [['--input', good, '--horizon', '3', '--scenarios', '0%,lots'], /--scenarios must be yearly rates above -100 % separated by commas/],
      [['--input', good, '--horizon', '200000w'], /--horizon is 33600000 points at the series' step of 3600 s, more than 1000000/],
      [['--input', good, '--horizon', '3', '--frobnicate'], /unknown option "--frobnicate"/],
      [['--input', '/nonexistent/x.csv', '--horizon', '3'], /cannot read \/nonexistent\/x.csv: no such file/],
      [['--input', tmpFile('timestamp,value\n'), '--horizon', '3'], /no data lines/],
      [['--input', tmpFile('2024-01-01 00:00:00,1\nnot a time,2\n'), '--horizon', '3'], /line 2: bad timestamp/],
      [['--input', tmpFile('1,2\n2,3,4\n'), '--horizon', '3'], /line 2: expected "timestamp,value"/],
      [['--input', tmpFile('1,5\n'), '--horizon', '3'], /need at least 2 finite observations/],
      [['--input', tmpFile('1,5\n2,6\n'), '--horizon', '3'], /need at least 3 points/],
      [['--input', tmpFile('1,5\n2,6\n3,7\n9000000000,1\n'), '--horizon', '3'], /timestamps too irregular/],
    ];
    for (const [argv, line] of cases) {
      const r = run(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.out).toEqual([]);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(/^headroom forecast: /);
      expect(r.err[0]).toMatch(line);
    }
  });

  it('a span as --horizon is that many points at the series step, up to a year', () => {
    const file = tmpFile(risingCsv());
    for (const [span, n] of [['12h', 12], ['90d', 90 * 24], ['365d', 365 * 24], ['52w', 52 * 7 * 24]] as const) {
      const doc = JSON.parse(run(['--input', file, '--horizon', span]).out[0]);
      expect({ span, n: doc.points.length }).toEqual({ span, n });
    }
  });

  it('--scenarios gives the forecast under each growth rate, equal to a run with that --growth, with its exhaustion', () => {
    const file = tmpFile(risingCsv());
    const doc = JSON.parse(run(['--input', file, '--horizon', '365d', '--capacity', '1000', '--growth', '50%', '--scenarios', '0%,50%,100%']).out[0]);
    expect(doc.scenarios.map((s: { growth: number }) => s.growth)).toEqual([0, 0.5, 1]);
    for (const s of doc.scenarios as { growth: number; points: unknown[]; exhaustion: unknown }[]) {
      const alone = JSON.parse(run(['--input', file, '--horizon', '365d', '--capacity', '1000', '--growth', String(s.growth)]).out[0]);
      expect(s.points).toEqual(alone.points);
      expect(s.exhaustion).toEqual(alone.exhaustion);
    }
    // The top-level forecast is --growth's; more growth reaches the capacity sooner.
    expect(doc.points).toEqual(doc.scenarios[1].points);
    const at = (s: { exhaustion: { t: number } }) => s.exhaustion.t;
    expect(at(doc.scenarios[2])).toBeLessThan(at(doc.scenarios[1]));
    expect(at(doc.scenarios[1])).toBeLessThan(at(doc.scenarios[0]));
    // Without a capacity, the scenarios have no exhaustion field.
    const plain = JSON.parse(run(['--input', file, '--horizon', '24', '--scenarios', '0,1']).out[0]);
    expect(Object.keys(plain.scenarios[0])).toEqual(['growth', 'points']);
  });

  it('parses season and growth forms', () => {
    expect(parseSeason('auto')).toBe('auto');
    expect(parseSeason('3600')).toBe(3600);
    expect(parseSeason('7d')).toBe(604_800);
    expect(parseGrowth('50%')).toBe(0.5);
    expect(parseGrowth('+50%/year')).toBe(0.5);
    expect(parseGrowth('0.25')).toBe(0.25);
    expect(parseGrowth('-20%')).toBeCloseTo(-0.2);
  });
});

describeWithShared('headroom forecast on the NAB taxi series', [TAXI], () => {
  it('forecasts the shared taxi series a day ahead', () => {
    const r = run(['--input', sharedPath(...TAXI), '--horizon', '48']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out[0]);
    expect(doc.points).toHaveLength(48);
    expect(doc.points[1].t - doc.points[0].t).toBe(1800);
  });
});

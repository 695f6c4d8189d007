import { formatBucketAmount } from './format';
import { colorTable } from './colors';
import { strokeLevel } from './drawLines';
import { columnAt, rowAt } from './hover';
import { createScratch, writeHeatmap } from './heatmapImage';
import { createYScale } from './yScale';

describe('createYScale', () => {
  it('stacks bucket rows top-down with a band for +Inf, on linear and log axes', () => {
    for (const kind of ['linear', 'log'] as const) {
      const y = createYScale(kind, [0, 0.1, 0.5], [0.1, 0.5, Infinity], 100);
      expect(y.rowTop[2]).toBe(0);
      expect(y.rowBottom[0]).toBe(100);
      for (let j = 0; j < 3; j++) expect(y.rowTop[j]).toBeLessThan(y.rowBottom[j]);
      expect(y.rowBottom[1]).toBeCloseTo(y.rowTop[0], 9);
      expect(y.ticks.length).toBeGreaterThan(1);
    }
  });

  it('draws values a log axis cannot show at its floor, and -Inf at the very bottom', () => {
    const y = createYScale('log', [-Infinity, 0], [0, 1], 50);
    expect(y.toY(-3)).toBe(y.toY(0));
    expect(Number.isFinite(y.toY(0))).toBe(true);
    expect(y.toY(-Infinity)).toBe(50);
  });
});

describe('strokeLevel', () => {
  const recording = () => {
    const calls: string[] = [];
    const ctx = new Proxy({} as Record<string, unknown>, {
      get: (target, prop: string) => (prop in target ? target[prop] : (...args: unknown[]) => calls.push(`${prop}(${args.join(',')})`)),
      set: (target, prop: string, value) => ((target[prop] = value), true),
    });
    return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
  };
  const x = { from: 0, to: 1, width: 100 };

  it('draws a level inside the buckets, and nothing for one beyond them (Grafana\'s default threshold 80 on a 10 s histogram)', () => {
    for (const kind of ['log', 'linear'] as const) {
      const y = createYScale(kind, [0, 0.005, 0.5, 10], [0.005, 0.5, 10, Infinity], 200);
      const inside = recording();
      strokeLevel(inside.ctx, 0.5, x, y, 'red', 'SLO 500 ms');
      expect(inside.calls.filter((c) => c.startsWith('stroke('))).toHaveLength(1);
      expect(inside.calls.some((c) => c.startsWith('fillText(SLO 500 ms'))).toBe(true);
      for (const beyond of [80, kind === 'log' ? 0.001 : -1]) {
        const outside = recording();
        strokeLevel(outside.ctx, beyond, x, y, 'red', '80 s');
        expect(outside.calls).toEqual([]);
      }
    }
  });
});

describe('strokeLevel label', () => {
  it('writes the label on a halo of the given background colour first, so it reads over heatmap cells', () => {
    const calls: string[] = [];
    const state: Record<string, unknown> = {};
    const ctx = new Proxy(state, {
      get: (target, prop: string) => (prop in target ? target[prop] : (...args: unknown[]) => calls.push(`${prop}(${args[0] ?? ''}) ${target.strokeStyle ?? ''}/${target.fillStyle ?? ''}`)),
      set: (target, prop: string, value) => ((target[prop] = value), true),
    }) as unknown as CanvasRenderingContext2D;
    const y = createYScale('log', [0, 0.1, 1], [0.1, 1, Infinity], 100);
    strokeLevel(ctx, 0.5, { from: 0, to: 1, width: 100 }, y, 'red', 'SLO 500 ms', [6, 4], '#111217');
    const text = calls.filter((c) => c.startsWith('strokeText') || c.startsWith('fillText'));
    expect(text).toEqual(['strokeText(SLO 500 ms) #111217/', 'fillText(SLO 500 ms) #111217/red']);
  });
});

describe('writeHeatmap', () => {
  const table = colorTable('Blues', false, 1);

  it('colours each bucket row of each column, keeps zero and NaN transparent, and keeps peaks when columns share a pixel', () => {
    const words = new Uint32Array(4 * 2);
    // 4 columns at t = 1..4 (step 1), 2 buckets; row 0 at the bottom (y 1), row 1 at the top (y 0).
    const counts = [1, 0, 4, NaN, 0, 0, 2, 1];
    writeHeatmap(
      { times: [1, 2, 3, 4], counts, size: 2, rowTop: [1, 0], rowBottom: [2, 1], maxCount: 4 },
      0,
      4,
      table,
      { width: 4, height: 2, words },
      createScratch()
    );
    expect(words[1 * 4 + 0]).toBe(table[Math.floor(Math.sqrt(1) * (255 / 2))]);
    expect(words[0 * 4 + 0]).toBe(0);
    expect(words[1 * 4 + 1]).toBe(table[255]);
    expect(words[0 * 4 + 1]).toBe(0);
    expect(words[1 * 4 + 2]).toBe(0);
    const narrow = new Uint32Array(1 * 2);
    writeHeatmap({ times: [1, 2, 3, 4], counts, size: 2, rowTop: [1, 0], rowBottom: [2, 1], maxCount: 4 }, 0, 4, table, { width: 1, height: 2, words: narrow }, createScratch());
    expect(narrow[1]).toBe(table[255]);
  });

  it('draws nothing for an empty range or no counts', () => {
    const words = new Uint32Array(4).fill(7);
    writeHeatmap({ times: [], counts: [], size: 0, rowTop: [], rowBottom: [], maxCount: 0 }, 0, 1, table, { width: 2, height: 2, words }, createScratch());
    expect(Array.from(words)).toEqual([0, 0, 0, 0]);
  });
});

describe('hover lookups', () => {
  it('finds the column whose interval holds a time, and the row under a pixel', () => {
    const times = [10, 20, 30];
    expect(columnAt(times, 15)).toBe(1);
    expect(columnAt(times, 30)).toBe(2);
    expect(columnAt(times, 55)).toBe(-1);
    expect(columnAt([], 1)).toBe(-1);
    expect(rowAt([50, 0], [100, 50], 60)).toBe(0);
    expect(rowAt([50, 0], [100, 50], 120)).toBe(-1);
  });
});

describe('colorTable', () => {
  it('is opaque for opacity 1 and reverses single-hue schemes on dark backgrounds', () => {
    const light = colorTable('Oranges', false, 1);
    const dark = colorTable('Oranges', true, 1);
    expect(light[0] >>> 24).toBe(255);
    expect(dark[0]).toBe(light[255]);
    expect(colorTable('nope', false, 0.5)[10] >>> 24).toBe(128);
  });
});

describe('formatBucketAmount', () => {
  it('says requests per second with the requests of the interval, or whole requests, never "count 37.36"', () => {
    expect(formatBucketAmount(37.36, 'rate', 15_000)).toBe('37.4 req/s (≈ 560 in 15s)');
    expect(formatBucketAmount(1234.5, 'rate', 60_000)).toBe('1,230 req/s (≈ 74,070 in 1m)');
    expect(formatBucketAmount(0.0123, 'rate', 90_000)).toBe('0.0123 req/s (≈ 1 in 1m30s)');
    expect(formatBucketAmount(37.36, 'count', 15_000)).toBe('37 requests');
    expect(formatBucketAmount(0.2, 'count', 15_000)).toBe('< 1 request');
    expect(formatBucketAmount(1.2, 'count', 15_000)).toBe('1 request');
    expect(formatBucketAmount(37.36, 'unknown', 15_000)).toBe('value 37.4');
    expect(formatBucketAmount(NaN, 'rate', 15_000)).toBe('n/a');
    expect(formatBucketAmount(2, 'rate', 0)).toBe('2 req/s');
  });
});

import { bucketize, prepare } from '../model/perRequest';
import { drawStack, niceTicks, yMaxOf } from './drawStack';

const MIN = 60_000;
const t = Float64Array.from({ length: 120 }, (_, i) => i * MIN);

function columns(low = false) {
  const p = prepare({
    groups: [
      { name: 'a', t, rate: new Float64Array(120).fill(3), types: {} },
      { name: 'b', t, rate: new Float64Array(120).fill(1), types: {} },
    ],
    requests: [{ t, v: Float64Array.from(t, (_, i) => (low && i > 60 ? 1 : 600)), kind: 'increase', stepMs: MIN }],
  });
  return bucketize(p, 0, 119 * MIN, 536, 1000, 100);
}

function ctx(width = 600, height = 300) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas.getContext('2d') as CanvasRenderingContext2D & { __calls: string[] };
}

const colors = { groups: ['#f00', '#0f0'], budget: '#f0f', lowTraffic: '#eee', text: '#999', grid: '#ccc' };
const format = { value: (v: number) => v.toFixed(3), time: (ms: number) => String(ms) };

describe('drawStack', () => {
  it('fills one stacked area per group, draws the budget and the axes', () => {
    const c = ctx();
    const drawn = drawStack(c, columns(), 600, 300, 1, colors, format, 0.2);
    const calls = c.__calls;
    // one bar per column and group (2 groups × 536 columns), the budget dashed
    expect(calls.filter((x) => x === 'fillRect(4)').length).toBe(2 * 536);
    expect(calls).toContain('setLineDash(1)');
    expect(calls.filter((x) => x.startsWith('fillText')).length).toBeGreaterThan(3);
    expect(drawn.plotW).toBe(536);
    expect(drawn.columnAtPx(10)).toBe(10);
    expect(drawn.columnAtPx(-1)).toBe(-1);
  });

  it('shades columns without enough traffic', () => {
    const c = ctx();
    const cols = columns(true);
    drawStack(c, cols, 600, 300, 2, colors, format, null);
    const bars = 2 * [...cols.total].filter((x) => Number.isFinite(x)).length;
    expect(c.__calls.filter((x) => x === 'fillRect(4)').length).toBe(bars + 1);
  });

  it('scales to the highest total or the budget', () => {
    const cols = columns();
    const top = ((4 / 60 / 600) * 1000);
    expect(yMaxOf(cols, null)).toBeCloseTo(top * 1.08, 12);
    expect(yMaxOf(cols, 1)).toBeCloseTo(1.08, 12);
    expect(niceTicks(1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0, 4)).toEqual([0]);
  });
});

import { ForecastOk } from '../../../core/forecast';
import { CapacityForecast } from '../model/runForecast';
import { AXIS_BOTTOM, AXIS_LEFT, drawForecast } from './drawForecast';

/** A 2D context that records fillText calls with the alignment in force (measureText: 6 px a character). */
function recordingContext() {
  const texts: Array<{ text: string; x: number; y: number; align: string }> = [];
  const state: Record<string, unknown> = { textAlign: 'start', canvas: { width: 900, height: 300 } };
  const ctx = new Proxy(state, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop === 'measureText') return (text: string) => ({ width: text.length * 6 });
      if (prop === 'fillText') return (text: string, x: number, y: number) => texts.push({ text, x, y, align: String(target.textAlign) });
      return () => undefined;
    },
    set: (target, prop: string, value) => ((target[prop] = value), true),
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts };
}

const DAY = 86400;
const hist = Float64Array.from({ length: 14 * 24 }, (_, i) => i * 3600);
const fut = Float64Array.from({ length: 3 * 24 }, (_, i) => hist[hist.length - 1] + (i + 1) * 3600);
const result = {
  inputs: { t: hist, values: hist.map((_, i) => 5 + (i % 24 === 0 ? 7 : 0)), label: 'replicas', capacity: 12, capacitySeries: null },
  forecast: {
    ok: true,
    model: 'seasonal-naive(24)',
    t: fut,
    mean: fut.map(() => 6),
    lower: fut.map(() => 4),
    upper: fut.map(() => 13),
    level: 0.95,
    lastT: hist[hist.length - 1],
    lastValue: 5,
    warnings: [],
  } as unknown as ForecastOk,
  exhaustion: null,
  headroom: 0.58,
  scenarios: [],
} as CapacityForecast;

describe('drawForecast axes', () => {
  it('keeps every tick label inside the canvas: none past the right edge, none cut at the top', () => {
    const width = 900;
    const height = 300;
    const { ctx, texts } = recordingContext();
    drawForecast(ctx, result, hist[0], hist[hist.length - 1], width, height, 1, { history: 'blue', forecast: 'purple', band: 'violet', capacity: 'red', exhaustion: 'orange', scenario: 'grey', text: 'grey', grid: 'grey' }, undefined, 'utc');
    const plotW = width - AXIS_LEFT;
    const plotH = height - AXIS_BOTTOM;
    const timeLabels = texts.filter((t) => t.y === plotH + 5);
    const valueLabels = texts.filter((t) => t.y !== plotH + 5);
    expect(timeLabels.length).toBeGreaterThan(2);
    expect(valueLabels.length).toBeGreaterThan(2);
    // The x range ends 3 days after the history, where the last tick sits close to the edge.
    expect(hist[hist.length - 1] + 3 * DAY).toBe(fut[fut.length - 1]);
    for (const t of timeLabels) {
      expect(t.align).toBe('center');
      expect(t.x + (t.text.length * 6) / 2).toBeLessThanOrEqual(plotW);
    }
    for (const v of valueLabels) {
      expect(v.y).toBeGreaterThanOrEqual(6);
      expect(v.y).toBeLessThanOrEqual(plotH - 6);
    }
  });
});

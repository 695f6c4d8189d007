import { analyzeWorkload } from '../../../core/scaling';
import { scalingView } from '../model/analysis';
import { ksmFrames } from '../testFrames';
import { defaultScalingTimelineOptions } from '../types';
import { drawWorkload, RowColors } from './drawWorkload';

/** A 2D context that records fillText calls (text and position) and the points of lineTo calls. */
function recordingContext() {
  const texts: Array<{ text: string; x: number; y: number }> = [];
  const points: Array<{ x: number; y: number }> = [];
  const state: Record<string, unknown> = { canvas: { width: 900, height: 200 } };
  const ctx = new Proxy(state, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop === 'fillText') return (text: string, x: number, y: number) => texts.push({ text, x, y });
      if (prop === 'lineTo') return (x: number, y: number) => points.push({ x, y });
      return () => undefined;
    },
    set: (target, prop: string, value) => ((target[prop] = value), true),
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts, points };
}

const colors = new Proxy({}, { get: () => 'grey' }) as RowColors;

describe('drawWorkload axes', () => {
  it('keeps the replica and utilisation labels inside the row: 0 and the top value are not cut in half', () => {
    const view = scalingView(ksmFrames(), defaultScalingTimelineOptions, 240 * 30000);
    if ('message' in view) throw new Error(view.message);
    const height = 200;
    const { ctx, texts } = recordingContext();
    drawWorkload(ctx, view.analysis.workloads[0].analysis, { width: 900, height, left: 36, right: 40, from: 0, to: 240 * 30000 }, 1, colors);
    const replicas = texts.filter((t) => t.x < 0);
    const metric = texts.filter((t) => t.x > 0);
    expect(replicas.map((t) => t.text)).toContain('0');
    expect(metric.map((t) => t.text)).toEqual(['0 %', '50 %', '100 %']);
    for (const t of texts) {
      expect(t.y).toBeGreaterThanOrEqual(6);
      expect(t.y).toBeLessThanOrEqual(height - 6);
    }
  });
});

describe('drawWorkload lines', () => {
  it('draws 7 days at 30 s through a few points a pixel; a one-sample spike still reaches its height and sets the scale', () => {
    const n = 7 * 2880;
    const t = Float64Array.from({ length: n }, (_, i) => i * 30000);
    const v = t.map((_, i) => (i === 12345 ? 40 : 5 + (Math.floor(i / 500) % 3)));
    const a = analyzeWorkload({ current: { t, v }, min: 5, max: 12 });
    const { ctx, points } = recordingContext();
    const s = drawWorkload(ctx, a, { width: 1200, height: 70, left: 36, right: 40, from: 0, to: n * 30000 }, 2, colors);
    expect(s.maxReplicas).toBe(41);
    // Every sample would be 2 lineTo each for the replicas alone.
    expect(points.length).toBeLessThan(1000);
    expect(Math.min(...points.map((p) => p.y))).toBe(s.yReplicas(40));
    expect(points).toContainEqual({ x: s.x(t[12345]), y: s.yReplicas(40) });
  });
});

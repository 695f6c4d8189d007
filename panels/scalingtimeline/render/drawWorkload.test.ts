import { scalingView } from '../model/analysis';
import { ksmFrames } from '../testFrames';
import { defaultScalingTimelineOptions } from '../types';
import { drawWorkload, RowColors } from './drawWorkload';

/** A 2D context that records fillText calls (text and position). */
function recordingContext() {
  const texts: Array<{ text: string; x: number; y: number }> = [];
  const state: Record<string, unknown> = { canvas: { width: 900, height: 200 } };
  const ctx = new Proxy(state, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop === 'fillText') return (text: string, x: number, y: number) => texts.push({ text, x, y });
      return () => undefined;
    },
    set: (target, prop: string, value) => ((target[prop] = value), true),
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts };
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

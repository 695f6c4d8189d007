import { BREAK } from '../../../core/series/decimate';
import { linePoints, stepPath } from './paths';

/** A 2D context that records the path calls. */
function pathRecorder() {
  const calls: string[] = [];
  const ctx = {
    beginPath: () => calls.push('begin'),
    moveTo: (x: number, y: number) => calls.push(`M${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`L${x},${y}`),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const t = [0, 1, 2, 3, 4, 5];
const v = [10, 20, 20, 20, 30, 40];
const x = (ms: number) => ms * 100;
const y = (value: number) => -value;

describe('stepPath', () => {
  it('holds each value until the next kept sample, then steps; lifts the pen at BREAK', () => {
    const { ctx, calls } = pathRecorder();
    stepPath(ctx, t, v, Int32Array.from([0, 1, 3, BREAK, 4, 5]), x, y);
    expect(calls).toEqual(['begin', 'M0,-10', 'L100,-10', 'L100,-20', 'L300,-20', 'M400,-30', 'L500,-30', 'L500,-40']);
  });
});

describe('linePoints', () => {
  it('joins the kept samples straight across BREAKs, forwards or backwards', () => {
    const { ctx, calls } = pathRecorder();
    linePoints(ctx, t, v, Int32Array.from([0, 2, BREAK, 5]), x, y);
    linePoints(ctx, t, v, Int32Array.from([0, 2, BREAK, 5]), x, y, true);
    expect(calls).toEqual(['L0,-10', 'L200,-20', 'L500,-40', 'L500,-40', 'L200,-20', 'L0,-10']);
  });
});

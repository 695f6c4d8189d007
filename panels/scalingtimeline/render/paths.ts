import { BREAK } from '../../../core/series/decimate';

/**
 * A step line (a value holds until the next sample) through the samples `keep` lists, lifting
 * the pen at each BREAK. Starts a new path; the caller strokes it.
 */
export function stepPath(ctx: CanvasRenderingContext2D, t: ArrayLike<number>, v: ArrayLike<number>, keep: Int32Array, x: (t: number) => number, y: (v: number) => number) {
  ctx.beginPath();
  let pen = false;
  let prevV = NaN;
  let prevY = NaN;
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k];
    if (i === BREAK) {
      pen = false;
      continue;
    }
    const value = v[i];
    const px = x(t[i]);
    const py = value === prevV ? prevY : y(value);
    if (pen) {
      ctx.lineTo(px, prevY);
      if (value !== prevV) ctx.lineTo(px, py);
    } else {
      ctx.moveTo(px, py);
    }
    pen = true;
    prevV = value;
    prevY = py;
  }
}

/**
 * Straight segments through the samples `keep` lists, across its BREAKs, added to the current
 * path (one edge of a filled band); `reverse` walks them from the last.
 */
export function linePoints(ctx: CanvasRenderingContext2D, t: ArrayLike<number>, v: ArrayLike<number>, keep: Int32Array, x: (t: number) => number, y: (v: number) => number, reverse = false) {
  for (let j = 0; j < keep.length; j++) {
    const i = keep[reverse ? keep.length - 1 - j : j];
    if (i !== BREAK) ctx.lineTo(x(t[i]), y(v[i]));
  }
}

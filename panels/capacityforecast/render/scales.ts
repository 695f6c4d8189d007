/** Linear mapping of a domain onto [0, size] pixels; `invert` for hover. */
export interface LinearScale {
  min: number;
  max: number;
  size: number;
  toPx(v: number): number;
  invert(px: number): number;
}

/** Edge cases: an empty or zero-width domain is widened by 1 on either side. */
export function linearScale(min: number, max: number, size: number, flip = false): LinearScale {
  if (!(max > min)) {
    min -= 1;
    max += 1;
  }
  const k = size / (max - min);
  return {
    min,
    max,
    size,
    toPx: (v) => (flip ? size - (v - min) * k : (v - min) * k),
    invert: (px) => (flip ? min + (size - px) / k : min + px / k),
  };
}

/** About `count` round tick values inside [min, max]. */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min) || count < 1) return [min];
  const rough = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

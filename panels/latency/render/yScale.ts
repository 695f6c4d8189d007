import { YScale as YScaleKind } from '../types';

/** Maps latency values to vertical pixels (0 = top) for a panel area of `height` px. */
export interface YScale {
  kind: YScaleKind;
  height: number;
  /** Pixel of a value (values beyond the domain are clamped to it). */
  toY(value: number): number;
  /** Whether a value lies on the finite part of the axis (where a level line means what it says). */
  contains(value: number): boolean;
  /** Top and bottom pixel of every bucket row (top < bottom). */
  rowTop: Float64Array;
  rowBottom: Float64Array;
  /** Tick values inside the domain, for the axis. */
  ticks: number[];
}

/**
 * A linear or log scale over the buckets' bounds. The +Inf bucket gets a band above the highest
 * finite bound, and a lowest bucket with lower bound -Inf one below the lowest finite bound.
 * Edge cases: no finite bound → domain [0, 1]; log scale: values ≤ 0 are drawn at the floor
 * (half the smallest positive bound), since a log axis cannot show them; `contains` is false for
 * values beyond the finite domain (they would be drawn clamped to its edge).
 */
export function createYScale(kind: YScaleKind, lowers: ArrayLike<number>, uppers: ArrayLike<number>, height: number): YScale {
  const finite: number[] = [];
  for (let j = 0; j < uppers.length; j++) {
    if (Number.isFinite(uppers[j])) finite.push(uppers[j]);
    if (Number.isFinite(lowers[j])) finite.push(lowers[j]);
  }
  const hi = finite.length ? Math.max(...finite) : 1;
  const positives = finite.filter((v) => v > 0);
  const logFloor = positives.length ? Math.min(...positives) / 2 : 1e-3;
  const t = kind === 'log' ? (v: number) => Math.log10(Math.max(v, logFloor)) : (v: number) => v;
  const lo = kind === 'log' ? logFloor : Math.min(0, ...finite);
  const tLo = t(lo);
  const tHiFinite = t(hi > lo ? hi : lo + 1);
  // Bands for the infinite buckets: 8 % of the finite span on either side.
  const band = (tHiFinite - tLo) * 0.08;
  const tTop = tHiFinite + band;
  const tBottom = lowers.length && lowers[0] === -Infinity ? tLo - band : tLo;
  const span = tTop - tBottom || 1;
  const toY = (value: number): number => {
    const tv = value === Infinity ? tTop : value === -Infinity ? tBottom : t(value);
    const clamped = Math.min(tTop, Math.max(tBottom, tv));
    return height - ((clamped - tBottom) / span) * height;
  };
  const rowTop = new Float64Array(uppers.length);
  const rowBottom = new Float64Array(uppers.length);
  for (let j = 0; j < uppers.length; j++) {
    rowTop[j] = toY(uppers[j]);
    rowBottom[j] = toY(lowers[j]);
  }
  const top = hi > lo ? hi : lo + 1;
  const contains = (value: number): boolean => value >= lo && value <= top;
  return { kind, height, toY, contains, rowTop, rowBottom, ticks: ticksFor(kind, kind === 'log' ? logFloor : tBottom, hi) };
}

function ticksFor(kind: YScaleKind, lo: number, hi: number): number[] {
  if (!(hi > lo)) {
    return [hi];
  }
  if (kind === 'log') {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      const v = 10 ** e;
      if (v >= lo && v <= hi) ticks.push(v);
    }
    return ticks.length >= 2 ? ticks : [lo, hi];
  }
  const rough = (hi - lo) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

// Go's math.Log2 and math.Exp2 (the pure-Go algorithms used on amd64), so that exponential
// interpolation in native histograms rounds like Prometheus. JS's Math.log2 / 2 ** x may differ
// from them in the last bit.

const view = new DataView(new ArrayBuffer(8));
const TWO52 = 4503599627370496; // 2^52
const SMALLEST_NORMAL = 2.2250738585072014e-308;

/** Go's math.Frexp: x = frac × 2^exp with |frac| in [0.5, 1). Edge cases: 0, ±Inf, NaN → (x, 0). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = 0;
  if (Math.abs(x) < SMALLEST_NORMAL) {
    x *= TWO52;
    exp = -52;
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  exp += ((hi >>> 20) & 0x7ff) - 1022;
  view.setUint32(0, (hi & ~(0x7ff << 20)) | (1022 << 20));
  return [view.getFloat64(0), exp];
}

/** frac × 2^exp with a single rounding (Go's math.Ldexp). Edge cases: 0, ±Inf, NaN → frac. */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  if (exp > 2100) return frac * Infinity;
  if (exp < -2200) return frac * 0;
  // Split the power so each factor is a normal double and only the last product rounds.
  let y = frac;
  while (exp > 1000) {
    y *= 2 ** 1000;
    exp -= 1000;
  }
  if (exp < -1000) {
    // Scale up first so the intermediate stays exact, then round once.
    const [f, e] = frexp(y);
    const total = e + exp;
    if (total < -1075) return frac < 0 ? -0 : 0;
    return f * 2 ** (total + 1000) * 2 ** -1000;
  }
  return y * 2 ** exp;
}

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const L1 = 6.666666666666735130e-1;
const L2 = 3.999999999940941908e-1;
const L3 = 2.857142874366239149e-1;
const L4 = 2.222219843214978396e-1;
const L5 = 1.818357216161805012e-1;
const L6 = 1.531383769920937332e-1;
const L7 = 1.479819860511658591e-1;

/** Go's math.Log. Edge cases: NaN, +Inf → x; x < 0 → NaN; 0 → -Inf. */
export function goLog(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x < 0) return NaN;
  if (x === 0) return -Infinity;
  let [f1, ki] = frexp(x);
  if (f1 < Math.SQRT2 / 2) {
    f1 *= 2;
    ki--;
  }
  const f = f1 - 1;
  const k = ki;
  const s = f / (2 + f);
  const s2 = s * s;
  const s4 = s2 * s2;
  const t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
  const t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
  const R = t1 + t2;
  const hfsq = 0.5 * f * f;
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
}

/** Go's math.Log2: exact for powers of two. Edge cases as goLog. */
export function goLog2(x: number): number {
  const [frac, exp] = frexp(x);
  if (frac === 0.5) return exp - 1;
  return goLog(frac) * (1 / Math.LN2) + exp;
}

const P1 = 1.66666666666666657415e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;

/** Go's math.Exp2. Edge cases: NaN, +Inf → x; -Inf → 0; x > 1023.99… → +Inf; x < -1074 → 0. */
export function goExp2(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === -Infinity) return 0;
  if (x > 1.0239999999999999e3) return Infinity;
  if (x < -1.074e3) return 0;
  const k = x > 0 ? Math.trunc(x + 0.5) : x < 0 ? Math.trunc(x - 0.5) : 0;
  const t = x - k;
  const hi = t * LN2_HI;
  const lo = -t * LN2_LO;
  const r = hi - lo;
  const tt = r * r;
  const c = r - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return ldexp(y, k);
}

// Seeded generator of random classic histograms for the promtool differential test: random
// bucket layouts (negative bounds, 0, -Inf, huge and tiny bounds), `le` spellings that Go reads
// alike ("1", "1.0", "1e0", "+Inf", "inf", "1_0", "0x1p-3"), duplicate `le`, unreadable `le`,
// missing +Inf, zero totals, non-monotonic, fractional (rate-like), NaN/±Inf and negative counts.

export interface GeneratedBucket {
  /** The `le` label value as written. */
  le: string;
  /** The count (or rate) of this series. */
  value: number;
}

export interface GeneratedCase {
  id: number;
  buckets: GeneratedBucket[];
}

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Finite upper bounds of one layout style, ascending and distinct. */
function layout(r: Rand, n: number): number[] {
  const style = int(r, 0, 5);
  const out = new Set<number>();
  if (style === 0) {
    // Exponential, as client libraries make them.
    const start = 10 ** (r() * 5 - 4);
    const factor = 1.05 + r() * 2;
    for (let i = 0; i < n; i++) out.add(start * factor ** i);
  } else if (style === 1) {
    // Linear, possibly starting below zero.
    const start = -r() * 10;
    const step = 0.01 + r() * 5;
    for (let i = 0; i < n; i++) out.add(start + step * i);
  } else if (style === 2) {
    // Random reals in [-5, 5].
    for (let i = 0; i < n; i++) out.add(Math.round((r() * 10 - 5) * 1000) / 1000);
  } else if (style === 3) {
    // Only negative bounds.
    for (let i = 0; i < n; i++) out.add(-(10 ** (r() * 4 - 2)));
  } else if (style === 4) {
    // Awkward values.
    const awkward = [0, -0, 5e-324, -5e-324, 1e-300, 1e300, -1e300, 1.7976931348623157e308, -Infinity, 0.1, 0.30000000000000004, 1, 2, 10];
    for (let i = 0; i < n; i++) out.add(pick(r, awkward));
  } else {
    // The demo simulator's layout, a few buckets of it.
    const demo = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2.5, 5, 10];
    for (let i = 0; i < n; i++) out.add(pick(r, demo));
  }
  return [...out].sort((a, b) => a - b);
}

/** Different texts Go's ParseFloat reads as the same bound x (the first is the plain one). */
export function spellings(x: number): string[] {
  if (x === Infinity) return ['+Inf', 'Inf', '+inf', 'infinity', '+Infinity'];
  if (x === -Infinity) return ['-Inf', '-inf', '-Infinity'];
  if (Object.is(x, -0)) return ['-0', '-0.0'];
  const plain = String(x);
  const out = [plain, x.toExponential()];
  if (x > 0) out.push('+' + plain);
  if (plain.includes('.') && !plain.includes('e')) out.push(plain + '0');
  if (Number.isInteger(x) && Math.abs(x) >= 10 && Math.abs(x) < 1e6) out.push(String(x).replace(/(\d)(\d)$/, '$1_$2'));
  if (Number.isInteger(x) && x > 0 && x < 2 ** 20) out.push(`0x${x.toString(16)}p0`);
  if (x === 0.125) out.push('0x1p-3');
  return [...new Set(out)];
}

/** Cumulative counts for k distinct bounds, in one of several styles. */
function cumulative(r: Rand, k: number): number[] {
  const style = int(r, 0, 7);
  const out: number[] = [];
  let acc = 0;
  for (let i = 0; i < k; i++) {
    if (style === 0) acc += int(r, 0, 50); // integer counts
    else if (style === 1) acc += int(r, 0, 600) / 60; // rates (per second over 1m)
    else if (style === 2) acc += r() < 0.3 ? 0 : r() * 3; // arbitrary reals with empty buckets
    else if (style === 3) acc = int(r, 0, 100); // non-monotonic
    else if (style === 4) acc = 0; // zero total
    else if (style === 5) acc += int(r, 0, 1000) * 1e6 + r(); // large with tiny differences
    else if (style === 6) acc += r() < 0.5 ? 1e-300 * int(r, 0, 9) : int(r, 0, 3) / 7; // tiny and sevenths
    // Steps of ~1e-15 relative, up or down: newer Prometheus ignores them (1e-12 tolerance), 2.42 does not.
    else acc = i === 0 ? 1e12 + int(r, 0, 5) : acc + pick(r, [0, 0.0001, -0.0001, 0.0002, 1]);
    out.push(acc);
  }
  // Occasional special values anywhere.
  if (r() < 0.1) out[int(r, 0, k - 1)] = pick(r, [NaN, Infinity, -Infinity, -3, -0.5]);
  return out;
}

/** One random classic histogram. */
export function generateCase(r: Rand, id: number): GeneratedCase {
  const nFinite = pick(r, [0, 1, 1, 2, 3, 4, 5, 6, 8, 10, 12, 12, 13, 16, 20, 30]);
  const bounds = layout(r, nFinite);
  if (r() < 0.85) bounds.push(Infinity); // else: missing +Inf → NaN
  const counts = cumulative(r, Math.max(bounds.length, 1));
  const buckets: GeneratedBucket[] = [];
  const used = new Set<string>();
  bounds.forEach((b, i) => {
    const names = spellings(b);
    // One series per bound, sometimes two (a duplicate `le` spelled differently: summed by
    // histogram_quantile). Never three: the sum order of three non-integers is Go-sort-specific.
    const dup = names.length > 1 && r() < 0.2;
    const first = dup || r() < 0.7 ? names[0] : pick(r, names);
    if (!dup) {
      buckets.push({ le: first, value: counts[i] });
      used.add(first);
      return;
    }
    const second = pick(r, names.filter((n) => n !== first));
    const part = Number.isFinite(counts[i]) && r() < 0.5 ? Math.floor(counts[i] / 2) : counts[i];
    buckets.push({ le: first, value: part }, { le: second, value: Number.isFinite(counts[i]) && part !== counts[i] ? counts[i] - part : int(r, 0, 5) });
    used.add(first).add(second);
  });
  // Unreadable `le` (skipped by histogram_quantile); empty `le` is avoided (it means no label).
  if (r() < 0.1) buckets.push({ le: pick(r, ['abc', ' 1', '1,5', '0x10', '1e', '_1']), value: int(r, 0, 9) });
  // Shuffle the series order.
  for (let i = buckets.length - 1; i > 0; i--) {
    const j = int(r, 0, i);
    [buckets[i], buckets[j]] = [buckets[j], buckets[i]];
  }
  return { id, buckets };
}

export function generateCases(seed: number, n: number): GeneratedCase[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => generateCase(r, i));
}

/** Quantiles to evaluate: edges, out-of-range, NaN, and random ones. */
export function generateQs(seed: number, n: number): number[] {
  const r = rng(seed ^ 0x5bd1e995);
  const qs = [0, 1e-9, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1, -0.5, 1.5, NaN];
  for (let i = 0; i < n; i++) qs.push(Math.round(r() * 1e6) / 1e6);
  return qs;
}

/** A number as text that both the exposition parser and promtool's series notation read exactly. */
export function numberText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** The cases as a Prometheus text exposition (metric h, label case). */
export function toExposition(cases: GeneratedCase[], metric = 'h'): string {
  const lines = ['# TYPE ' + metric + ' histogram'];
  for (const c of cases) for (const b of c.buckets) lines.push(`${metric}_bucket{case="${c.id}",le="${b.le}"} ${numberText(b.value)}`);
  return lines.join('\n') + '\n';
}

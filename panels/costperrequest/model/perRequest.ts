// Cost per request over time: money spent in each step / requests served in it, per group.
//
// prepare() puts everything on the request series' grid once per data change: requests served in
// each step (t - step, t] (an increase as is, a rate × step, a counter's reset-aware difference),
// and each group's money in the same step (its money-per-hour series integrated like core/cost's
// CumulativeCost: a sample holds until the next one, for at most max(step, 5 min); here in one
// linear sweep, since the step ends are sorted).
// bucketize() then sums steps into the panel's pixel columns and divides there: the cost per
// request of a column is its money / its requests (a ratio of sums, never a mean of ratios), so
// stacking the groups adds up exactly to the total.
// Edge cases: a column with fewer than `minRequests` requests is "not enough traffic" (NaN, drawn
// as a gap), never a division by almost nothing; steps without request data are skipped; NaN
// money counts as 0 money only when the group has no sample there (absent), never as a price.
import { defaultMaxHold, MS_PER_HOUR } from '../../../core/cost/integrate';
import { counterIncreases } from '../../../core/series/counter';
import { firstAtOrAfter } from '../../../core/series/search';
import { CostInputs, RequestSeries } from './types';

export interface Prepared {
  /** End of each step (unix ms), ascending. */
  t: Float64Array;
  stepMs: number;
  /** Requests served in each step. */
  requests: Float64Array;
  /** Money spent in each step, per group (same order as `groups`). */
  cost: Float64Array[];
  /** Group names, biggest total first (drawn at the bottom of the stack). */
  groups: string[];
  totalCost: number;
  totalRequests: number;
  /** Span covered: first step's start to the last step's end. */
  from: number;
  to: number;
  /** Money per hour on average over the cost series' own span (whatever the requests). */
  costHourly: number;
}

export function medianStep(t: ArrayLike<number>): number {
  const d: number[] = [];
  for (let i = 1; i < t.length; i++) {
    const x = t[i] - t[i - 1];
    if (x > 0 && Number.isFinite(x)) {
      d.push(x);
    }
  }
  if (d.length === 0) {
    return 60_000;
  }
  d.sort((a, b) => a - b);
  return d[d.length >> 1];
}

/** Requests served in the step ending at each sample. */
export function increments(s: RequestSeries, stepMs: number): Float64Array {
  const n = Math.min(s.t.length, s.v.length);
  const out = new Float64Array(n);
  if (s.kind === 'counter') {
    // Reset aware; a non-finite sample is a gap that the next sample bridges.
    const v = s.v.length === n ? s.v : Array.prototype.slice.call(s.v, 0, n);
    return counterIncreases(v, true, out, true);
  }
  for (let i = 0; i < n; i++) {
    const x = s.v[i];
    if (!Number.isFinite(x) || x < 0) {
      out[i] = NaN;
      continue;
    }
    out[i] = s.kind === 'increase' ? x : (x * stepMs) / 1000;
  }
  return out;
}

/** The request series' increments summed on the union of their times (one series: no copy of its grid). */
function sumRequests(series: readonly RequestSeries[], steps: readonly number[]): { t: Float64Array; v: Float64Array } {
  const incs = series.map((s, k) => increments(s, steps[k]));
  const sameGrid = series.every((s) => s.t.length === series[0].t.length && (s === series[0] || s.t.every((x, i) => x === series[0].t[i])));
  if (series.length > 0 && sameGrid) {
    const base = series[0].t;
    let sorted = true;
    for (let i = 1; i < base.length && sorted; i++) {
      sorted = base[i] > base[i - 1];
    }
    if (sorted) {
      const n = base.length;
      const t = new Float64Array(n);
      const v = new Float64Array(n);
      let m = 0;
      for (let i = 0; i < n; i++) {
        let sum = 0;
        let any = false;
        for (const inc of incs) {
          const x = inc[i];
          if (x - x === 0) {
            sum += x;
            any = true;
          }
        }
        if (any && Number.isFinite(base[i])) {
          t[m] = base[i];
          v[m] = sum;
          m++;
        }
      }
      return { t: t.subarray(0, m), v: v.subarray(0, m) };
    }
  }
  const sums = new Map<number, number>();
  series.forEach((s, k) => {
    const inc = incs[k];
    for (let i = 0; i < inc.length; i++) {
      const t = s.t[i];
      if (Number.isFinite(t) && Number.isFinite(inc[i])) {
        sums.set(t, (sums.get(t) ?? 0) + inc[i]);
      }
    }
  });
  const t = Float64Array.from([...sums.keys()].sort((a, b) => a - b));
  return { t, v: Float64Array.from(t, (x) => sums.get(x) as number) };
}

/**
 * Money of a money-per-hour step series in each (end - stepMs, end], for sorted `ends`: a sample
 * holds until the next one for at most max(its step, 5 min); the last one holds for 0 ms; NaN
 * samples cost nothing (core/cost integrate.ts semantics). One pass over samples and ends.
 */
export function moneyPerStep(t: ArrayLike<number>, rate: ArrayLike<number>, ends: ArrayLike<number>, stepMs: number): Float64Array {
  const n = Math.min(t.length, rate.length);
  const out = new Float64Array(ends.length);
  if (n === 0) {
    return out;
  }
  const hold = defaultMaxHold(t);
  // Per sample: money per ms (0 for NaN) and the end of its hold; prefix[i] = money from t[0] to t[i].
  const tt = new Float64Array(n);
  const perMs = new Float64Array(n);
  const holdEnd = new Float64Array(n);
  const prefix = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ti = t[i];
    const y = rate[i];
    const d = (i + 1 < n ? t[i + 1] : ti) - ti;
    tt[i] = ti;
    perMs[i] = y - y === 0 ? y / MS_PER_HOUR : 0;
    holdEnd[i] = ti + (d < hold ? (d > 0 ? d : 0) : hold);
    if (i > 0) {
      prefix[i] = prefix[i - 1] + perMs[i - 1] * (holdEnd[i - 1] - tt[i - 1]);
    }
  }
  // Two pointers: ends ascend, and so do starts.
  let ja = -1;
  let jb = -1;
  for (let k = 0; k < ends.length; k++) {
    const b = ends[k];
    const a = b - stepMs;
    while (ja + 1 < n && tt[ja + 1] <= a) {
      ja++;
    }
    while (jb + 1 < n && tt[jb + 1] <= b) {
      jb++;
    }
    let mb = 0;
    if (jb >= 0) {
      const e = b < holdEnd[jb] ? b : holdEnd[jb];
      mb = prefix[jb] + (e > tt[jb] ? perMs[jb] * (e - tt[jb]) : 0);
    }
    let ma = 0;
    if (ja >= 0) {
      const e = a < holdEnd[ja] ? a : holdEnd[ja];
      ma = prefix[ja] + (e > tt[ja] ? perMs[ja] * (e - tt[ja]) : 0);
    }
    out[k] = mb - ma;
  }
  return out;
}

export function prepare(inputs: Pick<CostInputs, 'groups' | 'requests'>): Prepared {
  const steps = inputs.requests.map((s) => (s.stepMs && s.stepMs > 0 ? s.stepMs : medianStep(s.t)));
  const stepMs = Math.max(1, Math.min(...steps));
  const { t: t0, v: requests0 } = sumRequests(inputs.requests, steps);
  // Steps that start before any cost sample have unknown cost: left out (money and requests).
  let costStart = Infinity;
  for (const g of inputs.groups) {
    for (let i = 0; i < g.t.length; i++) {
      if (Number.isFinite(g.t[i])) {
        costStart = Math.min(costStart, g.t[i]);
        break;
      }
    }
  }
  let first = 0;
  while (first < t0.length && !(t0[first] - stepMs >= costStart - 1e-6)) {
    first++;
  }
  const t = t0.subarray(first);
  const requests = requests0.subarray(first);
  const order = inputs.groups.map((g, k) => ({ g, k }));
  const cost = order.map(({ g }) => moneyPerStep(g.t, g.rate, t, stepMs));
  const totals = cost.map((c) => c.reduce((a, x) => a + (Number.isFinite(x) ? x : 0), 0));
  let spanFrom = Infinity;
  let spanTo = -Infinity;
  let spanCost = 0;
  for (const { g } of order) {
    if (g.t.length > 0) {
      spanFrom = Math.min(spanFrom, g.t[0]);
      spanTo = Math.max(spanTo, g.t[g.t.length - 1]);
      spanCost += moneyPerStep(g.t, g.rate, Float64Array.of(g.t[g.t.length - 1]), g.t[g.t.length - 1] - g.t[0])[0] || 0;
    }
  }
  const costHourly = spanTo > spanFrom ? spanCost / ((spanTo - spanFrom) / 3_600_000) : NaN;
  const idx = totals.map((_, k) => k).sort((a, b) => totals[b] - totals[a] || order[a].g.name.localeCompare(order[b].g.name));
  let totalRequests = 0;
  for (let i = 0; i < requests.length; i++) {
    totalRequests += requests[i];
  }
  return {
    t,
    stepMs,
    requests,
    cost: idx.map((k) => cost[k]),
    groups: idx.map((k) => order[k].g.name),
    totalCost: totals.reduce((a, x) => a + x, 0),
    totalRequests,
    from: t.length ? t[0] - stepMs : NaN,
    to: t.length ? t[t.length - 1] : NaN,
    costHourly,
  };
}

export interface Columns {
  from: number;
  to: number;
  /** Width of a column, ms. */
  dx: number;
  count: number;
  /** Requests per column. */
  requests: Float64Array;
  /** Money per column per group. */
  cost: Float64Array[];
  /** Cost per `per` requests per column per group (NaN: no data or not enough traffic). */
  value: Float64Array[];
  /** Total cost per `per` requests per column. */
  total: Float64Array;
  /** 1 where the column has request data but fewer than minRequests requests. */
  lowTraffic: Uint8Array;
}

/**
 * Sums steps into `count` columns over [from, to] and divides there. A step wider than a column is
 * shared out over the columns it covers in proportion to the overlap (money and requests alike, so
 * its ratio is kept and no column is left empty between two steps). A column has enough traffic
 * when its requests reach minRequests scaled by how much of a step it holds (at most 1): a column
 * narrower than a step is judged like that step.
 */
export function bucketize(p: Prepared, from: number, to: number, count: number, per: number, minRequests: number): Columns {
  const n = Math.max(1, Math.floor(count));
  const span = to > from ? to - from : 1;
  const dx = span / n;
  const requests = new Float64Array(n);
  const covered = new Float64Array(n);
  const cost = p.groups.map(() => new Float64Array(n));
  const groups = cost.length;
  for (let i = 0; i < p.t.length; i++) {
    const b0 = p.t[i];
    const a0 = b0 - p.stepMs;
    const a = a0 > from ? a0 : from;
    const b = b0 < to ? b0 : to;
    if (!(b > a)) {
      continue;
    }
    const c0 = Math.min(n - 1, Math.floor((a - from) / dx));
    const c1 = Math.min(n - 1, Math.floor((b - from) / dx - 1e-9));
    for (let c = c0; c <= c1; c++) {
      const lo = Math.max(a, from + c * dx);
      const hi = Math.min(b, from + (c + 1) * dx);
      const part = c0 === c1 ? b - a : hi - lo;
      if (!(part > 0)) {
        continue;
      }
      const f = part / p.stepMs;
      covered[c] += part;
      requests[c] += p.requests[i] * f;
      for (let g = 0; g < groups; g++) {
        const x = p.cost[g][i];
        if (Number.isFinite(x)) {
          cost[g][c] += x * f;
        }
      }
    }
  }
  const value = cost.map(() => new Float64Array(n).fill(NaN));
  const total = new Float64Array(n).fill(NaN);
  const lowTraffic = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    if (!(covered[c] > 0)) {
      continue;
    }
    const threshold = Math.max(minRequests * Math.min(1, covered[c] / p.stepMs), Number.MIN_VALUE);
    if (!(requests[c] >= threshold * (1 - 1e-9))) {
      lowTraffic[c] = 1;
      continue;
    }
    let sum = 0;
    for (let g = 0; g < groups; g++) {
      const v = (cost[g][c] / requests[c]) * per;
      value[g][c] = v;
      sum += v;
    }
    total[c] = sum;
  }
  return { from, to, dx, count: n, requests, cost, value, total, lowTraffic };
}

/** Column index of time `x`, or -1 outside. */
export function columnAt(cols: Pick<Columns, 'from' | 'dx' | 'count'>, x: number): number {
  const c = Math.floor((x - cols.from) / cols.dx);
  return c >= 0 && c < cols.count ? c : -1;
}

/**
 * The time window and requests a hover over column `c` stands for. A column narrower than a step
 * holds only a share of that step (bucketize shares it out), so the hover names the whole step the
 * column's middle lies in, with that step's requests: never a window of a few seconds or a
 * fractional request count. Columns at least a step wide are their own window.
 * Edge cases: no step covers the middle (a gap, or outside the data) → the column itself.
 */
export function hoverWindow(cols: Columns, p: Pick<Prepared, 't' | 'stepMs' | 'requests'>, c: number): { start: number; end: number; requests: number } {
  const start = cols.from + c * cols.dx;
  const column = { start, end: start + cols.dx, requests: cols.requests[c] };
  if (!(p.stepMs > cols.dx)) {
    return column;
  }
  const middle = start + cols.dx / 2;
  const lo = firstAtOrAfter(p.t, middle);
  if (lo >= p.t.length || p.t[lo] - p.stepMs > middle) {
    return column;
  }
  return { start: p.t[lo] - p.stepMs, end: p.t[lo], requests: p.requests[lo] };
}

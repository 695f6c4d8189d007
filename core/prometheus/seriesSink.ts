// Where parsed samples go: straight into the typed arrays the caller keeps, so a long range read in
// chunks is written once, not parsed into one array, sliced into another and joined into a third.
//
// - SeriesList: one target per series, in answer order (one answer read on its own).
// - SeriesJoiner: one target per label set across the answers of consecutive time chunks; samples
//   are appended in time order and a sample not after the previous one of its series (the repeated
//   boundary sample of overlapping chunks) is dropped. A chunk whose reading failed half-way is
//   rolled back, so its fallback reading starts from a clean state.
// series() returns views on the buffers (no copy); series with identical timestamps share one `t`.
import { labelsKey } from './matrix';
import { Labels, NumericSeries } from './types';

/**
 * What a range query's series can be: at most `max` samples, none after `end` (unix ms); with
 * `start` and `step`, on the grid start + k·step.
 */
export interface SamplesPlan {
  max: number;
  end: number;
  start?: number;
  step?: number;
}

/**
 * Growable pair of typed arrays; `n` samples are in use (readers keep `t.length >= v.length`).
 *
 * - Growth: with a plan, the first growth jumps to what the series will need if it goes on as
 *   densely as so far (a dense range series grows once), capped at plan.max; a sparse or short
 *   series keeps doubling from a small start.
 * - Shared times: given the plan's grid, `t` starts as that grid (read-only, shared by every
 *   series) and the series only gets its own copy at its first sample off the grid, so the
 *   timestamps of a dense series are compared, never stored. Writers use setTime().
 */
export class Samples {
  t: Float64Array;
  v: Float64Array;
  n = 0;
  /** `t` is the shared grid: copy it (ownTimes) before writing anything different. */
  sharedTimes: boolean;

  constructor(
    private readonly plan?: SamplesPlan,
    grid?: Float64Array,
  ) {
    this.sharedTimes = grid !== undefined;
    this.t = grid ?? new Float64Array(1024);
    this.v = new Float64Array(1024);
  }

  grow(): void {
    let size = this.v.length * 2;
    const n = this.n;
    if (this.plan && n > 1) {
      const span = this.t[n - 1] - this.t[0];
      const expected = span > 0 ? Math.ceil((n * (this.plan.end - this.t[0])) / span) + 16 : 0;
      size = Math.max(size, Math.min(this.plan.max, expected));
    }
    const v = new Float64Array(size);
    v.set(this.v.subarray(0, n));
    this.v = v;
    if (!this.sharedTimes || this.t.length < size) {
      this.ownTimes(size);
    }
  }

  /** Gives the series its own time array (of at least `size`), the first n times copied. */
  ownTimes(size = this.v.length): void {
    const t = new Float64Array(Math.max(size, this.v.length));
    t.set(this.t.subarray(0, this.n));
    this.t = t;
    this.sharedTimes = false;
  }

  /** t[i] = ms, taking its own copy of a shared grid first if ms is off it. */
  setTime(i: number, ms: number): void {
    if (this.t[i] !== ms) {
      if (this.sharedTimes) {
        this.ownTimes();
      }
      this.t[i] = ms;
    }
  }

  /** Appends samples [0, n) of t/v. */
  append(t: ArrayLike<number>, v: ArrayLike<number>, n: number): void {
    while (this.n + n > this.v.length) {
      this.grow();
    }
    for (let i = 0; i < n; i++) {
      this.setTime(this.n + i, t[i]);
      this.v[this.n + i] = v[i];
    }
    this.n += n;
  }
}

export interface SampleSink {
  /** The buffers the samples of a series with these labels are appended to. */
  target(labels: Labels): Samples;
  /** Called after a series' samples were appended from index `from` on. */
  appended(target: Samples, from: number): void;
}

interface Entry {
  labels: Labels;
  samples: Samples;
}

function views(entries: readonly Entry[]): NumericSeries[] {
  const out = entries.map((e) => ({ labels: e.labels, t: e.samples.t.subarray(0, e.samples.n), v: e.samples.v.subarray(0, e.samples.n) }));
  return shareTimes(out);
}

/** Each series of one answer on its own. */
export class SeriesList implements SampleSink {
  private readonly entries: Entry[] = [];

  target(labels: Labels): Samples {
    const samples = new Samples();
    this.entries.push({ labels, samples });
    return samples;
  }

  appended(): void {}

  series(): NumericSeries[] {
    return views(this.entries);
  }
}

/** Series of consecutive time chunks joined per label set. */
export class SeriesJoiner implements SampleSink {
  private readonly byKey = new Map<string, Entry>();
  private mark: Map<Entry, number> | null = null;

  private readonly grid?: Float64Array;

  /** `plan`: the range's steps, end and grid, so dense series allocate once (see Samples). */
  constructor(private readonly plan?: SamplesPlan) {
    if (plan && plan.start !== undefined && plan.step !== undefined && plan.step > 0 && plan.max > 0) {
      this.grid = new Float64Array(plan.max);
      for (let k = 0; k < plan.max; k++) {
        this.grid[k] = plan.start + k * plan.step;
      }
    }
  }

  target(labels: Labels): Samples {
    const key = labelsKey(labels);
    let e = this.byKey.get(key);
    if (!e) {
      e = { labels, samples: new Samples(this.plan, this.grid) };
      this.byKey.set(key, e);
    }
    return e.samples;
  }

  /** Drops the appended samples that are not after the series' previous last sample. */
  appended(s: Samples, from: number): void {
    if (from === 0 || from >= s.n) {
      return;
    }
    const last = s.t[from - 1];
    let k = from;
    while (k < s.n && !(s.t[k] > last)) {
      k++;
    }
    // A series still on the shared grid has nothing to drop (the grid only increases), so this
    // never writes into the grid.
    if (k > from) {
      s.t.copyWithin(from, k, s.n);
      s.v.copyWithin(from, k, s.n);
      s.n -= k - from;
    }
  }

  /** Remembers where every series stands, for rollback(). */
  begin(): void {
    this.mark = new Map([...this.byKey.values()].map((e) => [e, e.samples.n]));
  }

  /** Undoes everything since begin(): series it created are removed, the others truncated. */
  rollback(): void {
    const mark = this.mark;
    if (!mark) {
      return;
    }
    for (const [key, e] of this.byKey) {
      const n = mark.get(e);
      if (n === undefined) {
        this.byKey.delete(key);
      } else {
        e.samples.n = n;
      }
    }
  }

  /** Appends whole series (the JSON.parse path), leaving out samples not after the last one. */
  add(series: readonly NumericSeries[]): void {
    for (const s of series) {
      const target = this.target(s.labels);
      const n = Math.min(s.t.length, s.v.length);
      let skip = 0;
      if (target.n > 0) {
        const last = target.t[target.n - 1];
        while (skip < n && !(s.t[skip] > last)) {
          skip++;
        }
      }
      const from = target.n;
      target.append(s.t.subarray(skip, n), s.v.subarray(skip, n), n - skip);
      this.appended(target, from);
    }
  }

  series(): NumericSeries[] {
    return views([...this.byKey.values()]);
  }
}

function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  if (a.buffer === b.buffer && a.byteOffset === b.byteOffset) {
    return true;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** Makes series with identical timestamps share the first such array (read-only). */
function shareTimes(list: NumericSeries[]): NumericSeries[] {
  let shared: Float64Array | null = null;
  for (const s of list) {
    if (shared && sameTimes(shared, s.t)) {
      s.t = shared;
    } else {
      shared = s.t;
    }
  }
  return list;
}

/**
 * Joins numeric series of consecutive chunks per label set (time order, samples not after the
 * previous one dropped); series with identical timestamps share one `t` array (read-only).
 */
export function joinSeries(chunks: readonly (readonly NumericSeries[])[]): NumericSeries[] {
  const joiner = new SeriesJoiner();
  for (const chunk of chunks) {
    joiner.add(chunk);
  }
  return joiner.series();
}

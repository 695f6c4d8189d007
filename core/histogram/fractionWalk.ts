// The walk Prometheus' histogram_fraction makes over the buckets of a histogram, lowest first, for
// classic and native buckets alike: each limit's rank is the rank below the first bucket that
// starts at or above it, or the rank interpolated inside the bucket that holds it; the fraction is
// the difference of the two ranks over the total. How a bucket's bounds are read and how it
// interpolates is the caller's (see fraction.ts and native.ts).

/** The buckets of one histogram as the walk reads them, by index, lowest first. */
export interface WalkedBuckets {
  size: number;
  /** Lower and upper bound of bucket i. */
  lower(i: number): number;
  upper(i: number): number;
  /** The rank at the top of bucket i, given `rank` below it. */
  rankAfter(i: number, rank: number): number;
  /** The rank at v, strictly between the bounds of bucket i, given `rank` below it. */
  rankInside(i: number, rank: number, v: number): number;
}

/**
 * Share of the `count` observations in (lower, upper].
 * Edge cases: count 0 or a NaN limit → NaN; lower ≥ upper → 0; a limit on a bucket's lower bound
 * takes the rank below that bucket; a limit above every bucket, or a rank above count, is capped
 * at count.
 */
export function fractionOfWalk(lower: number, upper: number, count: number, b: WalkedBuckets): number {
  if (count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  for (let i = 0; i < b.size; i++) {
    const lo = b.lower(i);
    const hi = b.upper(i);
    if (!lowerSet && lo >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lo >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lo < lower && hi > lower) {
      lowerRank = b.rankInside(i, rank, lower);
      lowerSet = true;
    }
    if (!upperSet && lo < upper && hi > upper) {
      upperRank = b.rankInside(i, rank, upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank = b.rankAfter(i, rank);
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / count;
}

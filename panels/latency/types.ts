export type YScale = 'linear' | 'log';
export type DistributionView = 'bars' | 'cdf' | 'off';
/** What the bucket values are: as the query says (auto), requests per second, or per interval. */
export type BucketValues = 'auto' | 'rate' | 'count';

export interface LatencyOptions {
  /** Percentiles to draw, as a comma-separated list of percents ("50, 90, 95, 99"). */
  percentiles: string;
  /** Latency SLO threshold in the data's unit (seconds for Prometheus histograms). */
  sloThreshold: number;
  /** Share of requests that must be under the threshold, in percent. */
  sloTargetPercent: number;
  yScale: YScale;
  colorScheme: string;
  opacity: number;
  distributionView: DistributionView;
  /**
   * What the bucket values are, for the tooltip: 'auto' reads it from the query (rate() → per
   * second; increase() or raw _bucket counters → requests per interval); set it where the query
   * cannot say (a recording rule such as ...:rate5m).
   */
  bucketValues: BucketValues;
}

export const defaultLatencyOptions: LatencyOptions = {
  percentiles: '50, 90, 95, 99',
  sloThreshold: 0.5,
  sloTargetPercent: 99,
  yScale: 'log',
  colorScheme: 'Oranges',
  opacity: 1,
  distributionView: 'bars',
  bucketValues: 'auto',
};

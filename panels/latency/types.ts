export type YScale = 'linear' | 'log';
export type DistributionView = 'bars' | 'cdf' | 'off';

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
}

export const defaultLatencyOptions: LatencyOptions = {
  percentiles: '50, 90, 95, 99',
  sloThreshold: 0.5,
  sloTargetPercent: 99,
  yScale: 'log',
  colorScheme: 'Oranges',
  opacity: 1,
  distributionView: 'bars',
};

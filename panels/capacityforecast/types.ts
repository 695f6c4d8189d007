export type CapacitySource = 'fixed' | 'query';

export interface CapacityForecastOptions {
  /** Forecast horizon, as a Grafana duration ("7d", "12h"). */
  horizon: string;
  /** "auto", "none" or a season length in seconds. */
  season: string;
  /** Prediction interval to draw, in percent. */
  intervalPercent: 80 | 95;
  capacitySource: CapacitySource;
  capacity: number;
  /** With capacitySource "query": the refId of the query that returns the capacity. */
  capacityRefId: string;
  /** Growth scenario on top of the forecast, in percent per year (0 = none). */
  growthPercentPerYear: number;
  /** Further growth scenarios drawn beside it, percent per year, comma-separated ("0, 50, 100"; empty: none). */
  growthScenarios: string;
}

export const defaultCapacityForecastOptions: CapacityForecastOptions = {
  horizon: '7d',
  season: 'auto',
  intervalPercent: 95,
  capacitySource: 'fixed',
  capacity: 0,
  capacityRefId: 'B',
  growthPercentPerYear: 0,
  growthScenarios: '',
};

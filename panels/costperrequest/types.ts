export type RequestUnit = 1000 | 1000000;
export type CostGrouping = 'component' | 'instance_type';

export interface CostPerRequestOptions {
  /** Cost is shown per this many requests. */
  perRequests: RequestUnit;
  groupBy: CostGrouping;
  /** Budget per `perRequests` requests, in the data's currency; 0 hides the line. */
  budget: number;
  showPricingComparison: boolean;
  /** Fewer requests than this in a period or a plotted point is "not enough traffic". */
  minRequests: number;
}

export const defaultCostPerRequestOptions: CostPerRequestOptions = {
  perRequests: 1000,
  groupBy: 'component',
  budget: 0,
  showPricingComparison: true,
  minRequests: 100,
};

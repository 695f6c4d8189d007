// Frames + options → everything the panel shows except the pixel columns (which depend on the
// width): the cost and request steps, the headline and the pricing comparison. Pure.
import { DataFrame } from '@grafana/data';
import { DEFAULT_MIN_REQUESTS } from '../../../core/cost/perRequest';
import { CostPerRequestOptions } from '../types';
import { Comparison, comparison } from './comparison';
import { Headline, headline } from './headline';
import { Prepared, prepare } from './perRequest';
import { readFrames } from './readFrames';
import { CostInputs, Refusal } from './types';

export interface CostModel {
  inputs: CostInputs;
  prepared: Prepared;
  headline: Headline;
  comparison: Comparison;
}

export function minRequestsOf(options: Partial<CostPerRequestOptions>): number {
  const m = options.minRequests;
  return typeof m === 'number' && Number.isFinite(m) && m >= 0 ? m : DEFAULT_MIN_REQUESTS;
}

export function perOf(options: Partial<CostPerRequestOptions>): number {
  const p = Number(options.perRequests);
  return Number.isFinite(p) && p > 0 ? p : 1000;
}

export function buildModel(series: DataFrame[], options: Partial<CostPerRequestOptions>, defaultUnit?: string): CostModel | Refusal {
  const inputs = readFrames(series, options.groupBy === 'instance_type' ? 'instance_type' : 'component', defaultUnit);
  if ('message' in inputs) {
    return inputs;
  }
  // Request series without a usable sample are zero traffic: the headline says "not enough
  // traffic" and the chart stays empty, rather than refusing the panel.
  const prepared = prepare(inputs);
  const per = perOf(options);
  const minRequests = minRequestsOf(options);
  const budget = Number(options.budget);
  const h = headline(inputs, prepared, { per, minRequests, budget: Number.isFinite(budget) ? budget : 0 });
  return { inputs, prepared, headline: h, comparison: comparison(inputs, h, per) };
}

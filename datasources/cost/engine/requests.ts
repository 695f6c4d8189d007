// Requests served: the request counter (settings or query, default http_requests_total), with the
// service filter, as Prometheus' reset-aware increase() — per step for the series, and over the
// whole window (and the one before it) for cost per request, so a window's count comes from raw
// samples rather than a sum of rounded steps.
import type { PrometheusClient } from '../../../core/prometheus/client';
import { requestCount } from '../../../core/cost/prometheusSource';
import { formatDuration } from '../../../core/prometheus/promql';
import { NumericSeries } from '../../../core/prometheus/types';
import { isLabelName, labelMatcher, Selection } from '../promql/escape';
import { interpolatePromQL, VariableLookup } from '../promql/interpolate';
import { parseSelector, withMatchers } from '../promql/selector';
import { CostDataSourceOptions, DEFAULT_REQUEST_SELECTOR, DEFAULT_SERVICE_LABEL } from '../types';
import { CostQueryError } from './errors';

export interface RequestSource {
  /** The selector with the service filter, ready to wrap in increase(). */
  selector: string;
  serviceLabel: string;
}

export function serviceLabelOf(json: CostDataSourceOptions): string {
  const label = (json.serviceLabel ?? '').trim() || DEFAULT_SERVICE_LABEL;
  if (!isLabelName(label)) {
    throw new CostQueryError(`service label "${label}" in the data source settings is not a label name`);
  }
  return label;
}

export function requestSource(json: CostDataSourceOptions, override: string | undefined, service: Selection, lookup: VariableLookup): RequestSource {
  const text = (override ?? '').trim() || (json.requestSelector ?? '').trim() || DEFAULT_REQUEST_SELECTOR;
  const where = (override ?? '').trim() ? 'the query' : 'the data source settings';
  const parsed = parseSelector(interpolatePromQL(text, lookup));
  if ('error' in parsed) {
    throw new CostQueryError(`request selector "${text}" in ${where}: ${parsed.error}`);
  }
  const serviceLabel = serviceLabelOf(json);
  return { selector: withMatchers(parsed, [labelMatcher(serviceLabel, service)]), serviceLabel };
}

/** Whole seconds, as a PromQL duration. */
function seconds(ms: number): string {
  return formatDuration(Math.max(1000, Math.round(ms / 1000) * 1000));
}

export function stepIncreaseQuery(src: RequestSource, stepMs: number, byService = false): string {
  return `sum${byService ? ` by (${src.serviceLabel})` : ''} (increase(${src.selector}[${seconds(stepMs)}]))`;
}

export function windowIncreaseQuery(src: RequestSource, windowMs: number): string {
  return `sum(increase(${src.selector}[${seconds(windowMs)}]))`;
}

/** Requests in the step ending at each grid time (empty when the counter has no series). */
export async function requestSteps(client: PrometheusClient, src: RequestSource, gridStart: number, gridEnd: number, stepMs: number, byService: boolean, signal?: AbortSignal): Promise<{ series: NumericSeries[]; query: string; warnings: string[] }> {
  const query = stepIncreaseQuery(src, stepMs, byService);
  const r = await client.queryRangeSeries(query, gridStart, gridEnd, stepMs, { signal });
  return { series: r.data, query, warnings: r.warnings };
}

/** Requests in (end - windowMs, end]; 0 when the counter has no series there. */
export function requestsInWindow(client: PrometheusClient, src: RequestSource, end: number, windowMs: number, signal?: AbortSignal): Promise<{ requests: number; query: string; warnings: string[] }> {
  return requestCount(client, windowIncreaseQuery(src, windowMs), end, signal);
}

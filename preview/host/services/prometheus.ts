// A stand-in for Grafana's Prometheus data source: runs the real query_range / query against the
// local Prometheus (through the preview server's data source proxy) and returns DataFrames the way
// Grafana's does (its backend converter followed by the frontend's transformV2):
//   - time series: one frame per series, fields Time + Value, the series labels on Value, the
//     legend (or metric{labels}) as frame name and displayNameFromDS, meta.type timeseries-multi;
//   - format 'heatmap': the series of a query sorted by `le`, de-accumulated, merged into one
//     heatmap-rows frame (Time, then one count field per bucket named by its `le`);
//   - format 'table': one frame per query with Time, a column per label and Value (or Value #refId);
//   - $__interval, $__interval_ms, $__rate_interval, $__range(_s/_ms) and template variables
//     substituted, step aligned like Grafana (at most 11000 points, at least the scrape interval).
import { lastValueFrom } from 'rxjs';
import {
  DataFrame,
  DataFrameType,
  DataQuery,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourceJsonData,
  Field,
  FieldType,
  formatLabels,
  LoadingState,
  rangeUtil,
  renderLegendFormat,
  ScopedVars,
  TestDataSourceResponse,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv, isFetchError } from '@grafana/runtime';

export interface PromQuery extends DataQuery {
  expr?: string;
  legendFormat?: string;
  format?: 'time_series' | 'table' | 'heatmap';
  instant?: boolean;
  range?: boolean;
  interval?: string;
  intervalFactor?: number;
}

export interface PromOptions extends DataSourceJsonData {
  timeInterval?: string;
  httpMethod?: string;
}

type PromValue = [number, string];
interface PromSeries {
  metric: Record<string, string>;
  values?: PromValue[];
  value?: PromValue;
}
interface PromResponse {
  status: 'success' | 'error';
  data?: { resultType: 'matrix' | 'vector' | 'scalar' | 'string'; result: PromSeries[] | PromValue };
  errorType?: string;
  error?: string;
  warnings?: string[];
}

const INFINITY = /^[+-]?inf(?:inity)?$/i;
export function parseSampleValue(value: string): number {
  if (INFINITY.test(value)) {
    return value[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return parseFloat(value);
}

/** Grafana's gtime.FormatInterval: the largest whole unit. */
export function formatDuration(ms: number): string {
  const units: Array<[number, string]> = [
    [86400000, 'd'],
    [3600000, 'h'],
    [60000, 'm'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size && ms % size === 0) {
      return `${ms / size}${unit}`;
    }
  }
  return ms >= 1000 ? `${Math.round(ms / 1000)}s` : `${Math.max(1, Math.round(ms))}ms`;
}

function prometheusRegularEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

function prometheusSpecialRegexEscape(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}[\]'+?.()|]/g, '\\\\$&');
}

/** The Prometheus data source's interpolation of multi-value variables: an escaped regex alternation. */
export function interpolateQueryExpr(value: string | string[] = [], variable?: unknown): string {
  const v = variable as { multi?: boolean; includeAll?: boolean } | undefined;
  if (!v?.multi && !v?.includeAll) {
    return prometheusRegularEscape(Array.isArray(value) ? value.join('|') : value);
  }
  if (typeof value === 'string') {
    return prometheusSpecialRegexEscape(value);
  }
  const escaped = value.map(prometheusSpecialRegexEscape);
  return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
}

function seriesName(labels: Record<string, string>, target: PromQuery, scopedVars: ScopedVars): string {
  const legend = target.legendFormat;
  if (legend && legend !== '__auto') {
    return renderLegendFormat(getTemplateSrv().replace(legend, scopedVars), labels);
  }
  const { __name__, ...rest } = labels;
  if (legend === '__auto' && Object.keys(labels).length === 1) {
    return Object.values(labels)[0];
  }
  return `${__name__ ?? ''}${formatLabels(rest)}` || target.expr || '';
}

export function seriesFrame(series: PromSeries, target: PromQuery, stepMs: number, executed: string, scopedVars: ScopedVars): DataFrame {
  const points = series.values ?? (series.value ? [series.value] : []);
  const name = seriesName(series.metric, target, scopedVars);
  const time: Field = {
    name: 'Time',
    type: FieldType.time,
    config: { interval: stepMs },
    values: points.map((p) => p[0] * 1000),
  };
  const value: Field = {
    name: 'Value',
    type: FieldType.number,
    config: name ? { displayNameFromDS: name } : {},
    labels: { ...series.metric },
    values: points.map((p) => parseSampleValue(p[1])),
  };
  return {
    refId: target.refId,
    name,
    fields: [time, value],
    length: points.length,
    meta: {
      type: DataFrameType.TimeSeriesMulti,
      typeVersion: [0, 1],
      custom: { resultType: series.values ? 'matrix' : 'vector' },
      executedQueryString: executed,
      preferredVisualisationType: 'graph',
    },
  };
}

/** Grafana's transformToHistogramOverTime + mergeHeatmapFrames for one group of `le` series. */
function heatmapFrame(frames: DataFrame[]): DataFrame | undefined {
  const buckets = frames
    .filter((f) => f.fields[1]?.labels?.le !== undefined)
    .map((f) => ({ frame: f, le: f.fields[1].labels!.le }))
    .sort((a, b) => parseSampleValue(a.le) - parseSampleValue(b.le));
  if (buckets.length === 0 || buckets.every((b) => b.frame.length === 0)) {
    return undefined;
  }
  const counts = buckets.map(({ frame, le }) => ({
    ...frame.fields[1],
    name: le,
    config: { ...frame.fields[1].config, displayNameFromDS: le },
    values: [...frame.fields[1].values] as number[],
  }));
  for (let i = counts.length - 1; i > 0; i--) {
    const top = counts[i].values;
    const bottom = counts[i - 1].values;
    for (let j = 0; j < top.length; j++) {
      top[j] -= bottom[j] || 0;
      if (top[j] < 1e-9) {
        top[j] = 0;
      }
    }
  }
  const first = buckets[0].frame;
  return {
    ...first,
    name: buckets[0].le,
    meta: { ...first.meta, type: DataFrameType.HeatmapRows },
    fields: [first.fields[0], ...counts],
    length: first.length,
  };
}

export function heatmapFrames(frames: DataFrame[]): DataFrame[] {
  // Group by the labels other than `le`, as Grafana does.
  const groups = new Map<string, DataFrame[]>();
  for (const frame of frames) {
    const { le: _le, ...rest } = frame.fields[1]?.labels ?? {};
    const key = Object.values(rest).join();
    groups.set(key, [...(groups.get(key) ?? []), frame]);
  }
  return [...groups.values()].map(heatmapFrame).filter((f): f is DataFrame => f !== undefined);
}

function tableFrame(frames: DataFrame[], refId: string, valueName: string, executed: string): DataFrame {
  const labelNames = [...new Set(frames.flatMap((f) => Object.keys(f.fields[1]?.labels ?? {})))].sort();
  const time: Field = { name: 'Time', type: FieldType.time, config: {}, values: [] };
  const labels: Field[] = labelNames.map((name) => ({ name, type: FieldType.string, config: { filterable: true }, values: [] }));
  const value: Field = { name: valueName, type: FieldType.number, config: {}, values: [] };
  for (const frame of frames) {
    const frameLabels = frame.fields[1]?.labels ?? {};
    frame.fields[0].values.forEach((t, i) => {
      time.values.push(t);
      value.values.push(frame.fields[1].values[i]);
      labels.forEach((field) => field.values.push(frameLabels[field.name] ?? ''));
    });
  }
  return {
    refId,
    fields: [time, ...labels, value],
    length: time.values.length,
    meta: { executedQueryString: executed, preferredVisualisationType: 'rawPrometheus' as never },
  };
}

export class PrometheusStandIn extends DataSourceApi<PromQuery, PromOptions> {
  readonly scrapeIntervalMs: number;

  constructor(private readonly settings: DataSourceInstanceSettings<PromOptions>) {
    super(settings);
    this.interval = settings.jsonData.timeInterval || '15s';
    this.scrapeIntervalMs = rangeUtil.intervalToMs(this.interval);
  }

  private get base(): string {
    return `/api/datasources/proxy/uid/${encodeURIComponent(this.settings.uid)}`;
  }

  private async api(path: string, params: Record<string, string>): Promise<PromResponse> {
    const response = await lastValueFrom(
      getBackendSrv().fetch<PromResponse>({
        url: `${this.base}${path}`,
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        data: new URLSearchParams(params).toString(),
        showErrorAlert: false,
      })
    );
    return response.data;
  }

  async query(request: DataQueryRequest<PromQuery>): Promise<DataQueryResponse> {
    const targets = request.targets.filter((t) => !t.hide && t.expr);
    const results = await Promise.all(targets.map((target) => this.runTarget(target, request)));
    const data = results.flatMap((r) => r.frames);
    const errors = results.flatMap((r) => (r.error ? [r.error] : []));
    return {
      data,
      errors: errors.length ? errors : undefined,
      error: errors[0],
      state: errors.length ? LoadingState.Error : LoadingState.Done,
    };
  }

  private async runTarget(
    target: PromQuery,
    request: DataQueryRequest<PromQuery>
  ): Promise<{ frames: DataFrame[]; error?: DataQueryError }> {
    const fromMs = request.range.from.valueOf();
    const toMs = request.range.to.valueOf();
    const rangeMs = Math.max(toMs - fromMs, 1);
    const templateSrv = getTemplateSrv();
    const minStepMs = target.interval
      ? rangeUtil.intervalToMs(templateSrv.replace(target.interval, request.scopedVars))
      : this.scrapeIntervalMs;
    const safeMs = rangeUtil.roundInterval(rangeMs / 11000);
    const stepMs = Math.max(request.intervalMs || 0, minStepMs, safeMs, 1000) * (target.intervalFactor || 1);
    const rateIntervalMs = Math.max(stepMs + this.scrapeIntervalMs, 4 * this.scrapeIntervalMs);
    const rangeS = Math.round(rangeMs / 1000);
    const scopedVars: ScopedVars = {
      ...request.scopedVars,
      __interval: { text: formatDuration(stepMs), value: formatDuration(stepMs) },
      __interval_ms: { text: String(stepMs), value: stepMs },
      __rate_interval: { text: formatDuration(rateIntervalMs), value: formatDuration(rateIntervalMs) },
      __range: { text: `${rangeS}s`, value: `${rangeS}s` },
      __range_s: { text: String(rangeS), value: rangeS },
      __range_ms: { text: String(rangeMs), value: rangeMs },
    };
    const expr = templateSrv.replace(target.expr ?? '', scopedVars, interpolateQueryExpr);
    const stepS = stepMs / 1000;
    const start = Math.floor(fromMs / 1000 / stepS) * stepS;
    const end = Math.floor(toMs / 1000 / stepS) * stepS;
    const instant = target.instant && !target.range;
    const executed = instant ? `Expr: ${expr}` : `Expr: ${expr}\nStep: ${formatDuration(stepMs)}`;
    try {
      const response = instant
        ? await this.api('/api/v1/query', { query: expr, time: String(toMs / 1000) })
        : await this.api('/api/v1/query_range', { query: expr, start: String(start), end: String(end), step: String(stepS) });
      if (response.status !== 'success' || !response.data) {
        return { frames: [], error: { refId: target.refId, message: `${response.errorType}: ${response.error}` } };
      }
      let frames: DataFrame[];
      const { resultType, result } = response.data;
      if (resultType === 'matrix' || resultType === 'vector') {
        frames = (result as PromSeries[]).map((series) => seriesFrame(series, target, stepMs, executed, scopedVars));
      } else {
        const [t, v] = result as PromValue;
        frames = [seriesFrame({ metric: {}, value: [t, String(v)] }, target, stepMs, executed, scopedVars)];
      }
      if (target.format === 'heatmap') {
        frames = heatmapFrames(frames);
      } else if (target.format === 'table') {
        const valueName = request.targets.length > 1 ? `Value #${target.refId}` : 'Value';
        frames = frames.length ? [tableFrame(frames, target.refId, valueName, executed)] : [];
      }
      if (response.warnings?.length) {
        frames.forEach((f) => (f.meta = { ...f.meta, notices: response.warnings!.map((text) => ({ severity: 'warning', text })) }));
      }
      return { frames };
    } catch (err) {
      return { frames: [], error: { refId: target.refId, ...describeError(err) } };
    }
  }

  async testDatasource(): Promise<TestDataSourceResponse> {
    try {
      const response = await this.api('/api/v1/query', { query: '1+1', time: String(Date.now() / 1000) });
      return response.status === 'success'
        ? { status: 'success', message: 'Successfully queried the Prometheus API.' }
        : { status: 'error', message: response.error ?? 'Unexpected answer' };
    } catch (err) {
      return { status: 'error', message: describeError(err).message };
    }
  }

  override async metricFindQuery(query: string): Promise<Array<{ text: string }>> {
    const labelValues = query.match(/^label_values\((?:(.+),\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\)\s*$/);
    if (labelValues) {
      const [, match, label] = labelValues;
      const params: Record<string, string> = {};
      const now = Date.now() / 1000;
      params.start = String(now - 6 * 3600);
      params.end = String(now);
      const url = `${this.base}/api/v1/label/${label}/values`;
      const response = await lastValueFrom(
        getBackendSrv().fetch<{ data: string[] }>({
          url,
          params: match ? { ...params, 'match[]': getTemplateSrv().replace(match.trim(), {}, interpolateQueryExpr) } : params,
          showErrorAlert: false,
        })
      );
      return (response.data.data ?? []).map((text) => ({ text }));
    }
    const labelNames = query.match(/^label_names\(\)\s*$/);
    if (labelNames) {
      const response = await lastValueFrom(getBackendSrv().fetch<{ data: string[] }>({ url: `${this.base}/api/v1/labels` }));
      return (response.data.data ?? []).map((text) => ({ text }));
    }
    const queryResult = query.match(/^query_result\((.+)\)\s*$/);
    const expr = queryResult ? queryResult[1] : query;
    const response = await this.api('/api/v1/query', { query: getTemplateSrv().replace(expr, {}, interpolateQueryExpr), time: String(Date.now() / 1000) });
    const result = (response.data?.result ?? []) as PromSeries[];
    return result.map((s) => ({ text: queryResult ? `${s.metric.__name__ ?? ''}${formatLabels(s.metric)} ${s.value?.[1]} ${s.value?.[0]}` : s.metric.__name__ ?? formatLabels(s.metric) }));
  }
}

function describeError(err: unknown): { message: string; status?: number } {
  if (isFetchError(err)) {
    const data = err.data as { errorType?: string; error?: string; message?: string } | string | undefined;
    if (data && typeof data === 'object' && data.error) {
      return { message: data.errorType ? `${data.errorType}: ${data.error}` : data.error, status: err.status };
    }
    const detail = typeof data === 'string' && data ? data : (data as { message?: string } | undefined)?.message;
    return { message: detail ? `HTTP ${err.status}: ${detail}` : `HTTP ${err.status} ${err.statusText ?? ''}`.trim(), status: err.status };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

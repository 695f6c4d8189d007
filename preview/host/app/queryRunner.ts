// What Grafana's PanelQueryRunner does for a panel: resolve the data source(s), compute the
// interval from the time range and the panel width (maxDataPoints), build the DataQueryRequest,
// run it, merge the responses, pre-process the frames and apply the panel's transformations.
// Field config (defaults + overrides) is applied by the panel view, which knows the plugin.
import { from, lastValueFrom, Observable, toArray } from 'rxjs';
import {
  DataFrame,
  DataQuery,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceRef,
  DataTransformerConfig,
  getProcessedDataFrames,
  LoadingState,
  PanelData,
  rangeUtil,
  ScopedVars,
  TimeRange,
  transformDataFrame,
} from '@grafana/data';
import { getDataSourceSrv, getTemplateSrv } from '@grafana/runtime';

export interface PanelQueryModel {
  id: number;
  datasource?: DataSourceRef | string | null;
  targets?: Array<DataQuery & Record<string, unknown>>;
  maxDataPoints?: number | null;
  interval?: string | null;
  transformations?: DataTransformerConfig[];
}

let requestCounter = 0;

export function toDataQueryError(err: unknown): DataQueryError {
  if (err && typeof err === 'object') {
    const e = err as { message?: string; data?: { message?: string; error?: string }; status?: number; statusText?: string };
    const message = e.data?.message || e.data?.error || e.message || (e.status ? `HTTP ${e.status} ${e.statusText ?? ''}`.trim() : undefined);
    return { message: message || 'Query error', status: e.status };
  }
  return { message: String(err) };
}

const MIXED = '-- Mixed --';

function dsKey(ref: DataSourceRef | string | null | undefined): string | undefined {
  if (!ref) {
    return undefined;
  }
  return typeof ref === 'string' ? ref : (ref.uid ?? ref.type);
}

export async function runPanelQuery(
  panel: PanelQueryModel,
  timeRange: TimeRange,
  width: number,
  dashboardUID?: string
): Promise<PanelData> {
  const targets = (panel.targets ?? []).filter((t) => !t.hide);
  const base: PanelData = { state: LoadingState.Done, series: [], timeRange };
  if (targets.length === 0) {
    return base;
  }
  const dsSrv = getDataSourceSrv();
  const panelDs = panel.datasource;
  const mixed = dsKey(panelDs) === MIXED;
  // Group the targets by data source, as Grafana's mixed data source does.
  const groups = new Map<string, { ref: DataSourceRef | string | null | undefined; targets: typeof targets }>();
  for (const target of targets) {
    // Mixed: each target's own; otherwise the panel's (or, without one, the first target's).
    const targetDs = target.datasource as DataSourceRef | undefined;
    const ref = mixed ? (targetDs ?? undefined) : (panelDs ?? targets.find((t) => t.datasource)?.datasource);
    const settings = dsSrv.getInstanceSettings(ref as DataSourceRef);
    const key = settings?.uid ?? `missing:${dsKey(ref as DataSourceRef) ?? 'default'}`;
    const group = groups.get(key) ?? { ref, targets: [] };
    group.targets.push(target);
    groups.set(key, group);
  }

  const series: DataFrame[] = [];
  const errors: DataQueryError[] = [];
  let lastRequest: DataQueryRequest | undefined;
  await Promise.all(
    [...groups.values()].map(async ({ ref, targets: groupTargets }) => {
      try {
        const ds = await dsSrv.get(ref as DataSourceRef);
        const maxDataPoints = panel.maxDataPoints ?? Math.max(Math.round(width), 100);
        const lowerLimit = panel.interval ? getTemplateSrv().replace(panel.interval) : ds.interval ?? undefined;
        const norm = rangeUtil.calculateInterval(timeRange, maxDataPoints, lowerLimit ?? undefined);
        const scopedVars: ScopedVars = {
          __interval: { text: norm.interval, value: norm.interval },
          __interval_ms: { text: String(norm.intervalMs), value: norm.intervalMs },
        };
        const request: DataQueryRequest = {
          app: 'dashboard',
          requestId: `P${panel.id}_${++requestCounter}`,
          timezone: 'browser',
          range: timeRange,
          rangeRaw: timeRange.raw,
          interval: norm.interval,
          intervalMs: norm.intervalMs,
          maxDataPoints,
          targets: groupTargets.map((t) => ({ ...t, datasource: ds.getRef() })),
          scopedVars,
          startTime: Date.now(),
          panelId: panel.id,
          dashboardUID,
        };
        lastRequest = request;
        const result = ds.query(request) as Promise<DataQueryResponse> | Observable<DataQueryResponse>;
        const responses = await lastValueFrom(from(result).pipe(toArray()));
        // Streaming/partial responses: keep the last one per key, as runRequest does.
        const byKey = new Map<string, DataQueryResponse>();
        responses.forEach((r) => byKey.set(r.key ?? 'A', r));
        for (const response of byKey.values()) {
          series.push(...getProcessedDataFrames(response.data ?? []));
          if (response.errors?.length) {
            errors.push(...response.errors);
          } else if (response.error) {
            errors.push(response.error);
          }
        }
      } catch (err) {
        errors.push(toDataQueryError(err));
      }
    })
  );

  let transformed = series;
  if (panel.transformations?.length && series.length) {
    try {
      const ctx = { interpolate: (v: string) => getTemplateSrv().replace(v) };
      transformed = await lastValueFrom(transformDataFrame(panel.transformations, series, ctx));
    } catch (err) {
      errors.push({ message: `Transformation failed: ${toDataQueryError(err).message}` });
    }
  }
  return {
    state: errors.length ? LoadingState.Error : LoadingState.Done,
    series: transformed,
    errors: errors.length ? errors : undefined,
    error: errors[0],
    timeRange,
    request: lastRequest,
  };
}

// Test doubles for the data source's unit tests: a BackendSrv.fetch that answers like Prometheus
// behind Grafana's proxy (status + body — an ArrayBuffer when responseType is 'arraybuffer', as
// Grafana does, else text — and a FetchError for non-2xx), and data source settings.
import { Observable } from 'rxjs';
import { DataQueryRequest, dateTime, DataSourceInstanceSettings } from '@grafana/data';
import { CostDataSourceOptions, CostQuery } from './types';

export interface FakeRequest {
  url: string;
  path: string;
  params: URLSearchParams;
  query: string;
  method: string;
}

export type FakeAnswer = { status?: number; body: unknown } | { network: string } | { hang: true };
export type FakeHandler = (req: FakeRequest) => FakeAnswer;

export function settings(jsonData: CostDataSourceOptions, url = '/api/datasources/proxy/uid/cost'): DataSourceInstanceSettings<CostDataSourceOptions> {
  return {
    id: 1,
    uid: 'cost',
    type: 'headroom-cost-datasource',
    name: 'Headroom Cost',
    url,
    jsonData,
    meta: {} as never,
    access: 'proxy',
    readOnly: false,
  };
}

/** A BackendSrv.fetch mock body: answers each request with `handler`, records the requests. */
export function fakeFetch(handler: FakeHandler) {
  const requests: FakeRequest[] = [];
  const fetch = jest.fn((options: { url: string; method?: string; data?: string; responseType?: string }) => {
    const [path, qs = ''] = options.url.split('?');
    const params = new URLSearchParams(options.method === 'POST' ? String(options.data ?? '') : qs);
    const req: FakeRequest = { url: options.url, path, params, query: params.get('query') ?? '', method: options.method ?? 'GET' };
    requests.push(req);
    return new Observable((sub) => {
      const answer = handler(req);
      if ('hang' in answer) {
        return;
      }
      if ('network' in answer) {
        sub.error({ status: 0, statusText: 'Network error', data: { message: answer.network } });
        return;
      }
      const status = answer.status ?? 200;
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const data = options.responseType === 'arraybuffer' ? new TextEncoder().encode(text).buffer : text;
      if (status >= 200 && status < 300) {
        sub.next({ status, statusText: 'OK', data, ok: true });
        sub.complete();
      } else {
        sub.error({ status, statusText: status >= 500 ? 'Server Error' : 'Bad Request', data });
      }
    });
  });
  return { fetch, requests };
}

export const T0 = Date.UTC(2026, 0, 1);
export const HOUR = 3_600_000;

/** Prometheus matrix answer body. */
export function matrix(series: Array<{ metric: Record<string, string>; values: Array<[number, number | string]> }>) {
  return { status: 'success', data: { resultType: 'matrix', result: series.map((s) => ({ metric: s.metric, values: s.values.map(([t, v]) => [t / 1000, String(v)]) })) } };
}

export function vector(series: Array<{ metric: Record<string, string>; value: number }>, atMs = T0) {
  return { status: 'success', data: { resultType: 'vector', result: series.map((s) => ({ metric: s.metric, value: [atMs / 1000, String(s.value)] })) } };
}

/** Samples of `value(t)` on the step grid [start, end] of a range query's params. */
export function gridValues(req: FakeRequest, value: (tMs: number) => number): Array<[number, number]> {
  const start = Number(req.params.get('start')) * 1000;
  const end = Number(req.params.get('end')) * 1000;
  const step = Number(req.params.get('step')) * 1000;
  const out: Array<[number, number]> = [];
  for (let t = start; t <= end; t += step) {
    out.push([t, value(t)]);
  }
  return out;
}

export function request(targets: Array<Partial<CostQuery>>, fromMs = T0, toMs = T0 + 24 * HOUR, intervalMs = 5 * 60_000): DataQueryRequest<CostQuery> {
  return {
    requestId: 'r1',
    interval: '5m',
    intervalMs,
    range: { from: dateTime(fromMs), to: dateTime(toMs), raw: { from: dateTime(fromMs), to: dateTime(toMs) } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ refId: String.fromCharCode(65 + i), ...t })),
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
  } as DataQueryRequest<CostQuery>;
}

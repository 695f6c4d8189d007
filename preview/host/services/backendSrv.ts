// Grafana's BackendSrv over window.fetch: an Observable per request, JSON in and out, and
// FetchError-shaped failures ({ status, statusText, data, config }) for non-2xx answers, with
// data.message filled from data.error as Grafana does. Requests go to the preview server, which
// proxies /api/datasources/proxy/uid/<uid>/... to the real Prometheus.
import { lastValueFrom, Observable } from 'rxjs';
import { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';

export interface RecordedRequest {
  method: string;
  url: string;
  status: number;
}

/** The last requests, newest last, for tests (window.__preview.requests). */
export const recordedRequests: RecordedRequest[] = [];

function buildUrl(url: string, params?: Record<string, unknown>): string {
  if (!params) {
    return url;
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      search.append(key, String(item));
    }
  }
  const query = search.toString();
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

function buildBody(options: BackendSrvRequest, headers: Headers): BodyInit | undefined {
  const { data } = options;
  if (data === undefined || data === null) {
    return undefined;
  }
  if (typeof data === 'string' || data instanceof FormData || data instanceof URLSearchParams || data instanceof Blob) {
    return data;
  }
  if (!headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  return JSON.stringify(data);
}

async function parseBody(response: Response, responseType: BackendSrvRequest['responseType']): Promise<unknown> {
  if (responseType === 'blob') {
    return response.blob();
  }
  if (responseType === 'arraybuffer') {
    return response.arrayBuffer();
  }
  const text = await response.text();
  if (responseType === 'text') {
    return text;
  }
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

export class PreviewBackendSrv implements BackendSrv {
  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      const abort = () => controller.abort();
      options.abortSignal?.addEventListener('abort', abort);
      const method = (options.method ?? 'GET').toUpperCase();
      const headers = new Headers(options.headers ?? {});
      headers.set('X-Grafana-Org-Id', '1');
      const url = buildUrl(options.url, options.params);
      const body = buildBody(options, headers);
      const record: RecordedRequest = { method, url, status: 0 };
      recordedRequests.push(record);
      if (recordedRequests.length > 200) {
        recordedRequests.shift();
      }
      fetch(url, { method, headers, body, signal: controller.signal, credentials: options.credentials ?? 'same-origin' })
        .then(async (response) => {
          record.status = response.status;
          const data = (await parseBody(response, options.responseType)) as T;
          const result: FetchResponse<T> = {
            data,
            status: response.status,
            statusText: response.statusText,
            ok: response.ok,
            headers: response.headers,
            redirected: response.redirected,
            type: response.type,
            url: response.url,
            config: options,
          };
          if (!response.ok) {
            const error: FetchError = { status: response.status, statusText: response.statusText, data, config: options };
            if (data && typeof data === 'object') {
              const payload = data as { message?: string; error?: unknown };
              if (!payload.message && typeof payload.error === 'string') {
                payload.message = payload.error;
              }
              error.message = payload.message;
            }
            subscriber.error(error);
            return;
          }
          subscriber.next(result);
          subscriber.complete();
        })
        .catch((err: unknown) => {
          if (controller.signal.aborted) {
            subscriber.error({ status: -1, statusText: 'Request was aborted', data: {}, cancelled: true, config: options });
            return;
          }
          subscriber.error({
            status: 0,
            statusText: 'Network error',
            data: { message: err instanceof Error ? err.message : String(err) },
            config: options,
          } satisfies FetchError);
        });
      return () => {
        options.abortSignal?.removeEventListener('abort', abort);
        controller.abort();
      };
    });
  }

  async datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  async request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return (await lastValueFrom(this.fetch<T>(options))).data;
  }

  get<T = unknown>(url: string, params?: Record<string, unknown>, requestId?: string, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'GET', url, params, requestId });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'DELETE', url, data });
  }

  post<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'POST', url, data });
  }

  patch<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'PATCH', url, data });
  }

  put<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'PUT', url, data });
  }

  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return this.fetch<Uint8Array | undefined>({ ...options, responseType: 'arraybuffer' });
  }
}

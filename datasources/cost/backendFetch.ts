// A `fetch` for core/prometheus' PrometheusClient that goes through Grafana's BackendSrv, so every
// request carries Grafana's session and goes through its data source proxy (and this plugin's
// routes) — the browser never talks to Prometheus directly.
//
// The client wants the raw status and body bytes (responseType 'arraybuffer': large range answers
// are read straight from bytes, see core/prometheus/matrixBytes.ts), and decides itself what is an
// error (so its messages are the same in the CLI and here). BackendSrv reports non-2xx answers as a FetchError:
// those become ordinary responses again. Only "no answer at all" (status 0 or a cancelled request)
// is thrown, as a network error or an AbortError. The client's AbortSignal (its timeout, or the
// query being cancelled) unsubscribes, which makes BackendSrv abort the HTTP request.
import { getBackendSrv, isFetchError } from '@grafana/runtime';
import type { FetchLike } from '../../core/prometheus/client';
import { decodeUtf8, encodeUtf8 } from '../../core/prometheus/utf8';

interface ResponseLike {
  status: number;
  statusText: string;
  ok: boolean;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The body as bytes, whatever BackendSrv handed over: bytes, text, or JSON it parsed itself. */
function bodyBytes(data: unknown): Uint8Array {
  // By tag, not instanceof: a buffer made in another realm (an iframe, a test environment) counts.
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') {
    return new Uint8Array(data as ArrayBuffer);
  }
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  if (data === undefined || data === null) {
    return new Uint8Array(0);
  }
  if (typeof data === 'string') {
    return encodeUtf8(data);
  }
  // A BackendSrv that parsed the JSON despite responseType 'arraybuffer' (older Grafana, error
  // answers, test doubles).
  let text: string;
  try {
    text = JSON.stringify(data);
  } catch {
    text = String(data);
  }
  return encodeUtf8(text);
}

function response(status: number, statusText: string, data: unknown): ResponseLike {
  const bytes = bodyBytes(data);
  return {
    status,
    statusText,
    ok: status >= 200 && status < 300,
    text: async () => decodeUtf8(bytes),
    // A copy when the bytes are a view on part of a larger buffer, so callers get exactly the body.
    arrayBuffer: async () => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer)),
  };
}

function abortError(): Error {
  const e = new Error('The request was aborted');
  e.name = 'AbortError';
  return e;
}

export function backendSrvFetch(): FetchLike {
  return (input, init = {}) =>
    new Promise((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const headers: Record<string, string> = {};
      new Headers(init.headers ?? {}).forEach((value, key) => {
        headers[key] = value;
      });
      const subscription = getBackendSrv()
        .fetch<unknown>({
          url: input,
          method: init.method ?? 'GET',
          headers,
          data: init.body ?? undefined,
          responseType: 'arraybuffer',
          showErrorAlert: false,
          showSuccessAlert: false,
        })
        .subscribe({
          next: (r) => resolve(response(r.status, r.statusText, r.data) as unknown as Response),
          error: (e: unknown) => {
            if (isFetchError(e) && e.status > 0) {
              resolve(response(e.status, e.statusText ?? '', e.data) as unknown as Response);
              return;
            }
            if (isFetchError(e) && (e.cancelled || e.status === -1)) {
              reject(abortError());
              return;
            }
            const detail = isFetchError(e) ? ((e.data as { message?: string } | undefined)?.message ?? e.statusText) : e instanceof Error ? e.message : String(e);
            reject(new Error(detail || 'no answer from Grafana'));
          },
        });
      signal?.addEventListener(
        'abort',
        () => {
          subscription.unsubscribe();
          reject(abortError());
        },
        { once: true }
      );
    });
}

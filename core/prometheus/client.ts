// A Prometheus HTTP API client on `fetch`: runs in Node 20+ and in the browser (the cost datasource
// reuses it, pointing `url` at Grafana's datasource proxy). Works with Prometheus-compatible stores
// too: put their path prefix in `url` (Mimir: https://mimir/prometheus) and the tenant header in
// `headers` ({ 'X-Scope-OrgID': 'team-a' }).
//
// Every failure is a PrometheusError with a kind and one clear message:
// - unreachable (connection refused, DNS, reset), timeout (no complete answer — headers AND body —
//   within `timeoutMs`), aborted (the caller's signal);
// - client / server: HTTP 4xx / 5xx, quoting Prometheus' own errorType and error when the body is
//   its error JSON, else the status line and the start of the body (a proxy's HTML page);
// - malformed: HTTP 200 whose body isn't JSON, or JSON without Prometheus' status/data shape.
// Range queries over Prometheus' 11,000-points-per-series limit are split into chunks and merged
// (queryRangeChunked), so a 30-day query at 1-minute steps works.
import { describeNetworkCode, PrometheusError, PrometheusErrorKind, redactUrl, statusHint } from './errors';
import { matrixToSeries, mergeMatrices } from './matrix';
import { readMatrixInto } from './matrixBytes';
import { SeriesJoiner } from './seriesSink';
import { matrixProblem, vectorProblem, warningStrings } from './shape';
import { ApiError, ApiSuccess, MatrixSeries, NumericSeries, QueryData } from './types';
import { decodeUtf8 } from './utf8';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface PrometheusClientOptions {
  /** Base URL without /api/v1 (may include a path prefix). */
  url: string;
  /** Extra headers: Authorization, X-Scope-OrgID... */
  headers?: Record<string, string>;
  /** Time limit per request, ms (default 30 s). */
  timeoutMs?: number;
  /** GET (default; works through every proxy) or POST (form body; for very long queries). */
  method?: 'GET' | 'POST';
  /** fetch to use (default: the global one). */
  fetch?: FetchLike;
  /** Points per series per request before queryRangeChunked splits (Prometheus' limit: 11000). */
  maxPointsPerRequest?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface Result<T> {
  data: T;
  warnings: string[];
}

export const PROMETHEUS_MAX_POINTS = 11_000;

export class PrometheusClient {
  readonly baseUrl: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly method: 'GET' | 'POST';
  private readonly fetchImpl: FetchLike;
  private readonly maxPoints: number;

  constructor(opts: PrometheusClientOptions) {
    const { url, basic } = splitCredentials(opts.url);
    this.baseUrl = url.replace(/\/+$/, '');
    this.headers = { Accept: 'application/json', ...(basic ? { Authorization: basic } : {}), ...(opts.headers ?? {}) };
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.method = opts.method ?? 'GET';
    const f = opts.fetch ?? (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);
    if (!f) {
      throw new Error('no fetch available: pass one in PrometheusClientOptions.fetch');
    }
    this.fetchImpl = f;
    this.maxPoints = opts.maxPointsPerRequest ?? PROMETHEUS_MAX_POINTS;
  }

  /** Instant query at `timeMs` (default: now on the server). */
  async query(expr: string, timeMs?: number, opts: RequestOptions = {}): Promise<Result<QueryData>> {
    this.requireExpr(expr, 'query');
    const params: Record<string, string> = { query: expr };
    if (timeMs !== undefined) {
      params.time = toSeconds(timeMs);
    }
    const r = await this.request<QueryData>('query', params, opts);
    this.requireResultType(r.data, 'query');
    return r;
  }

  /** Range query [startMs, endMs] at `stepMs`; one request, so within Prometheus' point limit. */
  async queryRange(expr: string, startMs: number, endMs: number, stepMs: number, opts: RequestOptions = {}): Promise<Result<MatrixSeries[]>> {
    this.requireExpr(expr, 'query_range');
    this.requireRange(startMs, endMs, stepMs);
    const r = await this.request<QueryData>('query_range', { query: expr, start: toSeconds(startMs), end: toSeconds(endMs), step: toSeconds(stepMs) }, opts);
    this.requireResultType(r.data, 'query_range');
    if (r.data.resultType !== 'matrix') {
      throw this.error('malformed', 'query_range', `Prometheus answered query_range with a ${r.data.resultType}, expected a matrix`);
    }
    return { data: r.data.result, warnings: r.warnings };
  }

  /**
   * Range query split into chunks of at most `maxPointsPerRequest` steps, run one after another
   * (kind to a small Prometheus), and merged per series.
   */
  async queryRangeChunked(expr: string, startMs: number, endMs: number, stepMs: number, opts: RequestOptions = {}): Promise<Result<MatrixSeries[]>> {
    this.requireRange(startMs, endMs, stepMs);
    const chunks = rangeChunks(startMs, endMs, stepMs, this.maxPoints);
    const parts: MatrixSeries[][] = [];
    const warnings: string[] = [];
    for (const c of chunks) {
      const r = await this.queryRange(expr, c.start, c.end, stepMs, opts);
      parts.push(r.data);
      for (const w of r.warnings) {
        warnings.push(w);
      }
    }
    return { data: mergeMatrices(parts), warnings: [...new Set(warnings)] };
  }

  /**
   * queryRangeChunked straight to numeric series (unix ms, floats): the fast path for long
   * ranges, without the merged wire-format copy.
   */
  async queryRangeSeries(expr: string, startMs: number, endMs: number, stepMs: number, opts: RequestOptions = {}): Promise<Result<NumericSeries[]>> {
    this.requireRange(startMs, endMs, stepMs);
    this.requireExpr(expr, 'query_range');
    const chunks = rangeChunks(startMs, endMs, stepMs, this.maxPoints);
    // Every series is written once, into arrays sized for the whole range when it is dense; series
    // on the range's grid share one time array.
    const joiner = new SeriesJoiner({ max: Math.floor((endMs - startMs) / stepMs) + 1, end: endMs, start: startMs, step: stepMs });
    const warnings: string[] = [];
    for (const c of chunks) {
      const params = { query: expr, start: toSeconds(c.start), end: toSeconds(c.end), step: toSeconds(stepMs) };
      const r = await this.fetchBody('query_range', params, opts);
      // Fast path: a successful matrix read straight from the bytes into the series' arrays;
      // anything else takes the JSON.parse path, which also produces the error messages.
      if (r.status >= 200 && r.status < 300) {
        joiner.begin();
        const fast = readMatrixInto(r.bytes, joiner);
        if (fast) {
          for (const w of fast.warnings) {
            warnings.push(w);
          }
          continue;
        }
        joiner.rollback();
      }
      const slow = this.interpret<QueryData>('query_range', r.status, r.statusText, decodeUtf8(r.bytes));
      this.requireResultType(slow.data, 'query_range');
      if (slow.data.resultType !== 'matrix') {
        throw this.error('malformed', 'query_range', `Prometheus answered query_range with a ${slow.data.resultType}, expected a matrix`);
      }
      joiner.add(matrixToSeries(slow.data.result));
      for (const w of slow.warnings) {
        warnings.push(w);
      }
    }
    return { data: joiner.series(), warnings: [...new Set(warnings)] };
  }

  /** Values of one label (optionally only on series matching `match`). */
  async labelValues(label: string, match?: string[], opts: RequestOptions = {}): Promise<Result<string[]>> {
    const params: Record<string, string | string[]> = {};
    if (match?.length) {
      params['match[]'] = match;
    }
    const r = await this.request<string[]>(`label/${encodeURIComponent(label)}/values`, params, opts);
    if (!Array.isArray(r.data)) {
      throw this.error('malformed', 'label values', 'Prometheus answered label values without a list');
    }
    return r;
  }

  /** Server version: the cheapest real API call, for a datasource's "test" button. */
  async buildInfo(opts: RequestOptions = {}): Promise<Result<Record<string, string>>> {
    return this.request<Record<string, string>>('status/buildinfo', {}, opts);
  }

  private requireExpr(expr: string, endpoint: string) {
    if (typeof expr !== 'string' || expr.trim() === '') {
      throw this.error('invalid', endpoint, `empty PromQL expression for ${endpoint}`);
    }
  }

  private requireRange(startMs: number, endMs: number, stepMs: number) {
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs) || endMs < startMs) {
      throw this.error('invalid', 'query_range', `invalid time range: start ${startMs}, end ${endMs} (unix ms, end >= start)`);
    }
    if (!(stepMs >= 1)) {
      throw this.error('invalid', 'query_range', `invalid step ${stepMs} ms (must be at least 1 ms)`);
    }
  }

  private requireResultType(d: QueryData, endpoint: string) {
    if (!d || typeof d !== 'object' || !('resultType' in d) || !('result' in d)) {
      throw this.error('malformed', endpoint, `Prometheus answered ${endpoint} without data.resultType/data.result`);
    }
    const problem = d.resultType === 'matrix' ? matrixProblem(d.result) : d.resultType === 'vector' ? vectorProblem(d.result) : null;
    if (problem) {
      throw this.error('malformed', endpoint, `Prometheus answered ${endpoint} with a malformed ${d.resultType}: ${problem}`);
    }
  }

  private error(kind: PrometheusErrorKind, endpoint: string, message: string, extra: { status?: number; errorType?: string; cause?: unknown } = {}) {
    return new PrometheusError(message, { kind, endpoint, url: redactUrl(this.baseUrl), ...extra });
  }

  /** GET/POST /api/v1/<endpoint>; returns data + warnings or throws one PrometheusError. */
  private async request<T>(endpoint: string, params: Record<string, string | string[]>, opts: RequestOptions): Promise<Result<T>> {
    const r = await this.fetchBody(endpoint, params, opts);
    return this.interpret<T>(endpoint, r.status, r.statusText, decodeUtf8(r.bytes));
  }

  /** The HTTP exchange: status and body bytes, or a PrometheusError for network/time failures. */
  private async fetchBody(endpoint: string, params: Record<string, string | string[]>, opts: RequestOptions): Promise<{ status: number; statusText: string; bytes: Uint8Array }> {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      for (const x of Array.isArray(v) ? v : [v]) {
        form.append(k, x);
      }
    }
    const base = `${this.baseUrl}/api/v1/${endpoint}`;
    const qs = form.toString();
    const init: RequestInit = { method: this.method, headers: { ...this.headers } };
    let url = base;
    if (this.method === 'POST') {
      init.body = qs;
      (init.headers as Record<string, string>)['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (qs) {
      url = `${base}?${qs}`;
    }
    const where = redactUrl(this.baseUrl);
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    if (opts.signal) {
      if (opts.signal.aborted) {
        controller.abort();
      } else {
        opts.signal.addEventListener('abort', onAbort, { once: true });
      }
    }
    init.signal = controller.signal;
    let status = 0;
    let statusText = '';
    let bytes: Uint8Array;
    try {
      const res = await this.fetchImpl(url, init);
      status = res.status;
      statusText = res.statusText;
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      if (timedOut) {
        throw this.error('timeout', endpoint, `Prometheus at ${where} did not answer ${endpoint} within ${timeoutMs} ms${status ? ` (HTTP ${status} headers arrived, the body did not)` : ''}`, { cause: e, status: status || undefined });
      }
      if (controller.signal.aborted) {
        throw this.error('aborted', endpoint, `request to Prometheus at ${where} (${endpoint}) was cancelled`, { cause: e });
      }
      const code = networkCode(e);
      const detail = code ? describeNetworkCode(code) : causeMessage(e);
      throw this.error('unreachable', endpoint, `cannot reach Prometheus at ${where}: ${detail}`, { cause: e });
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
    return { status, statusText, bytes };
  }

  /** Status + body → data, or the one PrometheusError that says what is wrong. */
  private interpret<T>(endpoint: string, status: number, statusText: string, body: string): Result<T> {
    const where = redactUrl(this.baseUrl);
    let json: unknown;
    let parseError: unknown = null;
    try {
      json = JSON.parse(body);
    } catch (e) {
      parseError = e;
    }
    const apiErr = parseError === null && isApiError(json) ? json : null;
    if (status >= 400 || (status >= 200 && status < 300 && apiErr)) {
      const kind = status >= 500 ? 'server' : 'client';
      const who = status >= 500 ? 'failed on' : 'rejected';
      if (apiErr) {
        throw this.error(kind, endpoint, `Prometheus ${who} ${endpoint} (HTTP ${status}, ${apiErr.errorType}): ${apiErr.error}${statusHint(status)}`, {
          status,
          errorType: apiErr.errorType,
        });
      }
      throw this.error(kind, endpoint, `HTTP ${status}${statusText ? ` ${statusText}` : ''} from ${where} on ${endpoint}${bodySnippet(body)}${statusHint(status)}`, { status });
    }
    if (status < 200 || status >= 300) {
      throw this.error('server', endpoint, `unexpected HTTP ${status} from ${where} on ${endpoint}${bodySnippet(body)}`, { status });
    }
    if (parseError !== null) {
      throw this.error('malformed', endpoint, `Prometheus at ${where} answered ${endpoint} with HTTP ${status} but the body is not JSON${bodySnippet(body)}`, { status, cause: parseError });
    }
    if (!isApiSuccess(json)) {
      throw this.error('malformed', endpoint, `Prometheus at ${where} answered ${endpoint} with JSON that is not a Prometheus API response (no "status":"success" and "data")`, { status });
    }
    return { data: json.data as T, warnings: warningStrings(json.warnings) };
  }
}

/**
 * fetch refuses URLs with user:password; turn them into a Basic Authorization header instead
 * (and keep them out of every message).
 */
function splitCredentials(raw: string): { url: string; basic?: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { url: raw };
  }
  if (!u.username && !u.password) {
    return { url: raw };
  }
  const basic = `Basic ${btoa(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`)}`;
  u.username = '';
  u.password = '';
  return { url: u.toString(), basic };
}

function toSeconds(ms: number): string {
  return String(ms / 1000);
}

function networkCode(e: unknown): string | undefined {
  const c = (e as { cause?: { code?: unknown; errors?: Array<{ code?: unknown }> } })?.cause;
  if (c && typeof c.code === 'string') {
    return c.code;
  }
  // AggregateError (IPv4 + IPv6 both refused) carries the codes inside.
  const inner = c?.errors?.find((x) => typeof x?.code === 'string');
  if (inner) {
    return inner.code as string;
  }
  const own = (e as { code?: unknown })?.code;
  return typeof own === 'string' ? own : undefined;
}

/** The innermost message of a network error without a code ("bad port", "Failed to fetch"). */
function causeMessage(e: unknown): string {
  const cause = (e as { cause?: { message?: unknown } })?.cause;
  const msg = typeof cause?.message === 'string' && cause.message ? cause.message : e instanceof Error ? e.message : '';
  if (msg === 'bad port') {
    return 'port blocked by fetch (a "bad port" in the Fetch standard; use another port)';
  }
  return msg ? `network error (${msg})` : 'network error';
}

function isApiError(x: unknown): x is ApiError {
  return typeof x === 'object' && x !== null && (x as ApiError).status === 'error' && typeof (x as ApiError).error === 'string';
}

function isApiSuccess(x: unknown): x is ApiSuccess<unknown> {
  return typeof x === 'object' && x !== null && (x as ApiSuccess<unknown>).status === 'success' && 'data' in (x as object);
}

/** ": <first 160 chars of the body, tags and whitespace squeezed>" or "" for an empty body. */
function bodySnippet(body: string): string {
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) {
    return ' (empty body)';
  }
  return `: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}`;
}

/** Splits [start, end] into sub-ranges of at most `maxPoints` samples on the same step grid. */
export function rangeChunks(startMs: number, endMs: number, stepMs: number, maxPoints = PROMETHEUS_MAX_POINTS): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const span = (maxPoints - 1) * stepMs;
  let s = startMs;
  while (s <= endMs) {
    const e = Math.min(endMs, s + span);
    out.push({ start: s, end: e });
    s = e + stepMs;
  }
  return out;
}

// One error type for everything that can go wrong talking to Prometheus, with a `kind` callers can
// branch on and a message a person can act on (what failed, where, and the likely fix).
export type PrometheusErrorKind =
  /** Connection refused, DNS failure, reset: nothing answered. */
  | 'unreachable'
  /** No complete answer within the time limit. */
  | 'timeout'
  /** The caller aborted. */
  | 'aborted'
  /** HTTP 4xx (bad query, auth, not found, rate limited). */
  | 'client'
  /** HTTP 5xx (Prometheus or a proxy failed). */
  | 'server'
  /** HTTP 200 whose body is not the JSON Prometheus sends. */
  | 'malformed'
  /** A bad argument caught before sending (empty query, step too small...). */
  | 'invalid';

export interface PrometheusErrorDetails {
  kind: PrometheusErrorKind;
  endpoint: string;
  /** The base URL, credentials removed. */
  url: string;
  status?: number;
  /** Prometheus' errorType (bad_data, execution, timeout, canceled, internal, unavailable...). */
  errorType?: string;
  cause?: unknown;
}

export class PrometheusError extends Error {
  readonly kind: PrometheusErrorKind;
  readonly endpoint: string;
  readonly url: string;
  readonly status?: number;
  readonly errorType?: string;

  constructor(message: string, d: PrometheusErrorDetails) {
    super(message);
    this.name = 'PrometheusError';
    this.kind = d.kind;
    this.endpoint = d.endpoint;
    this.url = d.url;
    this.status = d.status;
    this.errorType = d.errorType;
    if (d.cause !== undefined) {
      (this as { cause?: unknown }).cause = d.cause;
    }
  }
}

export function isPrometheusError(e: unknown): e is PrometheusError {
  return e instanceof PrometheusError;
}

/** A URL for messages: no user:password, no query string. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

/** Words for the common network error codes Node's fetch puts in `cause.code`. */
export function describeNetworkCode(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is Prometheus running on that port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset by the server';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `TLS certificate problem (${code})`;
    default:
      return code ? `network error (${code})` : 'network error';
  }
}

/** A hint for an HTTP status, appended to client-error messages. */
export function statusHint(status: number): string {
  if (status === 401 || status === 403) {
    return ' — check the credentials (Authorization header / bearer token / tenant header)';
  }
  if (status === 404) {
    return ' — check the URL and its path prefix (Mimir serves the API under /prometheus)';
  }
  if (status === 429) {
    return ' — rate limited; retry later or lower the query load';
  }
  return '';
}

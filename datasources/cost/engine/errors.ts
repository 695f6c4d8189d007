// One clear message per failing query: what failed (which part of the query), and why.
import { isPrometheusError } from '../../../core/prometheus/errors';
import { InterpolationError } from '../promql/interpolate';
import { PriceBookError } from '../pricebook';

/** A problem with the query or the data that the user can fix; its message is shown as is. */
export class CostQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CostQueryError';
  }
}

/** Wraps a failure of one step ("inventory", "requests") with that step's name. */
export async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw new CostQueryError(`${what}: ${describeError(e)}`);
  }
}

export function describeError(e: unknown): string {
  if (e instanceof CostQueryError || e instanceof PriceBookError) {
    return e.message;
  }
  if (e instanceof InterpolationError) {
    return `template variable problem: ${e.message}`;
  }
  if (isPrometheusError(e)) {
    let msg = e.message;
    if (e.kind === 'unreachable') {
      const cause = (e as { cause?: unknown }).cause;
      const detail = cause instanceof Error && cause.message ? cause.message : '';
      msg = `cannot reach Prometheus through Grafana${detail ? ` (${detail})` : ''}`;
    } else if (e.status === 502 || e.status === 504) {
      msg += ' — Grafana could not reach Prometheus through the data source proxy (is it running, is the URL right?)';
    }
    return msg;
  }
  if (e instanceof Error) {
    return e.message;
  }
  return String(e);
}

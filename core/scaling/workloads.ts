import type { Series } from './types';
import { analyzeWorkload, type AnalyzeOptions, type WorkloadAnalysis, type WorkloadInput } from './analyze';
import { isSeries, normaliseSeries } from './series';
import { countChanges } from './events';
import { formatDuration } from './format';
import type { ScalingWarning } from './warnings';

export const DEFAULT_WORKLOAD_CAP = 100;

export interface KeyedWorkloadInput extends WorkloadInput {
  /** Stable id, e.g. "demo/web". */
  key: string;
  /** Display name; default the key. */
  name?: string;
  labels?: Record<string, string>;
}

export interface ManyOptions extends AnalyzeOptions {
  /** Analyse at most this many workloads; default 100. ≤ 0 or NaN → default. */
  cap?: number;
  /**
   * Which workloads survive the cap: 'input' keeps input order (cheapest); 'activity' keeps the
   * ones with most replica changes (ties: input order). Default 'activity'.
   */
  rank?: 'input' | 'activity';
  /** End of the queried range (ms); a workload whose data stops earlier "disappeared". Default: latest sample of all. */
  rangeEndMs?: number;
}

export interface WorkloadResult {
  key: string;
  name: string;
  labels: Record<string, string>;
  analysis: WorkloadAnalysis;
  /** Data stopped before the end of the range (by more than the gap threshold). */
  disappeared: boolean;
  /** Time of the last replica sample (NaN when empty). */
  lastSeenMs: number;
}

export interface ManyResult {
  workloads: WorkloadResult[];
  /** Workloads given. */
  total: number;
  /** Workloads analysed (≤ cap). */
  shown: number;
  capped: boolean;
  /** "capped at 100 of 2,345 workloads (most active kept)" or null. Rows stay in input order. */
  message: string | null;
  warnings: ScalingWarning[];
}

/**
 * Analyse many workloads with a cap and disappearance detection.
 * Edge cases: duplicate keys are kept as separate rows (the frame adapter merges them first);
 * empty input → no rows, no message; rangeEnd defaults to the latest sample of all given
 * workloads (not only the shown ones); a workload with no data is kept (its analysis says empty).
 */
export function analyzeWorkloads(inputs: readonly KeyedWorkloadInput[], opts: ManyOptions = {}): ManyResult {
  const cap = opts.cap && opts.cap > 0 ? Math.floor(opts.cap) : DEFAULT_WORKLOAD_CAP;
  const rank = opts.rank ?? 'activity';
  const total = inputs.length;
  const series: Series[] = inputs.map((w) => (isSeries(w.current) ? w.current : normaliseSeries(w.current)));
  let rangeEnd = opts.rangeEndMs ?? -Infinity;
  if (opts.rangeEndMs === undefined) {
    for (const s of series) if (s.t.length > 0) rangeEnd = Math.max(rangeEnd, s.t[s.t.length - 1]);
  }
  let order = inputs.map((_, i) => i);
  if (total > cap && rank === 'activity') {
    const score = series.map((s) => countChanges(s.v));
    order.sort((a, b) => score[b] - score[a] || a - b);
  }
  order = order.slice(0, cap);
  if (rank === 'activity') order.sort((a, b) => a - b);

  const workloads: WorkloadResult[] = order.map((i) => {
    const w = inputs[i];
    const analysis = analyzeWorkload({ ...w, current: series[i] }, opts);
    const last = analysis.lastMs;
    const disappeared =
      Number.isFinite(last) && Number.isFinite(rangeEnd) && rangeEnd - last > analysis.maxGapMs;
    if (disappeared) {
      analysis.warnings.push({
        code: 'disappeared',
        text: `no data for the last ${formatDuration(rangeEnd - last)} of the range (workload gone?)`,
      });
    }
    return {
      key: w.key,
      name: w.name ?? w.key,
      labels: w.labels ?? {},
      analysis,
      disappeared,
      lastSeenMs: last,
    };
  });
  const capped = total > cap;
  const message = capped
    ? `capped at ${cap} of ${total.toLocaleString('en-US')} workloads${
        rank === 'activity' ? ' (most active kept)' : ''
      }`
    : null;
  return {
    workloads,
    total,
    shown: workloads.length,
    capped,
    message,
    warnings: message ? [{ code: 'capped', text: message }] : [],
  };
}

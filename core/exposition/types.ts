// Types shared by the Prometheus text / OpenMetrics parser.

export type ExpositionFormat = 'prometheus' | 'openmetrics';

export interface Label {
  name: string;
  value: string;
}

export interface Exemplar {
  labels: Label[];
  value: number;
  /** Milliseconds since the epoch, when given. */
  timestampMs?: number;
}

export interface Sample {
  /** Sample name as written, e.g. `http_request_duration_seconds_bucket`. */
  name: string;
  /** Labels in the order written (names unique). */
  labels: Label[];
  value: number;
  /** Milliseconds since the epoch, when given (text format: integer ms; OpenMetrics: seconds × 1000). */
  timestampMs?: number;
  exemplar?: Exemplar;
  /** 1-based line number in the input. */
  line: number;
}

export interface MetricFamily {
  name: string;
  type?: string;
  help?: string;
  unit?: string;
  /** Line of the first HELP/TYPE/UNIT comment for this family. */
  line: number;
}

export interface ParsedExposition {
  format: ExpositionFormat;
  samples: Sample[];
  families: Map<string, MetricFamily>;
}

/** A syntax error, with the 1-based line and column where it was found. */
export class ExpositionParseError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'ExpositionParseError';
  }
}

/** Labels as a plain object (own properties only, so a label called `__proto__` is safe). */
export function labelsToObject(labels: Label[]): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l.name, l.value]));
}

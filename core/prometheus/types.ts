// Shapes of Prometheus' HTTP API (v1) answers, as sent on the wire: times in unix seconds (float),
// sample values as strings ("1.5", "NaN", "+Inf").

export type Labels = Record<string, string>;
export type SamplePair = [number, string];

export interface MatrixSeries {
  metric: Labels;
  values: SamplePair[];
}

export interface VectorSample {
  metric: Labels;
  value: SamplePair;
}

export type QueryData =
  | { resultType: 'matrix'; result: MatrixSeries[] }
  | { resultType: 'vector'; result: VectorSample[] }
  | { resultType: 'scalar'; result: SamplePair }
  | { resultType: 'string'; result: SamplePair };

export interface ApiSuccess<T> {
  status: 'success';
  data: T;
  warnings?: string[];
  infos?: string[];
}

export interface ApiError {
  status: 'error';
  errorType: string;
  error: string;
  warnings?: string[];
}

/** A series with numbers: times in unix ms (Grafana's convention), values as floats. */
export interface NumericSeries {
  labels: Labels;
  t: Float64Array;
  v: Float64Array;
}

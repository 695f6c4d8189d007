// A matrix answer's bytes (or text) to series in one call: readMatrixInto with a SeriesList sink.
import { readMatrixInto } from './matrixBytes';
import { SeriesList } from './seriesSink';
import { NumericSeries } from './types';
import { encodeUtf8 } from './utf8';

export interface ParsedMatrix {
  series: NumericSeries[];
  warnings: string[];
}

/** Series of a successful matrix answer, read straight from its bytes; null → decode and JSON.parse. */
export function parseMatrixBytes(body: Uint8Array): ParsedMatrix | null {
  const list = new SeriesList();
  const r = readMatrixInto(body, list);
  return r ? { series: list.series(), warnings: r.warnings } : null;
}

/** parseMatrixBytes for a body already held as text (tests, callers without the bytes). */
export function parseMatrixText(text: string): ParsedMatrix | null {
  return parseMatrixBytes(encodeUtf8(text));
}

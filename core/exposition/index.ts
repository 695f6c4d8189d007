// Prometheus text format 0.0.4 / OpenMetrics parser and classic histogram grouping.
export * from './types';
export { parseExposition, detectFormat } from './parse';
export type { ParseOptions } from './parse';
export { parseExpositionFloat } from './sampleLine';
export * from './histograms';

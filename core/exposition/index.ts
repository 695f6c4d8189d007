// Prometheus text format 0.0.4 / OpenMetrics parser and classic histogram grouping.
export * from './types';
export { parseExposition, detectFormat, isEofLine, ExpositionLineParser } from './parse';
export type { ParseOptions } from './parse';
export { parseExpositionFloat } from './sampleLine';
export { formatExposition, formatValue, sanitiseLabelName, type FamilyToWrite } from './format';
export * from './histograms';

// Shared histogram maths: Prometheus histogram_quantile semantics for classic (`le`) and
// native histograms, per-bucket counts, fractions under a threshold (counter increases: core/series).
export * from './layout';
export * from './monotonic';
export * from './quantile';
export * from './fraction';
export * from './counts';
export * from './columns';
export * from './native';
export { goParseFloat } from './goParseFloat';
export { goLog2, goExp2 } from './goMath';

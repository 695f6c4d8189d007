export type * from './types';
export * from './errors';
export * from './matrix';
export * from './seriesSink';
export * from './promql';
export * from './client';

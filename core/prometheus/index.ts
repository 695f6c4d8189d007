export type * from './types';
export * from './errors';
export * from './matrix';
export * from './series-sink';
export * from './promql';
export * from './client';

import type { AnalysisCore } from './types';
import { formatDuration } from './format';

export type ScalingWarningCode =
  | 'empty'
  | 'no-max'
  | 'no-min'
  | 'no-metric'
  | 'no-target'
  | 'noisy'
  | 'negative'
  | 'gaps'
  | 'disappeared'
  | 'capped';

/** A clear message for the panel (one line each). */
export interface ScalingWarning {
  code: ScalingWarningCode;
  text: string;
}

export interface WarningFacts {
  hasMetric: boolean;
  hasTarget: boolean;
  negativeSamples: number;
}

/**
 * Messages for whatever was missing or odd in one workload's data.
 * Edge cases: an empty series yields only 'empty' (the rest would be noise); counts are exact.
 */
export function warningsFor(a: AnalysisCore, f: WarningFacts): ScalingWarning[] {
  if (a.current.t.length === 0) {
    return [{ code: 'empty', text: 'no replica data in range' }];
  }
  const w: ScalingWarning[] = [];
  if (!a.max) w.push({ code: 'no-max', text: 'no max replicas: time at max unknown' });
  if (!a.min) w.push({ code: 'no-min', text: 'no min replicas: time at min unknown' });
  if (!f.hasMetric) {
    w.push({ code: 'no-metric', text: 'no utilisation series: no reasons or reaction delays' });
  } else if (!f.hasTarget) {
    w.push({ code: 'no-target', text: 'no target: reasons show the value only, no reaction delays' });
  }
  if (a.noisySamples > 0) {
    w.push({
      code: 'noisy',
      text: `${a.noisySamples} replica samples were not whole numbers; rounded`,
    });
  }
  if (f.negativeSamples > 0) {
    w.push({ code: 'negative', text: `${f.negativeSamples} negative replica samples; read as 0` });
  }
  if (a.gaps > 0) {
    w.push({
      code: 'gaps',
      text: `${a.gaps} gap${a.gaps === 1 ? '' : 's'} in replica data (> ${formatDuration(
        a.maxGapMs
      )}); not counted`,
    });
  }
  return w;
}

// The web service's HorizontalPodAutoscaler: min 5, max 12, target CPU 75 %. It scales up when the
// average CPU stays above the target for 2 min, down when it stays below 50 % for 5 min, and waits
// 3 min after any change before the next one. The algorithm is stack/hpa.ts; the simulator runs it
// with tolerance 0, as its history always has (a change would change every fingerprint).
import { DEFAULT_HPA, HpaConfig, HpaState, hpaStep as step, initialHpa as initial } from '../hpa';

export type { HpaState } from '../hpa';

export const HPA: Readonly<HpaConfig> = { ...DEFAULT_HPA, tolerance: 0 };

export function initialHpa(t: number): HpaState {
  return initial(HPA, t);
}

/** Advance the HPA to time `t` given the pods' average CPU utilisation (0..1). Mutates `s`. */
export function hpaStep(s: HpaState, t: number, cpu: number): void {
  step(HPA, s, t, cpu);
}

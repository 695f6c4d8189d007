// Tick steps for a value axis in a time unit: round durations (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10,
// 15, 30 min, 1, 2, 3, 6, 12 h, days, weeks) instead of uPlot's decimal steps, which read as
// "1.67 mins, 3.33 mins" once formatted. Pure.
// Edge cases: other units get undefined (uPlot's own steps); steps under a millisecond use the
// decimal 1-2-5 series.

const secondSteps = [
  ...[1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5],
  ...[1, 2, 5, 10, 15, 30],
  ...[1, 2, 5, 10, 15, 30].map((m) => m * 60),
  ...[1, 2, 3, 6, 12].map((h) => h * 3600),
  ...[1, 2, 7, 14, 28, 56, 91, 182, 364, 728].map((d) => d * 86400),
];

const unitSeconds: Record<string, number> = { ns: 1e-9, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };

/** The steps in the axis' own unit, or undefined when the unit is not a duration. */
export function durationAxisIncrs(unit: string | undefined): number[] | undefined {
  const size = unit === undefined ? undefined : unitSeconds[unit];
  if (size === undefined) {
    return undefined;
  }
  return secondSteps.map((s) => s / size).filter((s) => s >= 1e-3 || size < 1);
}

// Timings of the forecast benchmark as a median with its range (the machine is shared and noisy).

/** { median, min, max } of a non-empty list of numbers. */
export function spread(v) {
  const s = [...v].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

/** "median (min-max)" in whole or tenths of ms. */
export function showSpread(s) {
  const f = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  return `${f(s.median)} (${f(s.min)}-${f(s.max)})`;
}

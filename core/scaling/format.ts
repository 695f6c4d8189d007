// Small text helpers for reasons and the summary header.

/**
 * Compact duration: "45s", "2m10s", "1h5m", "3d4h". Rounds to whole seconds.
 * Edge cases: negative → "-" prefix; NaN/±Inf → "?"; 0 → "0s"; drops zero trailing units.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) {
    return '?';
  }
  if (ms < 0) {
    return '-' + formatDuration(-ms);
  }
  let s = Math.round(ms / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  if (d > 0) return `${d}d` + (h > 0 ? `${h}h` : '');
  if (h > 0) return `${h}h` + (m > 0 ? `${m}m` : '');
  if (m > 0) return `${m}m` + (s > 0 ? `${s}s` : '');
  return `${s}s`;
}

/**
 * Number with at most `digits` decimals, trailing zeros dropped ("91", "0.5", "12.25").
 * Edge cases: NaN → "NaN", ±Inf → "+Inf"/"-Inf".
 */
export function formatNumber(x: number, digits = 1): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return String(Object.is(r, -0) ? 0 : r);
}

/** "91 %" for unit "%", "0.91" with no unit, "120 req/s" otherwise. */
export function formatWithUnit(x: number, unit: string | undefined): string {
  const n = formatNumber(x, unit === '%' ? 0 : 2);
  return unit ? `${n} ${unit}` : n;
}

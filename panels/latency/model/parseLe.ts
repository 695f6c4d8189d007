/**
 * The upper bound named by an `le` label or a heatmap field name: "0.5", "1e-3", "+Inf", "Inf".
 * Edge cases: surrounding spaces are ignored; anything else (empty, "abc", "0.5s") → null.
 */
export function parseLe(text: string | undefined): number | null {
  if (text === undefined) {
    return null;
  }
  const s = text.trim();
  if (/^\+?inf$/i.test(s)) {
    return Infinity;
  }
  if (/^-inf$/i.test(s)) {
    return -Infinity;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    return null;
  }
  return Number(s);
}

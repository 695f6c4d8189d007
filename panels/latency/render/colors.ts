/** Colour stops of the heatmap schemes (sequential, low → high). */
const schemes: Record<string, string[]> = {
  Oranges: ['#fff5eb', '#fdd0a2', '#fd8d3c', '#d94801', '#7f2704'],
  Blues: ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'],
  Greens: ['#f7fcf5', '#c7e9c0', '#74c476', '#238b45', '#00441b'],
  Purples: ['#fcfbfd', '#dadaeb', '#9e9ac8', '#6a51a3', '#3f007d'],
  Viridis: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'],
  Magma: ['#000004', '#51127c', '#b73779', '#fc8961', '#fcfdbf'],
};

const singleHue = new Set(['Oranges', 'Blues', 'Greens', 'Purples']);

export const colorSchemeNames = Object.keys(schemes);

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * 256 colours as little-endian RGBA words for a Uint32Array view of ImageData. On a dark
 * background single-hue schemes run dark → bright, so quiet buckets recede. Edge cases: an
 * unknown scheme falls back to Oranges; opacity is clamped to [0, 1].
 */
export function colorTable(scheme: string, dark: boolean, opacity: number): Uint32Array {
  let stops = (schemes[scheme] ?? schemes.Oranges).map(rgb);
  if (dark && singleHue.has(scheme in schemes ? scheme : 'Oranges')) {
    stops = [...stops].reverse();
  }
  const alpha = Math.round(Math.min(1, Math.max(0, opacity)) * 255);
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const pos = (i / 255) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(pos));
    const f = pos - k;
    const [r, g, b] = [0, 1, 2].map((c) => Math.round(stops[k][c] + (stops[k + 1][c] - stops[k][c]) * f));
    table[i] = ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }
  return table;
}

/** The same colour as CSS, for legends and the distribution bars. */
export function cssColor(table: Uint32Array, index: number): string {
  const w = table[Math.max(0, Math.min(255, index))];
  return `rgba(${w & 255}, ${(w >> 8) & 255}, ${(w >> 16) & 255}, ${((w >>> 24) / 255).toFixed(3)})`;
}

// Seeded, stateless randomness: every value is a pure function of (seed, stream, index), so the
// simulator gives the same numbers for the same instant whether it runs as backfill or live.

// Math's members as module constants: global look-ups are slow inside jest's sandbox.
const { floor, imul } = Math;

/** Murmur3's 32-bit finaliser: a cheap avalanche hash. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of (seed, stream, i, j) to an unsigned 32-bit integer. `i` may be any integer < 2^53. */
export function hash(seed: number, stream: number, i: number, j = 0): number {
  const lo = i % 4294967296;
  const hi = floor(i / 4294967296);
  let h = fmix32((seed ^ 0x9e3779b9) >>> 0);
  h = fmix32(h ^ imul(stream + 1, 0x27d4eb2d));
  h = fmix32(h ^ (lo >>> 0));
  h = fmix32(h ^ imul(hi + 1, 0x165667b1));
  return fmix32(h ^ imul(j + 1, 0x61c88647));
}

/** Uniform in [0, 1). */
export function uniform(seed: number, stream: number, i: number, j = 0): number {
  return hash(seed, stream, i, j) / 4294967296;
}

/**
 * Approximately standard normal: the sum of the four bytes of one hash (Irwin-Hall), scaled to
 * unit variance. Bounded to about +-3.5, which is all the noise in this model needs, and cheap.
 */
export function gaussian(seed: number, stream: number, i: number, j = 0): number {
  const h = hash(seed, stream, i, j);
  return ((h & 255) + ((h >>> 8) & 255) + ((h >>> 16) & 255) + (h >>> 24) - 510) / 147.8;
}

/**
 * Smooth value noise in [-1, 1]: random knots every `period` seconds of absolute time,
 * joined by a smoothstep, so it is continuous and the same for any caller at time `t`.
 */
export function valueNoise(seed: number, stream: number, t: number, period: number): number {
  const x = t / period;
  const k = floor(x);
  const f = x - k;
  const s = f * f * (3 - 2 * f);
  const a = uniform(seed, stream, k) * 2 - 1;
  const b = uniform(seed, stream, k + 1) * 2 - 1;
  return a + (b - a) * s;
}

/** Round to an integer, up with probability equal to the fraction (unbiased over many ticks). */
export function stochasticRound(x: number, seed: number, stream: number, i: number, j = 0): number {
  const f = floor(x);
  return f + (uniform(seed, stream, i, j) < x - f ? 1 : 0);
}

/** Lower-case alphanumeric id of `length` characters, as Kubernetes uses for pod name suffixes. */
export function shortId(seed: number, stream: number, i: number, length: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let n = 0; n < length; n++) out += alphabet[hash(seed, stream, i, n) % alphabet.length];
  return out;
}

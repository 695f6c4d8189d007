// Request latency: a two-component log-normal mixture per handler (a fast body and a slow tail),
// scaled up by a queueing factor that grows with CPU utilisation.

// Math's members as module constants: global look-ups are slow inside jest's sandbox.
const { abs, exp, log, max, min, round, SQRT2 } = Math;

/** Bucket bounds of http_request_duration_seconds, exactly as the contract writes them. */
export const LE_LABELS = ['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.15', '0.2', '0.3', '0.4', '0.475', '0.5', '0.75', '1', '1.5', '2.5', '5', '10'] as const;
export const LE_BOUNDS: readonly number[] = LE_LABELS.map(Number);

interface Component {
  weight: number;
  /** Median in seconds at zero load. */
  median: number;
  sigma: number;
}

export const HANDLER_LATENCY: Readonly<Record<string, readonly Component[]>> = {
  // The slow component (reads that miss the cache and wait on the database) sets the P99:
  // ~0.46 s at 60 % CPU, ~0.48 s at 70 % (histogram_quantile over these buckets); 0.2 % of
  // requests in a long tail (timeouts, retries: up to the 5 s bucket). 0.35-0.6 % of requests
  // are above the 0.5 s SLO threshold.
  '/api': [
    { weight: 0.923, median: 0.04, sigma: 0.5 },
    { weight: 0.075, median: 0.33, sigma: 0.2 },
    { weight: 0.002, median: 0.8, sigma: 0.7 },
  ],
  '/checkout': [
    { weight: 0.903, median: 0.12, sigma: 0.45 },
    { weight: 0.095, median: 0.35, sigma: 0.2 },
    { weight: 0.002, median: 1, sigma: 0.7 },
  ],
};

/** Latency of requests the service sheds with 503 (answered at once by the overloaded pods). */
export const SHED_LATENCY = 0.003;

/** erf, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-a * a);
  return sign * y;
}

function normalCdf(z: number): number {
  return 0.5 * (1 + erf(z / SQRT2));
}

/** Multiplier on every latency at CPU utilisation `rho` (0..1): ~1.03 at 50 %, ~1.08 at 70 %, ~1.4 at 90 %, ~6 at 99 %. */
export function queueingFactor(rho: number): number {
  const r = min(max(rho, 0), 0.99);
  return 1 + (0.05 * r * r) / (1 - r);
}

/** Fraction of requests of `handler` at most `le` seconds, with every latency multiplied by `factor`. */
export function latencyCdf(handler: string, le: number, factor: number): number {
  let p = 0;
  for (const c of HANDLER_LATENCY[handler]) {
    p += c.weight * normalCdf((log(le) - log(c.median * factor)) / c.sigma);
  }
  return p;
}

/** Mean latency of `handler` in seconds with every latency multiplied by `factor`. */
export function latencyMean(handler: string, factor: number): number {
  let m = 0;
  for (const c of HANDLER_LATENCY[handler]) m += c.weight * c.median * factor * exp((c.sigma * c.sigma) / 2);
  return m;
}

const fractionCache = new Map<string, Map<number, Float64Array>>();

/**
 * latencyCdf at every bound of LE_BOUNDS, for `factor` rounded to 3 decimals (memoised: the
 * simulator asks for the same few hundred factors again and again).
 */
export function bucketFractions(handler: string, factor: number): Float64Array {
  const f = round(factor * 1000) / 1000;
  let byFactor = fractionCache.get(handler);
  if (!byFactor) fractionCache.set(handler, (byFactor = new Map()));
  let out = byFactor.get(f);
  if (!out) {
    out = new Float64Array(LE_BOUNDS.length);
    for (let i = 0; i < LE_BOUNDS.length; i++) out[i] = latencyCdf(handler, LE_BOUNDS[i], f);
    byFactor.set(f, out);
  }
  return out;
}

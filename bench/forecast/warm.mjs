// Warm refits for the forecast benchmark, as `headroom forecast serve` and the capacity forecast
// panel refit: in a process that has already fitted (the JIT has compiled the forecaster), the
// series has moved on by one new point since the previous fit, and the fit starts from nothing
// (no state or parameters are carried from one fit to the next). Each timed fit sees the window
// of `size` points one step later than the one before.
import { spread } from './spread.mjs';

/**
 * Median and min-max wall-clock and process CPU ms of `runs` refits after `warmup` untimed ones;
 * fit(from, to) fits the points [from, to) of a series of y.length points (to - from = size), one
 * point later each time. Edge cases: the series must hold at least size + warmup + runs - 1 points (throws otherwise).
 */
export function warmRefits(y, size, fit, { runs = 11, warmup = 3 } = {}) {
  const total = warmup + runs;
  const first = y.length - size - (total - 1);
  if (first < 0) throw new Error(`warm refits need ${size + total - 1} points, the series has ${y.length}`);
  const walls = [];
  const cpus = [];
  for (let i = 0; i < total; i++) {
    const from = first + i;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fit(from, from + size);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (i >= warmup) {
      walls.push(wall);
      cpus.push((c.user + c.system) / 1000);
    }
  }
  return { wall: spread(walls), cpu: spread(cpus), runs };
}

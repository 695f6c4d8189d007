// How a hold of database sessions follows the other clients of its server (HeadroomDatabaseConnectionsHigh's incident).

/**
 * Sessions to open (> 0) or end (< 0) so that the sessions in use on a server, `others` besides the
 * `held` ones, are at `target` or one over it: under `target` the hold grows back to it at once (so
 * the ratio stays over the alert's threshold when others leave); over `target + 1` it gives way down
 * to `target` (so others arriving find room); in between nothing changes, so one client coming and
 * going beside it is not chased. Never ends more than it holds: with `others` alone over the target it
 * holds none. A count that is not a finite number (a failed look) changes nothing.
 */
export function holdChange(target: number, others: number, held: number): number {
  if (![target, others, held].every(Number.isFinite)) return 0;
  const total = others + held;
  if (total < target) return target - total;
  if (total > target + 1) return held === 0 ? 0 : Math.max(-held, target - total);
  return 0;
}

// How a hold of database sessions follows the other clients of its server (HeadroomDatabaseConnectionsHigh's incident).

/**
 * Sessions to open (> 0) or end (< 0) so that the sessions in use on a server, `others` besides the
 * `held` ones, are between `target` and `target + slack`: under `target` the hold grows back to it at
 * once (so the ratio stays over the alert's threshold when others leave); over `target + slack` it
 * gives way down to `target` (so others arriving find room); in between nothing changes, so clients
 * coming and going beside it are not chased (and their leaving does not take the total under
 * `target`). Never ends more than it holds: with `others` alone over the band it holds none. A count
 * that is not a finite number (a failed look) changes nothing.
 */
export function holdChange(target: number, others: number, held: number, slack = 1): number {
  if (![target, others, held, slack].every(Number.isFinite)) return 0;
  const total = others + held;
  if (total < target) return target - total;
  if (total > target + slack) return held === 0 ? 0 : Math.max(-held, target - total);
  return 0;
}

// Load paced by the client: one round a second, for a bounded time.

/**
 * Runs `round(i)` (i = 0, 1, ...) once a second until `seconds` have passed or `stop` aborts. A
 * round that takes longer than a second is followed by the next at once (a loaded machine
 * stretches rounds; they are not made up); the wait after the last round never passes the end.
 */
export async function inOneSecondRounds(seconds: number, round: (i: number) => Promise<unknown>, stop?: AbortSignal): Promise<void> {
  const end = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() < end && !stop?.aborted; i++) {
    const started = Date.now();
    await round(i);
    const left = Math.min(1000 - (Date.now() - started), end - Date.now());
    if (left > 0 && !stop?.aborted) await new Promise((r) => setTimeout(r, left));
  }
}

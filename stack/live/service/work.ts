// The CPU a request costs, so that CPU per request is measurable from /proc and the autoscaler has
// something real to scale on: `units` rounds of SHA-256 chains over a 4 KiB block. SHA-256 runs in
// OpenSSL (native), so a unit costs the same whatever V8 flags the replica runs with (--lite-mode
// turns the optimising compiler off): about 0.25 ms of one core on the 2-core demo machine.
import { createHash } from 'node:crypto';

const BLOCK = Buffer.alloc(4096, 0x5a);
/** Hashes per unit: 32 x 4 KiB measured 0.23-0.25 ms per unit on the demo machine. */
export const HASHES_PER_UNIT = 32;

/**
 * The most units one request may ask for (GET /api?work=N): 400, ~0.1 s of one core, so that a
 * request cannot hold a replica's only thread for long, whatever a caller asks.
 */
export const MAX_REQUEST_WORK = 400;

/**
 * The CPU one request costs a replica, lower bounds measured on the demo machine (README): ~1.3 ms
 * of its own (HTTP, JSON, the Redis read) plus 0.2-0.25 ms a unit; the lower 0.2 here, so that a
 * load planned with it asks for at least the CPU it meant.
 */
export const REQUEST_BASE_CPU_S = 0.0013;
export const UNIT_CPU_S = 0.0002;

/** Seconds of CPU a request of `units` costs a replica, at least (0 or less: the base alone). */
export function requestCpuSeconds(units: number): number {
  return REQUEST_BASE_CPU_S + Math.max(0, Math.floor(units)) * UNIT_CPU_S;
}

/** Burns `units` of CPU (0 or less: none) and returns a digest of it, so none of it is dead code. */
export function burnCpu(units: number, seed: string): string {
  let digest: Buffer = Buffer.from(seed);
  const rounds = Math.max(0, Math.floor(units)) * HASHES_PER_UNIT;
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(BLOCK).update(digest).digest();
  return digest.toString('hex', 0, 8);
}

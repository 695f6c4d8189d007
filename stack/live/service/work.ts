// The CPU a request costs, so that CPU per request is measurable from /proc and the autoscaler has
// something real to scale on: `units` rounds of SHA-256 chains over a 4 KiB block. SHA-256 runs in
// OpenSSL (native), so a unit costs the same whatever V8 flags the replica runs with (--lite-mode
// turns the optimising compiler off): about 0.25 ms of one core on the 2-core demo machine.
import { createHash } from 'node:crypto';

const BLOCK = Buffer.alloc(4096, 0x5a);
/** Hashes per unit: 32 x 4 KiB measured 0.23-0.25 ms per unit on the demo machine. */
export const HASHES_PER_UNIT = 32;

/** Burns `units` of CPU (0 or less: none) and returns a digest of it, so none of it is dead code. */
export function burnCpu(units: number, seed: string): string {
  let digest: Buffer = Buffer.from(seed);
  const rounds = Math.max(0, Math.floor(units)) * HASHES_PER_UNIT;
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(BLOCK).update(digest).digest();
  return digest.toString('hex', 0, 8);
}

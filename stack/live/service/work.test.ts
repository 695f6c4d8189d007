import { createHash } from 'node:crypto';
import { burnCpu, HASHES_PER_UNIT, REQUEST_BASE_CPU_S, requestCpuSeconds, UNIT_CPU_S } from './work';

describe('burnCpu', () => {
  it('is deterministic per seed and units, and differs between them', () => {
    expect(burnCpu(2, 'a')).toBe(burnCpu(2, 'a'));
    expect(burnCpu(2, 'a')).not.toBe(burnCpu(2, 'b'));
    expect(burnCpu(2, 'a')).not.toBe(burnCpu(3, 'a'));
  });
  it('does nothing for 0, a negative or a fraction below 1 (the seed itself)', () => {
    const none = Buffer.from('s').toString('hex');
    expect(burnCpu(0, 's')).toBe(none);
    expect(burnCpu(-3, 's')).toBe(none);
    expect(burnCpu(0.9, 's')).toBe(none);
  });
  it('runs units x HASHES_PER_UNIT rounds of the chain, so its CPU grows in proportion (timed in the README, not here)', () => {
    const block = Buffer.alloc(4096, 0x5a);
    const chain = (rounds: number, seed: string) => {
      let d: Buffer = Buffer.from(seed);
      for (let i = 0; i < rounds; i++) d = createHash('sha256').update(block).update(d).digest();
      return d.toString('hex', 0, 8);
    };
    expect(burnCpu(16, 'x')).toBe(chain(16 * HASHES_PER_UNIT, 'x'));
    expect(burnCpu(2.7, 'x')).toBe(chain(2 * HASHES_PER_UNIT, 'x'));
    expect(burnCpu(16, 'x')).not.toBe(chain(16 * HASHES_PER_UNIT - 1, 'x'));
  });
});

describe('requestCpuSeconds', () => {
  it('is the base plus the whole units at the lower per-unit cost', () => {
    expect(requestCpuSeconds(0)).toBe(REQUEST_BASE_CPU_S);
    expect(requestCpuSeconds(-2)).toBe(REQUEST_BASE_CPU_S);
    expect(requestCpuSeconds(32)).toBeCloseTo(0.0013 + 32 * UNIT_CPU_S, 12); // ~7.7 ms: the stack's level
    expect(requestCpuSeconds(200.9)).toBeCloseTo(0.0413, 12);
  });
});

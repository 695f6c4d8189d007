import { busyShare, parseCpuTicks } from './hostCpu';

const stat = (cpu: string) => `${cpu}\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 12345\n`;

describe('parseCpuTicks', () => {
  test('idle is the fourth field; the total leaves out guest and guest_nice (already in user and nice)', () => {
    expect(parseCpuTicks(stat('cpu  100 20 30 400 5 6 7 8 900 90'))).toEqual({ idle: 400, total: 100 + 20 + 30 + 400 + 5 + 6 + 7 + 8 });
  });
  test('an older kernel with only the first four fields', () => {
    expect(parseCpuTicks(stat('cpu 1 2 3 4'))).toEqual({ idle: 4, total: 10 });
  });
  test('text without a well-formed cpu line throws one message naming it', () => {
    expect(() => parseCpuTicks('cpu0 1 2 3 4\n')).toThrow('no well-formed "cpu" line');
    expect(() => parseCpuTicks(stat('cpu 1 2 x 4'))).toThrow('cpu 1 2 x 4');
    expect(() => parseCpuTicks(stat('cpu 1 2'))).toThrow('no well-formed');
  });
});

describe('busyShare', () => {
  test('1 - idle ticks / all ticks between two readings (nice and iowait count as busy)', () => {
    expect(busyShare({ idle: 100, total: 1000 }, { idle: 150, total: 1200 })).toBeCloseTo(0.75, 12);
    expect(busyShare({ idle: 100, total: 1000 }, { idle: 300, total: 1200 })).toBe(0);
    expect(busyShare({ idle: 100, total: 1000 }, { idle: 100, total: 1200 })).toBe(1);
  });
  test('NaN when no tick passed or the counters went back', () => {
    expect(busyShare({ idle: 100, total: 1000 }, { idle: 100, total: 1000 })).toBeNaN();
    expect(busyShare({ idle: 100, total: 1000 }, { idle: 50, total: 900 })).toBeNaN();
    expect(busyShare({ idle: 100, total: 1000 }, { idle: 400, total: 1200 })).toBeNaN();
  });
});

import { burnCpu } from './work';

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
  it('costs CPU in proportion to the units', () => {
    const cpu = (units: number) => {
      const t = process.cpuUsage();
      for (let i = 0; i < 20; i++) burnCpu(units, String(i));
      const u = process.cpuUsage(t);
      return u.user + u.system;
    };
    cpu(4); // warm
    const one = cpu(2);
    const many = cpu(16);
    expect(many / one).toBeGreaterThan(3);
  });
});

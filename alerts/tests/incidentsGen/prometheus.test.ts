import { rate } from './promRate';
import { goG, humanizeDuration } from './goTemplates';
import { encode } from './seriesNotation';

const series = (values: number[]) => ({ name: 'x_total', labels: {}, text: 'x_total', values });

describe('incidents generator: rate() and templates as Prometheus 2.x', () => {
  it('a counter rising 1/s sampled every 30 s over a full 5m window gives 1', () => {
    expect(rate(series(Array.from({ length: 11 }, (_, i) => i * 30)), 300, 300)).toBe(1);
  });
  it('counts the value before a reset, as extrapolatedRate does', () => {
    expect(rate(series([0, 30, 60, 10, 40]), 120, 120)).toBeCloseTo(100 / 120, 12);
  });
  it('fewer than two samples in the range: NaN', () => {
    expect(rate(series([5]), 0, 300)).toBeNaN();
  });
  it("renders Go's %g and humanizeDuration", () => {
    expect(goG(0.123456, 4)).toBe('0.1235');
    expect(goG(1234567, 4)).toBe('1.235e+06');
    expect(humanizeDuration(90)).toBe('1m 30s');
  });
  it("writes promtool's series notation", () => {
    expect(encode([1, 1, 1, 2, 4, 6, 0.5])).toBe('1x2 2+2x2 0.5');
  });
});

/** @jest-environment node */
import { fitHoltWinters, holtWintersForecast } from './holtwinters';

describe('Holt-Winters', () => {
  it('continues a seasonal series with trend', () => {
    const p = 24;
    const f = (i: number) => 50 + 0.1 * i + 10 * Math.sin((2 * Math.PI * i) / p);
    const y = Float64Array.from({ length: 20 * p }, (_, i) => f(i));
    const fit = fitHoltWinters(y, p, p);
    expect(fit).not.toBeNull();
    const fc = holtWintersForecast(fit!, y.length, p);
    for (let k = 0; k < p; k++) expect(Math.abs(fc[k] - f(y.length + k))).toBeLessThan(3);
  });

  it('needs three cycles', () => {
    expect(fitHoltWinters(new Float64Array(50), 24, 5)).toBeNull();
    expect(fitHoltWinters(new Float64Array(50), 1, 5)).toBeNull();
  });
});

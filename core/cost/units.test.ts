import { currencyOfUnit, currencyUnit } from './units';

describe('currency units', () => {
  it('currency units both ways', () => {
    expect(currencyUnit('USD')).toBe('currencyUSD');
    expect(currencyUnit('CAD')).toBe('currency:CAD ');
    expect(currencyOfUnit('currencyEUR')).toBe('EUR');
    expect(currencyOfUnit('currency:CAD ')).toBe('CAD');
    expect(currencyOfUnit('currency:financial:GBP')).toBe('GBP');
    expect(currencyOfUnit('currency:$')).toBe('USD');
    expect(currencyOfUnit('short')).toBeUndefined();
  });
});

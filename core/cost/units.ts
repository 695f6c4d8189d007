// Currency units for Grafana fields (the cost frame contract's money unit), and the currency a
// field's unit names (for the panel).
//
// Grafana has built-in units for some currencies (`currencyUSD`); the others get the custom unit
// `currency:<CODE> ` (Grafana's "currency:" prefix shows the text before the value). Reading back:
// `currencyUSD` → USD, `currency:EUR ` → EUR, `currency:financial:EUR` → EUR; any other
// `currency:…` unit is its symbol text (enough to tell two currencies apart, not to name them).

const GRAFANA_CURRENCIES = new Set([
  'USD', 'GBP', 'EUR', 'JPY', 'RUB', 'UAH', 'BRL', 'DKK', 'ISK', 'NOK', 'SEK', 'CZK', 'CHF', 'PLN', 'ZAR', 'INR', 'KRW',
  'IDR', 'PHP', 'VND', 'TRY', 'MYR', 'XPF', 'BGN', 'PYG', 'UYU', 'ILS',
]);

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };

/** The Grafana unit for money in `code`. */
export function currencyUnit(code: string): string {
  return GRAFANA_CURRENCIES.has(code) ? `currency${code}` : `currency:${code} `;
}

/** The currency a unit stands for (an ISO code when it can tell), or undefined for a non-money unit. */
export function currencyOfUnit(unit: string | undefined | null): string | undefined {
  if (!unit) {
    return undefined;
  }
  let m = /^currency([A-Z]{3})$/.exec(unit);
  if (m) {
    return m[1];
  }
  if (unit === 'currencyBTC' || unit === 'currencymBTC') {
    return 'BTC';
  }
  m = /^currency:financial:([^:]+)/.exec(unit);
  const sym = m ? m[1].trim() : /^currency:(.+)$/.exec(unit)?.[1].trim();
  if (sym === undefined) {
    return undefined;
  }
  if (/^[A-Z]{3}$/.test(sym)) {
    return sym;
  }
  return SYMBOLS[sym] ?? sym;
}

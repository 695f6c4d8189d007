// ISO 4217 codes of the currencies cloud providers bill in (plus the common majors).
// Not the whole standard on purpose: a code outside this list is far more likely a typo
// ("US", "USD$", "EURO") than a real billing currency.
export const CURRENCIES: ReadonlySet<string> = new Set([
  'USD', 'EUR', 'GBP', 'JPY', 'CNY', 'INR', 'AUD', 'CAD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK',
  'HUF', 'RON', 'BGN', 'ISK', 'BRL', 'MXN', 'CLP', 'COP', 'ARS', 'PEN', 'ZAR', 'NGN', 'KES', 'EGP',
  'SGD', 'HKD', 'KRW', 'NZD', 'TWD', 'THB', 'IDR', 'MYR', 'PHP', 'VND', 'ILS', 'AED', 'SAR', 'QAR',
  'TRY', 'UAH', 'RUB', 'KZT', 'PKR', 'BDT',
]);

export function isKnownCurrency(code: unknown): code is string {
  return typeof code === 'string' && CURRENCIES.has(code);
}

/** Symbol for the common ones, else the code itself followed by a space. */
export function currencyPrefix(code: string): string {
  switch (code) {
    case 'USD':
      return '$';
    case 'EUR':
      return '€';
    case 'GBP':
      return '£';
    case 'JPY':
      return '¥';
    default:
      return `${code} `;
  }
}

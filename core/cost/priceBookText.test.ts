import { defaultPriceBook } from './defaultPricebook';
import { readOpenCostCsv } from './opencostCsv';
import { priceBookFormat, readPriceBookText } from './priceBookText';
import { parsePriceBook } from './validate';

const CSV = 'EndTimestamp,InstanceID,Region,AssetClass,InstanceIDField,InstanceType,MarketPriceHourly,Version\n2024-06-01,,us-east-1,node,,t3.large,0.08,\n';

describe('price book text', () => {
  it('tells JSON from CSV by the first character', () => {
    expect(priceBookFormat('  {"name":1}')).toBe('json');
    expect(priceBookFormat('[1]')).toBe('json');
    expect(priceBookFormat(CSV)).toBe('csv');
  });

  it('gives the same book as the JSON validator and the CSV reader do on their own', () => {
    const json = JSON.stringify(defaultPriceBook());
    expect(readPriceBookText(json, 'json')).toEqual({ book: parsePriceBook(JSON.parse(json)).book, notes: [] });
    const direct = readOpenCostCsv(CSV, { currency: 'EUR', name: 'x' });
    expect(readPriceBookText(CSV, 'csv', { currency: 'EUR', name: 'x' })).toEqual({ book: direct.book, notes: direct.notes });
  });

  it('reports text that is not JSON apart from a book that does not validate', () => {
    const broken = readPriceBookText('{"currency":', 'json');
    expect(broken.book).toBeNull();
    expect(!broken.book && broken.jsonError).toMatch(/JSON/);
    expect(!readPriceBookText('', 'json').book && (readPriceBookText('', 'json') as { jsonError?: string }).jsonError).toBeTruthy();
    const invalid = readPriceBookText('{"currency":"USD"}', 'json');
    expect(invalid.book).toBeNull();
    expect(!invalid.book && invalid.jsonError).toBeUndefined();
    expect(!invalid.book && invalid.issues.length).toBeGreaterThan(0);
    const badCsv = readPriceBookText('EndTimestamp,InstanceType\nnope,\n', 'csv');
    expect(!badCsv.book && badCsv.issues.length).toBeGreaterThan(0);
  });
});

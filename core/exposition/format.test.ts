/** @jest-environment node */
import { formatExposition, formatValue, sanitiseLabelName } from './format';
import { parseExposition } from './parse';
import { labelsToObject } from './types';

describe('formatExposition', () => {
  it('writes what the parser reads back: escapes, special values, HELP and TYPE', () => {
    const text = formatExposition([
      {
        name: 'headroom_test_value',
        help: 'a value\nwith a back\\slash',
        type: 'gauge',
        samples: [
          { labels: { b: 'quote " and \\ and\nnewline', a: 'x' }, value: 1.5 },
          { labels: {}, value: Infinity },
          { labels: { a: 'y' }, value: NaN },
          { labels: { a: 'z' }, value: -1e-300 },
        ],
      },
      { name: 'headroom_test_total', help: 'a counter', type: 'counter', samples: [] },
    ]);
    const parsed = parseExposition(text);
    expect(parsed.samples.map((s) => labelsToObject(s.labels))).toEqual([
      { a: 'x', b: 'quote " and \\ and\nnewline' },
      {},
      { a: 'y' },
      { a: 'z' },
    ]);
    const values = parsed.samples.map((s) => s.value);
    expect(values[0]).toBe(1.5);
    expect(values[1]).toBe(Infinity);
    expect(values[2]).toBeNaN();
    expect(values[3]).toBe(-1e-300);
    expect(parsed.families.get('headroom_test_value')).toMatchObject({ type: 'gauge', help: 'a value\nwith a back\\slash' });
    expect(parsed.families.get('headroom_test_total')).toMatchObject({ type: 'counter' });
    expect(text).toContain('headroom_test_value{a="x",b="quote \\" and \\\\ and\\nnewline"} 1.5\n');
  });

  it('refuses invalid names', () => {
    expect(() => formatExposition([{ name: '1bad', help: '', type: 'gauge', samples: [] }])).toThrow(/metric name/);
    expect(() => formatExposition([{ name: 'ok', help: '', type: 'gauge', samples: [{ labels: { 'a-b': '1' }, value: 1 }] }])).toThrow(/label name/);
  });

  it('formats values and label names', () => {
    expect([NaN, Infinity, -Infinity, 0.1, 42].map(formatValue)).toEqual(['NaN', '+Inf', '-Inf', '0.1', '42']);
    expect(sanitiseLabelName('kubernetes.io/name')).toBe('kubernetes_io_name');
    expect(sanitiseLabelName('9lives')).toBe('_9lives');
  });
});

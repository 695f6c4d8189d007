/** @jest-environment node */
import { parseSeriesCsv, parseTimestamp, parseValue } from './csv';

describe('csv', () => {
  it('parses UTC date-times and unix seconds', () => {
    expect(parseTimestamp('2014-07-01 00:30:00')).toBe(Date.UTC(2014, 6, 1, 0, 30) / 1000);
    expect(parseTimestamp('2014-07-01T00:30:00Z')).toBe(Date.UTC(2014, 6, 1, 0, 30) / 1000);
    expect(parseTimestamp('1404174600')).toBe(1404174600);
    expect(parseTimestamp('1404174600.5')).toBe(1404174600.5);
    expect(parseTimestamp('2014-02-30 00:00:00')).toBeNaN();
    expect(parseTimestamp('yesterday')).toBeNaN();
  });

  it('parses values including NaN and infinities; empty is missing', () => {
    expect(parseValue('1.5e3')).toBe(1500);
    expect(parseValue('-2')).toBe(-2);
    expect(parseValue('NaN')).toBeNaN();
    expect(parseValue('')).toBeNaN();
    expect(parseValue('+Inf')).toBe(Infinity);
    expect(parseValue('-inf')).toBe(-Infinity);
    expect(parseValue('abc')).toBeUndefined();
  });

  it('reads a file with or without header', () => {
    const a = parseSeriesCsv('timestamp,value\n2014-07-01 00:00:00,1\n2014-07-01 00:30:00,2\n');
    const b = parseSeriesCsv('1404172800,1\r\n\n# comment\n1404174600,2');
    expect(a).toEqual(b);
    expect(a.ok && Array.from(a.values)).toEqual([1, 2]);
  });

  it('names the bad line', () => {
    expect(parseSeriesCsv('t,v\n1,2\n3')).toEqual({ ok: false, message: expect.stringContaining('line 3') });
    expect(parseSeriesCsv('1,2\nxx,3')).toEqual({ ok: false, message: expect.stringContaining('bad timestamp') });
    expect(parseSeriesCsv('1,2\n2,abc')).toEqual({ ok: false, message: expect.stringContaining('bad value') });
    expect(parseSeriesCsv('timestamp,value\n')).toEqual({ ok: false, message: expect.stringContaining('no data') });
  });
});

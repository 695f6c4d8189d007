/** @jest-environment node */
import { readFileSync } from 'fs';
import { join } from 'path';
import { frexp, goExp2, goLog2, ldexp } from './goMath';
import { goParseFloat } from './goParseFloat';

// Answers of Go 1.19 itself (testdata/go-oracle.go), as IEEE-754 bit patterns in hex.
const oracle = JSON.parse(readFileSync(join(__dirname, 'testdata', 'go-oracle.json'), 'utf8')) as {
  parseFloat: Array<[string, string | null]>;
  log2: Array<[string, string]>;
  exp2: Array<[string, string]>;
};
const dv = new DataView(new ArrayBuffer(8));
const fromBits = (h: string): number => {
  dv.setBigUint64(0, BigInt('0x' + h));
  return dv.getFloat64(0);
};
const toBits = (x: number): string => {
  dv.setFloat64(0, x);
  return dv.getBigUint64(0).toString(16);
};

describe('Go-compatible number handling', () => {
  it('goParseFloat accepts and rejects exactly what strconv.ParseFloat does', () => {
    for (const [s, bits] of oracle.parseFloat) {
      const got = goParseFloat(s);
      if (bits === null) expect([s, got]).toEqual([s, null]);
      else if (Number.isNaN(fromBits(bits))) expect(Number.isNaN(got)).toBe(true);
      else expect([s, got === null ? null : toBits(got)]).toEqual([s, bits]);
    }
  });

  it('goLog2 is bit-identical to math.Log2', () => {
    const bad = oracle.log2.filter(([x, y]) => toBits(goLog2(fromBits(x))) !== y);
    expect(bad).toEqual([]);
  });

  it('goExp2 is bit-identical to math.Exp2', () => {
    const bad = oracle.exp2.filter(([x, y]) => toBits(goExp2(fromBits(x))) !== y);
    expect(bad).toEqual([]);
  });

  it('frexp/ldexp round-trip, including subnormals', () => {
    for (const x of [1, 0.75, -3, 5e-324, 1e-310, 1.7976931348623157e308]) {
      const [f, e] = frexp(x);
      expect(Math.abs(f) >= 0.5 && Math.abs(f) < 1).toBe(true);
      expect(ldexp(f, e)).toBe(x);
    }
    expect(ldexp(1, 1024)).toBe(Infinity);
    expect(ldexp(1, -1075)).toBe(0);
    expect(ldexp(1.5, -1075)).toBe(5e-324);
  });
});

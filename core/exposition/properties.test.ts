// The parser either returns samples or throws ExpositionParseError (with a line number inside
// the input); it never crashes otherwise, and what it parses survives a print-and-parse round trip.
import fc from 'fast-check';
import { ExpositionParseError, classicHistograms, parseExposition } from './index';

const lineish = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('# EOF', '# TYPE h histogram', '# HELP h x', 'h_bucket{le="1"} 3', 'h_bucket{le="+Inf"} NaN', 'x{a="\\"q\\""} 1 2', 'x 1 # {a="b"} 2 3', ''),
);

describe('exposition parser properties', () => {
  it('throws only ExpositionParseError, with a line inside the input', () => {
    fc.assert(
      fc.property(fc.array(lineish, { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        try {
          const parsed = parseExposition(text);
          classicHistograms(parsed.samples);
        } catch (e) {
          expect(e).toBeInstanceOf(ExpositionParseError);
          const err = e as ExpositionParseError;
          expect(err.line >= 1 && err.line <= lines.length + 1).toBe(true);
          expect(err.message).toMatch(/^line \d+, column \d+: /);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips label values with escapes and any float value', () => {
    const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.double(), (value, x) => {
        const v = Number.isNaN(x) ? 'NaN' : x === Infinity ? '+Inf' : x === -Infinity ? '-Inf' : Object.is(x, -0) ? '-0' : String(x);
        const s = parseExposition(`m{l="${esc(value)}"} ${v}`).samples[0];
        expect(s.labels).toEqual([{ name: 'l', value }]);
        expect(Object.is(s.value, x) || (Number.isNaN(s.value) && Number.isNaN(x))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

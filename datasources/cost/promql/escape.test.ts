import fc from 'fast-check';
import { ALL, escapeRegex, escapeString, labelMatcher, regexAlternation, regexLiteral } from './escape';
import { interpolatePromQL, InterpolationError, VariableLookup } from './interpolate';
import { parseSelector, withMatchers } from './selector';

/** Reads a double-quoted PromQL string body back (Go-style escapes), as Prometheus' lexer does. */
function unquote(body: string): string {
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

describe('escapeString', () => {
  it('escapes backslashes, double quotes and line breaks, nothing else', () => {
    expect(escapeString('plain-value_1.2')).toBe('plain-value_1.2');
    expect(escapeString('a"b')).toBe('a\\"b');
    expect(escapeString('C:\\path')).toBe('C:\\\\path');
    expect(escapeString('line\nbreak\ttab')).toBe('line\\nbreak\\ttab');
    expect(escapeString('"} or vector(1) #')).toBe('\\"} or vector(1) #');
    expect(escapeString("it's")).toBe("it's");
  });

  it('round-trips any string through the PromQL lexer rules', () => {
    fc.assert(fc.property(fc.string(), (s) => unquote(escapeString(s)) === s));
  });

  it('never lets a value end the string early', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const body = escapeString(s);
        // every quote in the body is preceded by an odd number of backslashes
        for (let i = 0; i < body.length; i++) {
          if (body[i] === '"') {
            let k = 0;
            while (i - 1 - k >= 0 && body[i - 1 - k] === '\\') k++;
            if (k % 2 === 0) return false;
          }
        }
        return true;
      })
    );
  });
});

describe('escapeRegex', () => {
  it('escapes RE2 metacharacters, then the string', () => {
    expect(regexLiteral('t3.large')).toBe('t3\\.large');
    expect(escapeRegex('t3.large')).toBe('t3\\\\.large');
    expect(regexLiteral('a+b*c?(d)|[e]{f}^$')).toBe('a\\+b\\*c\\?\\(d\\)\\|\\[e\\]\\{f\\}\\^\\$');
    expect(escapeRegex('back\\slash')).toBe('back\\\\\\\\slash');
    expect(escapeRegex('say "hi"')).toBe('say \\"hi\\"');
  });

  it('makes every value match exactly itself as an anchored RE2 (JS RegExp agrees on these)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '.', '*', '+', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$', '\\', '-', 'b') }), fc.string(), (v, other) => {
        const re = new RegExp(`^(?:${regexLiteral(v)})$`);
        return re.test(v) && (other === v || !re.test(other));
      })
    );
  });

  it('builds an alternation of several values, once each', () => {
    expect(regexAlternation(['a.b'])).toBe('a\\\\.b');
    expect(regexAlternation(['web', 'api', 'web'])).toBe('(web|api)');
  });
});

describe('labelMatcher', () => {
  it('uses = for one value, =~ with an escaped alternation for several, nothing for All', () => {
    expect(labelMatcher('service', { values: ['web'] })).toBe('service="web"');
    expect(labelMatcher('service', { values: ['a"b'] })).toBe('service="a\\"b"');
    expect(labelMatcher('instance_type', { values: ['t3.large', 'm5.large'] })).toBe('instance_type=~"(t3\\\\.large|m5\\\\.large)"');
    expect(labelMatcher('service', ALL)).toBeNull();
    expect(labelMatcher('service', { values: ['web', 'api'] }, true)).toBe('service!~"(web|api)"');
  });

  it('matches nothing for an empty selection, and refuses a bad label name', () => {
    expect(labelMatcher('service', { values: [] })).toBe('service=~"$^x"');
    expect(labelMatcher('service', { values: [] }, true)).toBeNull();
    expect(() => labelMatcher('bad-name', { values: ['x'] })).toThrow(/invalid label name/);
  });
});

describe('interpolatePromQL', () => {
  const vars: Record<string, ReturnType<VariableLookup>> = {
    service: { values: ['web'] },
    services: { values: ['web', 'api.v2'] },
    all: { all: true },
    quote: { values: ['a"b\\c'] },
    evil: { values: ['"} or vector(1) or {x="'] },
    interval: { values: ['5m'] },
    none: { values: [] },
  };
  const lookup: VariableLookup = (name) => vars[name];
  const run = (text: string) => interpolatePromQL(text, lookup);

  it('escapes a single value for an exact matcher and a regex matcher', () => {
    expect(run('x{service="$service"}')).toBe('x{service="web"}');
    expect(run('x{service=~"$services"}')).toBe('x{service=~"(web|api\\\\.v2)"}');
    expect(run('x{service="${quote}"}')).toBe('x{service="a\\"b\\\\c"}');
    expect(run('x{service=~"[[quote]]"}')).toBe('x{service=~"a\\"b\\\\\\\\c"}');
  });

  it('turns an exact matcher with several values or All into the regex matcher', () => {
    expect(run('x{service="$services"}')).toBe('x{service=~"(web|api\\\\.v2)"}');
    expect(run('x{service != "$services"}')).toBe('x{service !~ "(web|api\\\\.v2)"}');
    expect(run('x{service="$all"}')).toBe('x{service=~".*"}');
    expect(run('x{service=~"$none"}')).toBe('x{service=~"$^x"}');
  });

  it('keeps injection attempts inside the string', () => {
    expect(run('x{service="$evil"}')).toBe('x{service="\\"} or vector(1) or {x=\\""}');
    expect(() => run('x[$evil]')).toThrow(/only be used inside a quoted label value/);
  });

  it('substitutes safe bare values outside strings and refuses the rest', () => {
    expect(run('increase(x[$interval])')).toBe('increase(x[5m])');
    expect(run('increase(x[${interval}])')).toBe('increase(x[5m])');
    expect(() => run('x[$services]')).toThrow(/2 values but a place outside quotes takes exactly one value/);
  });

  it('handles variables mixed with text and other quote styles', () => {
    expect(run('x{pod=~"$service-.*"}')).toBe('x{pod=~"web-.*"}');
    expect(run("x{service='$quote'}")).toBe("x{service='a\"b\\\\c'}");
    expect(run('x{service=~`$services`}')).toBe('x{service=~`(web|api\\.v2)`}');
    expect(() => run('x{pod="$services-1"}')).toThrow(InterpolationError);
  });

  it('leaves text without variables, strings and comments untouched, and names unknown variables', () => {
    expect(run('sum(x{a="$", b="\\"$"}) # $comment')).toBe('sum(x{a="$", b="\\"$"}) # $comment');
    expect(() => run('x{a="$nope"}')).toThrow('unknown variable $nope');
    expect(() => run('x{a="unterminated')).toThrow(/unterminated string/);
  });

  it('never produces a string that escapes its quotes, whatever the value (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 3 }), fc.constantFrom('=', '=~', '!=', '!~'), (values, op) => {
        const out = interpolatePromQL(`x{l${op}"$v"}`, (n) => (n === 'v' ? { values } : undefined));
        const m = /^x\{l(=~|!~|!=|=)"((?:[^"\\]|\\.)*)"\}$/s.exec(out);
        return m !== null;
      })
    );
  });
});

describe('selectors', () => {
  it('parses metric names with or without matchers and refuses anything else', () => {
    expect(parseSelector('http_requests_total')).toEqual({ metric: 'http_requests_total', matchers: '' });
    expect(parseSelector(' http_requests_total{job="web", code!~"5.."} ')).toEqual({ metric: 'http_requests_total', matchers: 'job="web", code!~"5.."' });
    expect(parseSelector('{__name__="x"}')).toEqual({ metric: '', matchers: '__name__="x"' });
    expect(parseSelector('x{a="}"}')).toEqual({ metric: 'x', matchers: 'a="}"' });
    expect(parseSelector('')).toEqual({ error: 'selector is empty' });
    expect(parseSelector('rate(x[5m])')).toHaveProperty('error');
    expect(parseSelector('x{a="b"} or vector(1)')).toEqual({ error: expect.stringMatching(/unexpected text after the selector/) });
    expect(parseSelector('x{a="b"')).toHaveProperty('error');
  });

  it('appends matchers inside the braces', () => {
    const s = parseSelector('http_requests_total{job="web"}');
    expect('error' in s).toBe(false);
    if (!('error' in s)) {
      expect(withMatchers(s, ['service="web"', null])).toBe('http_requests_total{job="web", service="web"}');
    }
    const bare = parseSelector('up');
    if (!('error' in bare)) {
      expect(withMatchers(bare, [])).toBe('up');
      expect(withMatchers(bare, ['a="b"'])).toBe('up{a="b"}');
    }
  });
});

// A Prometheus range-query answer straight from its JSON text to typed arrays.
//
// JSON.parse of a 30-day, 1-minute, 50-series answer builds ~4 M small JS arrays and strings only to
// be copied into Float64Arrays and dropped; the garbage collector then dominates the datasource's
// time. This scanner reads the same text once and writes samples directly into typed arrays; every
// other part (labels, warnings, unknown keys) goes through a small generic JSON reader.
//
// Contract: returns the series of a `"status":"success"` answer whose data.resultType is "matrix",
// or null for anything else or anything surprising (error answers, vectors, native histograms,
// malformed text) — the caller then falls back to JSON.parse and its error messages.
// Timestamps become unix ms rounded to the millisecond (Prometheus' own resolution); values
// parse exactly like Number(), with "NaN", "+Inf", "-Inf" understood.
import { Labels, NumericSeries } from './types';

class Bail extends Error {}

const WS = new Uint8Array(128);
WS[0x20] = WS[0x09] = WS[0x0a] = WS[0x0d] = 1;

class Scanner {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    const s = this.s;
    let i = this.i;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c < 128 && WS[c]) {
        i++;
      } else {
        break;
      }
    }
    this.i = i;
  }

  peek(): number {
    this.ws();
    return this.s.charCodeAt(this.i);
  }

  expect(c: number): void {
    this.ws();
    if (this.s.charCodeAt(this.i) !== c) {
      throw new Bail();
    }
    this.i++;
  }

  /** Consumes `c` if it is next (after whitespace). */
  eat(c: number): boolean {
    this.ws();
    if (this.s.charCodeAt(this.i) === c) {
      this.i++;
      return true;
    }
    return false;
  }

  string(): string {
    this.expect(0x22);
    const s = this.s;
    const start = this.i;
    let i = start;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        this.i = i + 1;
        return s.slice(start, i);
      }
      if (c === 0x5c) {
        // Escapes: let JSON.parse decode this one string.
        let j = i;
        while (j < s.length) {
          const d = s.charCodeAt(j);
          if (d === 0x5c) {
            j += 2;
          } else if (d === 0x22) {
            break;
          } else {
            j++;
          }
        }
        if (j >= s.length) {
          throw new Bail();
        }
        this.i = j + 1;
        return JSON.parse(s.slice(start - 1, j + 1)) as string;
      }
      if (c < 0x20) {
        throw new Bail();
      }
      i++;
    }
    throw new Bail();
  }

  /** Any JSON value, generically (small parts only: labels, warnings, unknown keys). */
  value(): unknown {
    const c = this.peek();
    if (c === 0x22) {
      return this.string();
    }
    if (c === 0x7b) {
      this.i++;
      const out: Record<string, unknown> = {};
      if (this.eat(0x7d)) {
        return out;
      }
      do {
        const k = this.string();
        this.expect(0x3a);
        out[k] = this.value();
      } while (this.eat(0x2c));
      this.expect(0x7d);
      return out;
    }
    if (c === 0x5b) {
      this.i++;
      const out: unknown[] = [];
      if (this.eat(0x5d)) {
        return out;
      }
      do {
        out.push(this.value());
      } while (this.eat(0x2c));
      this.expect(0x5d);
      return out;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i, this.i + 64));
    if (!m) {
      throw new Bail();
    }
    this.i += m[0].length;
    return JSON.parse(m[0]);
  }

  /** A JSON number as unix seconds → ms, rounded to the millisecond. */
  timestampMs(): number {
    this.ws();
    const s = this.s;
    let i = this.i;
    let neg = false;
    if (s.charCodeAt(i) === 0x2d) {
      neg = true;
      i++;
    }
    let int = 0;
    let digits = 0;
    let c = s.charCodeAt(i);
    while (c >= 0x30 && c <= 0x39) {
      int = int * 10 + (c - 0x30);
      digits++;
      c = s.charCodeAt(++i);
    }
    if (digits === 0 || digits > 15) {
      throw new Bail();
    }
    let ms = int * 1000;
    if (c === 0x2e) {
      // Up to 3 decimals (what Prometheus sends) are exact integer milliseconds.
      c = s.charCodeAt(++i);
      let scale = 100;
      let fracDigits = 0;
      while (c >= 0x30 && c <= 0x39 && fracDigits < 3) {
        ms += (c - 0x30) * scale;
        scale /= 10;
        fracDigits++;
        c = s.charCodeAt(++i);
      }
      if (fracDigits === 0 || (c >= 0x30 && c <= 0x39)) {
        return this.slowTimestamp();
      }
    }
    if (c === 0x65 || c === 0x45) {
      return this.slowTimestamp();
    }
    this.i = i;
    return neg ? -ms : ms;
  }

  /** Exponents or sub-millisecond digits: the exact, slow way. */
  private slowTimestamp(): number {
    const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.s.slice(this.i, this.i + 40));
    if (!m) {
      throw new Bail();
    }
    this.i += m[0].length;
    return Math.round(Number(m[0]) * 1000);
  }

  /** A sample value: a JSON string holding a Go float ("1", "0.5", "NaN", "+Inf", "1e-05"). */
  sampleValue(): number {
    this.expect(0x22);
    const s = this.s;
    const start = this.i;
    let i = start;
    let c = s.charCodeAt(i);
    let neg = false;
    if (c === 0x2d) {
      neg = true;
      c = s.charCodeAt(++i);
    }
    // Fast path: a plain integer of up to 15 digits (counts, most gauges) is exact.
    let int = 0;
    let digits = 0;
    while (c >= 0x30 && c <= 0x39) {
      int = int * 10 + (c - 0x30);
      digits++;
      c = s.charCodeAt(++i);
    }
    if (c === 0x22 && digits > 0 && digits <= 15) {
      this.i = i + 1;
      return neg ? -int : int;
    }
    // Anything else: find the closing quote and let Number() decide, exactly.
    while (i < s.length && s.charCodeAt(i) !== 0x22) {
      if (s.charCodeAt(i) === 0x5c) {
        throw new Bail();
      }
      i++;
    }
    if (i >= s.length) {
      throw new Bail();
    }
    const text = s.slice(start, i);
    this.i = i + 1;
    if (text === '+Inf') {
      return Infinity;
    }
    if (text === '-Inf') {
      return -Infinity;
    }
    if (text === 'NaN') {
      return NaN;
    }
    const x = Number(text);
    if (text === '' || (Number.isNaN(x) && text !== 'NaN')) {
      return NaN;
    }
    return x;
  }
}

/** Growable pair of typed arrays. */
class Samples {
  t = new Float64Array(1024);
  v = new Float64Array(1024);
  n = 0;

  push(t: number, v: number): void {
    if (this.n === this.t.length) {
      const t2 = new Float64Array(this.n * 2);
      const v2 = new Float64Array(this.n * 2);
      t2.set(this.t);
      v2.set(this.v);
      this.t = t2;
      this.v = v2;
    }
    this.t[this.n] = t;
    this.v[this.n] = v;
    this.n++;
  }
}

function values(sc: Scanner, out: Samples): void {
  sc.expect(0x5b);
  if (sc.eat(0x5d)) {
    return;
  }
  const s = sc.s;
  for (;;) {
    // Tight path for Prometheus' own compact form: [1767225600,"3"] — integer seconds (or up to 3
    // decimals) and an integer value; anything else goes through the general readers below.
    let i = sc.i;
    let c = s.charCodeAt(i);
    if (c === 0x5b) {
      c = s.charCodeAt(++i);
      let sec = 0;
      let d = 0;
      while (c >= 0x30 && c <= 0x39) {
        sec = sec * 10 + (c - 0x30);
        d++;
        c = s.charCodeAt(++i);
      }
      if (d > 0 && d <= 12 && c === 0x2c && s.charCodeAt(i + 1) === 0x22) {
        i += 2;
        c = s.charCodeAt(i);
        let neg = false;
        if (c === 0x2d) {
          neg = true;
          c = s.charCodeAt(++i);
        }
        let x = 0;
        let e = 0;
        while (c >= 0x30 && c <= 0x39) {
          x = x * 10 + (c - 0x30);
          e++;
          c = s.charCodeAt(++i);
        }
        if (e > 0 && e <= 15 && c === 0x22 && s.charCodeAt(i + 1) === 0x5d) {
          out.push(sec * 1000, neg ? -x : x);
          i += 2;
          c = s.charCodeAt(i);
          if (c === 0x2c) {
            sc.i = i + 1;
            continue;
          }
          if (c === 0x5d) {
            sc.i = i + 1;
            return;
          }
          sc.i = i;
          break; // whitespace or something odd: finish with the general path
        }
      }
    }
    // General path for this pair.
    sc.expect(0x5b);
    const t = sc.timestampMs();
    sc.expect(0x2c);
    const v = sc.sampleValue();
    sc.expect(0x5d);
    out.push(t, v);
    if (!sc.eat(0x2c)) {
      sc.expect(0x5d);
      return;
    }
  }
  while (sc.eat(0x2c)) {
    sc.expect(0x5b);
    const t = sc.timestampMs();
    sc.expect(0x2c);
    const v = sc.sampleValue();
    sc.expect(0x5d);
    out.push(t, v);
  }
  sc.expect(0x5d);
}

function series(sc: Scanner, scratch: Samples): NumericSeries {
  sc.expect(0x7b);
  let labels: Labels = {};
  let got = false;
  scratch.n = 0;
  if (!sc.eat(0x7d)) {
    do {
      const k = sc.string();
      sc.expect(0x3a);
      if (k === 'values') {
        values(sc, scratch);
        got = true;
      } else if (k === 'metric') {
        const m = sc.value();
        if (typeof m !== 'object' || m === null || Array.isArray(m)) {
          throw new Bail();
        }
        labels = m as Labels;
      } else if (k === 'histograms') {
        throw new Bail(); // native histograms: not a float matrix
      } else {
        sc.value();
      }
    } while (sc.eat(0x2c));
    sc.expect(0x7d);
  }
  if (!got) {
    throw new Bail();
  }
  return { labels, t: scratch.t.slice(0, scratch.n), v: scratch.v.slice(0, scratch.n) };
}

export interface MatrixText {
  series: NumericSeries[];
  warnings: string[];
}

/** Series of a successful matrix answer, read straight from its text; null → use JSON.parse. */
export function parseMatrixText(text: string): MatrixText | null {
  const sc = new Scanner(text);
  try {
    let status: unknown;
    let resultType: unknown;
    let result: NumericSeries[] | null = null;
    let warnings: string[] = [];
    const scratch = new Samples();
    sc.expect(0x7b);
    do {
      const k = sc.string();
      sc.expect(0x3a);
      if (k === 'data') {
        sc.expect(0x7b);
        do {
          const dk = sc.string();
          sc.expect(0x3a);
          if (dk === 'resultType') {
            resultType = sc.string();
            if (resultType !== 'matrix') {
              return null;
            }
          } else if (dk === 'result') {
            result = [];
            sc.expect(0x5b);
            if (!sc.eat(0x5d)) {
              do {
                result.push(series(sc, scratch));
              } while (sc.eat(0x2c));
              sc.expect(0x5d);
            }
          } else {
            sc.value();
          }
        } while (sc.eat(0x2c));
        sc.expect(0x7d);
      } else if (k === 'status') {
        status = sc.value();
      } else if (k === 'warnings') {
        const w = sc.value();
        warnings = Array.isArray(w) ? w.map(String) : [];
      } else {
        sc.value();
      }
    } while (sc.eat(0x2c));
    sc.expect(0x7d);
    sc.ws();
    if (sc.i !== text.length || status !== 'success' || resultType !== 'matrix' || result === null) {
      return null;
    }
    return { series: result, warnings };
  } catch (e) {
    if (e instanceof Bail || e instanceof SyntaxError) {
      return null;
    }
    throw e;
  }
}

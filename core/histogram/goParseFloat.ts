// Go's strconv.ParseFloat(s, 64), which Prometheus uses to read the `le` label in
// histogram_quantile. Accepted (checked against promtool 2.42): decimal with optional sign,
// '.', exponent and '_' between digits ("1_0" is 10); hexadecimal with a mandatory 'p'
// exponent ("0x1p-2"); "Inf"/"Infinity" with optional sign and "NaN", any case.
// Rejected (→ null): empty, surrounding spaces (" 4"), "+NaN", "0x10" (no 'p'), "1e", "_1".

const DIGIT = /[0-9]/;
const HEX_DIGIT = /[0-9a-fA-F]/;

/** Parse like Go's strconv.ParseFloat(s, 64); null wherever Go returns an error (including overflow such as "1e400"). */
export function goParseFloat(s: string): number | null {
  const plain = plainDecimal(s);
  if (plain !== null) return plain;
  const special = parseSpecial(s);
  if (special !== null) return special;
  let i = 0;
  let sign = 1;
  if (s[0] === '+' || s[0] === '-') {
    if (s[0] === '-') sign = -1;
    i = 1;
  }
  if (s.length > i + 2 && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    const v = parseHex(s, i + 2);
    return v === null || !Number.isFinite(v) ? null : sign * v;
  }
  const d = parseDecimal(s, i, sign);
  // Go reports overflow as an error (which Prometheus skips); underflow to 0 is fine.
  return d === null || !Number.isFinite(d) ? null : d;
}

/** Digits with at most one '.' ("240", "0.25", ".5", "12."): Number() reads them as Go does; else null. */
function plainDecimal(s: string): number | null {
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46) dots++;
    else return null;
  }
  return digits > 0 && dots <= 1 ? Number(s) : null;
}

/** "inf", "infinity" (signed), "nan" (unsigned), case-insensitive, whole string. */
function parseSpecial(s: string): number | null {
  const lower = s.toLowerCase();
  if (lower === 'nan') return NaN;
  const body = lower[0] === '+' || lower[0] === '-' ? lower.slice(1) : lower;
  if (body === 'inf' || body === 'infinity') return lower[0] === '-' ? -Infinity : Infinity;
  return null;
}

/** Go's underscoreOK: '_' only between digits (or right after a base prefix). */
function underscoresOk(s: string, start: number, hex: boolean): boolean {
  let saw = hex ? '0' : '^';
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (DIGIT.test(c) || (hex && HEX_DIGIT.test(c))) {
      saw = '0';
    } else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

function parseDecimal(s: string, start: number, sign: number): number | null {
  let i = start;
  let sawDigits = false;
  let sawDot = false;
  let underscores = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') underscores = true;
    else if (c === '.') {
      if (sawDot) return null;
      sawDot = true;
    } else if (DIGIT.test(c)) sawDigits = true;
    else break;
  }
  if (!sawDigits) return null;
  if (i < s.length && (s[i] === 'e' || s[i] === 'E')) {
    i++;
    if (s[i] === '+' || s[i] === '-') i++;
    if (i >= s.length || !DIGIT.test(s[i])) return null;
    for (; i < s.length && (DIGIT.test(s[i]) || s[i] === '_'); i++) {
      if (s[i] === '_') underscores = true;
    }
  }
  if (i !== s.length) return null;
  if (underscores && !underscoresOk(s, start, false)) return null;
  // JS Number() rounds decimal strings correctly, exactly like Go.
  return sign * Number(s.slice(start).replace(/_/g, ''));
}

function parseHex(s: string, start: number): number | null {
  let i = start;
  let mant = 0n;
  let fracDigits = 0;
  let sawDot = false;
  let sawDigits = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') continue;
    if (c === '.') {
      if (sawDot) return null;
      sawDot = true;
    } else if (HEX_DIGIT.test(c)) {
      sawDigits = true;
      mant = mant * 16n + BigInt(parseInt(c, 16));
      if (sawDot) fracDigits++;
    } else break;
  }
  if (!sawDigits || i >= s.length || (s[i] !== 'p' && s[i] !== 'P')) return null;
  i++;
  let expSign = 1;
  if (s[i] === '+' || s[i] === '-') {
    if (s[i] === '-') expSign = -1;
    i++;
  }
  if (i >= s.length || !DIGIT.test(s[i])) return null;
  let exp = 0;
  for (; i < s.length && (DIGIT.test(s[i]) || s[i] === '_'); i++) {
    if (s[i] !== '_') exp = Math.min(exp * 10 + (s.charCodeAt(i) - 48), 100000);
  }
  if (i !== s.length) return null;
  if (!underscoresOk(s, start, true)) return null;
  return scaleBigInt(mant, expSign * exp - 4 * fracDigits);
}

/** mant × 2^exp rounded to nearest even double (handles subnormals and overflow). */
function scaleBigInt(mant: bigint, exp: number): number {
  if (mant === 0n) return 0;
  const bits = mant.toString(2).length;
  // Keep 53 significant bits, fewer when the result is subnormal (exponent below -1074).
  const topExp = bits - 1 + exp; // exponent of the leading bit
  if (topExp > 1023) return Infinity;
  const keep = Math.max(0, Math.min(53, topExp + 1075));
  let shift = bits - keep;
  let m = mant;
  if (shift > 0) {
    const rem = m & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    m >>= BigInt(shift);
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  } else {
    shift = 0;
  }
  // m < 2^54 is exact as a double; the power of two is applied in two exact steps.
  const e = exp + shift;
  return Number(m) * Math.pow(2, Math.trunc(e / 2)) * Math.pow(2, e - Math.trunc(e / 2));
}

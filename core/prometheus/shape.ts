// The shape of a query answer's data.result, checked before it is read: Prometheus' API promises
// `{metric: {name: "value"}, values: [[<unix s>, "<value>"], ...]}` (matrix) and `{metric, value}`
// (vector), but a proxy, a stand-in or a broken server may send anything, and reading a nested
// list where a string belongs converts it recursively (a deep one overflows the stack). Shallow
// checks with loops only; the first problem is named with its place.

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function labelsProblem(metric: unknown, where: string): string | null {
  if (metric === undefined) {
    return null;
  }
  if (!isObj(metric)) {
    return `${where}.metric is not an object of labels`;
  }
  for (const k of Object.keys(metric)) {
    if (typeof metric[k] !== 'string') {
      return `${where}.metric.${k} is not a string`;
    }
  }
  return null;
}

function pairProblem(p: unknown, where: string): string | null {
  if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'number' || typeof p[1] !== 'string') {
    return `${where} is not [<unix seconds>, "<value>"]`;
  }
  return null;
}

/**
 * The first thing in a list of series that is not as the API promises, or null: each must be an
 * object with well-formed labels, then pass `rest` (its samples).
 */
function seriesListProblem(result: unknown, rest: (s: Record<string, unknown>, where: string) => string | null): string | null {
  if (!Array.isArray(result)) {
    return 'result is not a list';
  }
  for (let k = 0; k < result.length; k++) {
    const s: unknown = result[k];
    const where = `result[${k}]`;
    if (!isObj(s)) {
      return `${where} is not an object`;
    }
    const bad = labelsProblem(s.metric, where) ?? rest(s, where);
    if (bad) {
      return bad;
    }
  }
  return null;
}

/** The first thing in a matrix result that is not as the API promises, or null. */
export function matrixProblem(result: unknown): string | null {
  return seriesListProblem(result, (s, where) => {
    if (!Array.isArray(s.values)) {
      return `${where}.values is not a list`;
    }
    for (let i = 0; i < s.values.length; i++) {
      const p = pairProblem(s.values[i], `${where}.values[${i}]`);
      if (p) {
        return p;
      }
    }
    return null;
  });
}

/** The first thing in a vector result that is not as the API promises, or null. */
export function vectorProblem(result: unknown): string | null {
  return seriesListProblem(result, (s, where) => pairProblem(s.value, `${where}.value`));
}

/** Only the strings of an answer's warnings (anything else in that list is dropped, not converted). */
export function warningStrings(w: unknown): string[] {
  const out: string[] = [];
  if (Array.isArray(w)) {
    for (const x of w) {
      if (typeof x === 'string') {
        out.push(x);
      }
    }
  }
  return out;
}

// Bounds on what a price book and an inventory may say, so that every figure computed from them is
// a finite number (a price of 1e308 times 730 hours is Infinity, and Infinity - Infinity is NaN).
//
// MAX_PRICE: the dearest cloud instances list at a few hundred USD an hour and their 3-year
// all-upfront reservations at a few million; 1e9 leaves room for every currency (JPY, KRW, IDR)
// and still keeps a yearly figure of MAX_PRICE x MAX_COUNT x 8760 h far below Number.MAX_VALUE.
// MAX_COUNT: instances, GB stored or GB/h transferred of one inventory entry.
export const MAX_PRICE = 1e9;
export const MAX_COUNT = 1e9;

/**
 * Describes a value for an error message without walking it: a string (cut at 40 characters),
 * a number, or the kind of a list or object (its size, not its content, so that deeply nested or
 * huge input can neither overflow the stack nor flood the message).
 */
export function describeValue(x: unknown): string {
  if (x === undefined) {
    return 'missing';
  }
  if (typeof x === 'string') {
    return `"${x.length > 40 ? `${x.slice(0, 40)}…` : x}"`;
  }
  if (Array.isArray(x)) {
    return `a list of ${x.length}`;
  }
  if (x === null) {
    return 'null';
  }
  if (typeof x === 'object') {
    return 'an object';
  }
  return String(x);
}

/**
 * The first number in `value` that is not finite, as a path like `projection.rows[2].monthly`, or
 * null. Walks with an explicit stack (no recursion), so any depth and size is fine.
 */
export function firstNonFinite(value: unknown, root = ''): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [x, path] = stack.pop()!;
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) {
        return path;
      }
    } else if (Array.isArray(x)) {
      for (let i = x.length - 1; i >= 0; i--) {
        stack.push([x[i], `${path}[${i}]`]);
      }
    } else if (typeof x === 'object' && x !== null) {
      const keys = Object.keys(x);
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push([(x as Record<string, unknown>)[keys[i]], path ? `${path}.${keys[i]}` : keys[i]]);
      }
    }
  }
  return null;
}

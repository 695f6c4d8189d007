/** promtool's series notation: runs of an integer start and integer step as `a+bxN`, else the values. */
export function encode(values: number[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < values.length) {
    const a = values[i];
    let j = i + 1;
    if (Number.isInteger(a) && j < values.length && Number.isInteger(values[j] - a)) {
      const b = values[j] - a;
      while (j + 1 < values.length && values[j + 1] - values[j] === b && Number.isInteger(values[j + 1])) j++;
      if (j - i >= 2) {
        out.push(b === 0 ? `${a}x${j - i}` : `${a}${b > 0 ? '+' : '-'}${Math.abs(b)}x${j - i}`);
        i = j + 1;
        continue;
      }
    }
    out.push(String(a));
    i++;
  }
  return out.join(' ');
}

// Small PromQL helpers: safe label matchers and Prometheus durations.

/** Escapes a string for use inside a double-quoted PromQL label value. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** Escapes a string for use inside a regex matcher (=~) as a literal, then for the quotes. */
export function escapeRegexValue(v: string): string {
  return escapeLabelValue(v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** `{a="x",b="y"}` from a label map (names must already be valid label names). */
export function matchers(labels: Record<string, string>): string {
  const parts = Object.keys(labels).map((k) => {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k)) {
      throw new Error(`invalid label name ${JSON.stringify(k)}`);
    }
    return `${k}="${escapeLabelValue(labels[k])}"`;
  });
  return `{${parts.join(',')}}`;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** Parses a Prometheus duration (`30d`, `1h30m`, `90s`, `500ms`) to ms; null when malformed. */
export function parseDuration(s: string): number | null {
  const text = s.trim();
  if (text === '') {
    return null;
  }
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/y;
  let ms = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) {
      return null;
    }
    ms += Number(m[1]) * UNIT_MS[m[2]];
    pos = re.lastIndex;
  }
  return ms;
}

/** ms → the shortest Prometheus duration string (`90000` → `1m30s`). */
export function formatDuration(ms: number): string {
  if (ms <= 0) {
    return '0s';
  }
  let rest = Math.round(ms);
  let out = '';
  for (const [u, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${u}`;
      rest %= size;
    }
  }
  return out;
}

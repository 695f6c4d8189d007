// Prometheus text format 0.0.4 writer: the inverse of parse.ts for gauge and counter families.
// Label values escape \\, " and newline; HELP escapes \\ and newline; values are Go-style
// (NaN, +Inf, -Inf, shortest round-trip decimal otherwise).

export interface FamilyToWrite {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  samples: { labels: Record<string, string>; value: number }[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A sample value as the text format writes it. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/**
 * The exposition text of the given families, each with HELP and TYPE lines, samples in the order
 * given, labels sorted by name. A family without samples still writes HELP and TYPE.
 * Edge cases: an invalid metric or label name throws (a programming error, never user data: callers
 * pass label names through sanitiseLabelName).
 */
export function formatExposition(families: FamilyToWrite[]): string {
  const out: string[] = [];
  for (const f of families) {
    if (!METRIC_NAME.test(f.name)) throw new Error(`invalid metric name ${JSON.stringify(f.name)}`);
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const names = Object.keys(s.labels).sort();
      for (const n of names) if (!LABEL_NAME.test(n) || n.startsWith('__')) throw new Error(`invalid label name ${JSON.stringify(n)}`);
      const labels = names.map((n) => `${n}="${escapeLabelValue(s.labels[n])}"`).join(',');
      out.push(`${f.name}${labels ? `{${labels}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return out.join('\n') + '\n';
}

/** A label name made valid: other characters become '_', a leading digit gets '_' before it. */
export function sanitiseLabelName(name: string): string {
  const s = name.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

// Rule templates (the subset the pack uses), rendered like Prometheus 2.x does.
import { Labels } from './types';

/** Go's %.<p>g. */
export function goG(v: number, p: number): string {
  if (v === 0) return '0';
  if (!isFinite(v)) return isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  const [m, e] = v.toExponential(p - 1).split('e');
  const exp = Number(e);
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= p) return `${trim(m)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return trim(v.toFixed(Math.max(0, p - 1 - exp)));
}
export function humanizeDuration(v: number): string {
  if (v === 0) return '0s';
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const a = Math.abs(v);
    const d = Math.trunc(a);
    const [days, hours, minutes, seconds] = [Math.floor(d / 86400), Math.floor(d / 3600) % 24, Math.floor(d / 60) % 60, d % 60];
    if (days) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${goG(a, 4)}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${goG(v, 4)}${prefix}s`;
}
export function render(tpl: string, labels: Labels, value: number): string {
  return tpl.replace(/\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    let m: RegExpMatchArray | null;
    if ((m = expr.match(/^\$labels\.(\w+)$/))) return labels[m[1]] ?? '';
    if (expr === '$value') return Number.isInteger(value) ? String(value) : goG(value, 17);
    if (expr === '$value | humanizeDuration') return humanizeDuration(value);
    if (expr === '$value | humanizePercentage') return `${goG(value * 100, 4)}%`;
    if (expr === 'printf "%.1f" $value') return value.toFixed(1);
    if ((m = expr.match(/^\$value \| printf "%\.(\d)g"$/))) return goG(value, Number(m[1]));
    throw new Error(`template {{ ${expr} }} not supported by the generator`);
  });
}

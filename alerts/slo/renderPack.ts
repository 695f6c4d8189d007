// Renders the rules pack with other SLO specs (tests and the sloth import check): the mixin of
// alerts/ with `_config.sloSpecs` replaced, through jsonnet. Returns the rule groups as objects,
// or the render error (e.g. a latency threshold that is no bucket boundary).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { SloFile } from './spec';

const alertsDir = path.resolve(__dirname, '..');

export interface Rendered {
  rules: { groups: { name: string; rules: Record<string, unknown>[] }[] };
  alerts: { groups: { name: string; rules: { alert: string; expr: string; labels: Record<string, string> }[] }[] };
}

export function hasBinary(name: string): boolean {
  return spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0;
}

export function renderPack(file: SloFile): { ok: true; pack: Rendered } | { ok: false; error: string } {
  const code = `local m = (import 'mixin.libsonnet') + { _config+:: { sloSpecs: ${JSON.stringify(file)} } };
{ rules: m.prometheusRules, alerts: m.prometheusAlerts }`;
  const r = spawnSync('jsonnet', ['-J', alertsDir, '-e', code], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) return { ok: false, error: (r.stderr ?? '').split('\n')[0] };
  return { ok: true, pack: JSON.parse(r.stdout) as Rendered };
}

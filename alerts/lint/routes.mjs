#!/usr/bin/env node
// Routing tests for the example Alertmanager config:
//   node alerts/lint/routes.mjs [alertmanager.yml] [cases.yaml]
// Runs `amtool config routes test --verify.receivers=...` for every case of
// alerts/tests/routes/cases.yaml and checks that every alerting rule of the pack is covered by a
// case (its labels include the rule's alert name and static labels).
// Prints one line per case and "N passed, N failed"; exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const alertsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = process.argv[2] ?? path.join(alertsDir, 'alertmanager.yml');
const casesFile = process.argv[3] ?? path.join(alertsDir, 'tests', 'routes', 'cases.yaml');
const amtool = process.env.AMTOOL ?? 'amtool';

const cases = yaml.load(fs.readFileSync(casesFile, 'utf8'));
const rules = yaml.load(fs.readFileSync(path.join(alertsDir, 'prometheus_alerts.yaml'), 'utf8')).groups.flatMap((g) => g.rules);

let passed = 0;
let failed = 0;
for (const c of cases) {
  const labels = Object.entries(c.labels).map(([k, v]) => `${k}=${v}`);
  const r = spawnSync(amtool, ['config', 'routes', 'test', `--config.file=${config}`, `--verify.receivers=${c.receivers.join(',')}`, ...labels], { encoding: 'utf8' });
  const got = (r.stdout ?? '').trim();
  if (r.status === 0) {
    passed++;
    console.log(`ok   ${c.name} -> ${got}`);
  } else {
    failed++;
    console.log(`FAIL ${c.name}: expected ${c.receivers.join(',')}, got ${got || (r.stderr ?? '').trim() || `exit ${r.status}`}`);
  }
}

const includes = (labels, wanted) => Object.entries(wanted).every(([k, v]) => String(labels[k]) === String(v));
for (const rule of rules) {
  const wanted = { alertname: rule.alert, ...(rule.labels ?? {}) };
  const covered = cases.some((c) => includes(c.labels, wanted));
  if (covered) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL no routing case for ${rule.alert} ${JSON.stringify(rule.labels ?? {})}`);
  }
}
console.log(`routes: ${cases.length} amtool route cases, ${rules.length} alerting rules checked for coverage`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

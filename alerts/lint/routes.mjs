#!/usr/bin/env node
// Routing tests for the example Alertmanager config:
//   node_modules/.bin/tsx alerts/lint/routes.mjs [alertmanager.yml] [cases.yaml]
// Runs `amtool config routes test --verify.receivers=...` for every case of
// alerts/tests/routes/cases.yaml and checks that every alerting rule of the pack is covered by a
// case (its labels include the rule's alert name and static labels), and that every inhibition's
// `equal` list holds each label that tells two alerts of the cases apart.
// Prints one line per case and "N passed, N failed"; exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { matcherHolds as matcherMatches } from '../routing/inhibit.ts';

const alertsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = process.argv[2] ?? path.join(alertsDir, 'alertmanager.yml');
const casesFile = process.argv[3] ?? path.join(alertsDir, 'tests', 'routes', 'cases.yaml');
const amtool = process.env.AMTOOL ?? 'amtool';

// The cases of the SLO specs' alerts are generated beside (alerts/slo/testgen.ts).
const specCases = path.join(path.dirname(casesFile), 'slo-specs.yaml');
const cases = [casesFile, ...(process.argv[3] || !fs.existsSync(specCases) ? [] : [specCases])].flatMap((f) => yaml.load(fs.readFileSync(f, 'utf8')));
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
// Inhibitions: a target alert may only be muted by a source that agrees on every label telling
// two instances apart. Each case is a real firing alert; its labels, except those that differ
// between source and target by design (severity, team, the burn-rate tier labels), must all be in
// the `equal` list of every inhibition whose target matchers match it.
const BY_DESIGN = new Set(['severity', 'team', 'slo_tier', 'long_window', 'short_window']);
// A label every rule of an SLO sets to the same value (an SLO spec's `sli` and extra labels) tells
// nothing apart that `slo` does not: it needs no place in an `equal` list that holds `slo`.
const perSlo = new Set();
for (const r of rules.filter((x) => x.labels?.slo !== undefined)) {
  const same = rules.filter((x) => x.labels?.slo === r.labels.slo);
  for (const k of Object.keys(r.labels)) if (same.every((x) => x.labels[k] === r.labels[k]) && k !== 'slo') perSlo.add(k);
}
const am = yaml.load(fs.readFileSync(config, 'utf8'));
const inhibitions = am.inhibit_rules ?? [];
for (const [i, rule] of inhibitions.entries()) {
  const equal = new Set(rule.equal ?? []);
  const missing = new Set();
  // An inhibition between different SLOs (an SLO spec's alert over the default SLO's of the same
  // service) has no source case sharing a target case's `slo`: that label differs by design.
  const sloOf = (side) => new Set(cases.filter((c) => (rule[side] ?? []).every((m) => matcherMatches(m, c.labels))).map((c) => c.labels.slo));
  const sourceSlos = sloOf('source_matchers');
  const acrossSlos = ![...sloOf('target_matchers')].some((s) => sourceSlos.has(s));
  for (const c of cases) {
    if (!(rule.target_matchers ?? []).every((m) => matcherMatches(m, c.labels))) continue;
    for (const label of Object.keys(c.labels)) {
      // One alert muting another alert (by name) differs from it in alertname by design.
      const byName = label === 'alertname' && (rule.source_matchers ?? []).some((m) => m.startsWith('alertname'));
      const fixedBySlo = perSlo.has(label) && equal.has('slo');
      const otherSlo = label === 'slo' && acrossSlos;
      if (!BY_DESIGN.has(label) && !byName && !fixedBySlo && !otherSlo && !equal.has(label)) missing.add(label);
    }
  }
  const what = `inhibition ${i + 1} (${(rule.source_matchers ?? []).join(', ')} over ${(rule.target_matchers ?? []).join(', ')})`;
  if (missing.size === 0) {
    passed++;
    console.log(`ok   ${what}: equal holds every identifying label`);
  } else {
    failed++;
    console.log(`FAIL ${what}: equal lacks ${[...missing].sort().join(', ')}`);
  }
}

console.log(`routes: ${cases.length} amtool route cases, ${rules.length} alerting rules checked for coverage, ${inhibitions.length} inhibitions checked`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

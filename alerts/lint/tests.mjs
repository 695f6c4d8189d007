#!/usr/bin/env node
// Checks that the promtool unit tests cover every alerting rule, and counts the test cases.
//   node alerts/lint/tests.mjs
// A rule (an alert name with one set of static labels, e.g. one burn-rate tier) is covered when
// some alert_rule_test expects it to fire (an exp_alerts entry whose labels include the rule's
// labels) and some alert_rule_test for the same alert name expects it to stay silent (except an
// always-firing rule such as the watchdog).
// A test case is one alert_rule_test or promql_expr_test entry (one evaluation time each).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const alertsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testsDir = path.join(alertsDir, 'tests');
const rules = yaml.load(fs.readFileSync(path.join(alertsDir, 'prometheus_alerts.yaml'), 'utf8')).groups.flatMap((g) => g.rules);

const alertTests = [];
let exprTests = 0;
let groups = 0;
const files = fs.readdirSync(testsDir).filter((f) => f.endsWith('.yaml')).sort();
for (const file of files) {
  const doc = yaml.load(fs.readFileSync(path.join(testsDir, file), 'utf8'));
  for (const t of doc.tests ?? []) {
    groups++;
    for (const a of t.alert_rule_test ?? []) alertTests.push({ file, group: t.name, ...a });
    exprTests += (t.promql_expr_test ?? []).length;
  }
}

const includes = (labels, wanted) => Object.entries(wanted).every(([k, v]) => String(labels?.[k]) === String(v));
const problems = [];
for (const rule of rules) {
  const id = `${rule.alert}${JSON.stringify(rule.labels ?? {})}`;
  const forName = alertTests.filter((t) => t.alertname === rule.alert);
  const fires = forName.some((t) => (t.exp_alerts ?? []).some((e) => includes(e.exp_labels, rule.labels ?? {})));
  const silent = forName.some((t) => !(t.exp_alerts ?? []).some((e) => includes(e.exp_labels, rule.labels ?? {})));
  if (!fires) problems.push(`${id}: no test expects it to fire`);
  // An always-firing rule (the watchdog) has no silent case by design.
  const alwaysFiring = /^\s*vector\(1\)\s*$/.test(rule.expr);
  if (!silent && !alwaysFiring) problems.push(`${id}: no test expects it to stay silent`);
}

for (const p of problems) console.log(`coverage: ${p}`);
const cases = alertTests.length + exprTests;
console.log(`coverage: ${rules.length} alerting rules, ${problems.length} without a firing and a silent case`);
console.log(`promtool test cases: ${cases} (${alertTests.length} alert_rule_test, ${exprTests} promql_expr_test) in ${groups} test groups, ${files.length} files`);
process.exit(problems.length ? 1 : 0);

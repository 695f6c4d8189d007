#!/usr/bin/env node
// Counts the cases of a promtool rule-test file and, given the log of a failed
// `promtool test rules` run on it, how many of them failed. Prints "<cases> <failed>".
//   node test/lib/promtoolCases.mjs FILE [FAILED_RUN_LOG]
// A case is one alert_rule_test or promql_expr_test entry (one evaluation time each). promtool
// reports each failing case as an "alertname: X, time: T," or an `expr: "…", time: T,` line; a run
// that failed without naming any case (the file or a rule file did not load) failed every case.
import fs from 'node:fs';
import yaml from 'js-yaml';

const [file, log] = process.argv.slice(2);
const doc = yaml.load(fs.readFileSync(file, 'utf8')) ?? {};
let cases = 0;
for (const t of doc.tests ?? []) cases += (t.alert_rule_test ?? []).length + (t.promql_expr_test ?? []).length;

let failed = 0;
if (log !== undefined) {
  const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
  const named = text.split('\n').filter((l) => /^\s+(alertname: .*|expr: ".*"), time: /.test(l)).length;
  failed = named > 0 ? Math.min(named, cases) : Math.max(cases, 1);
}
console.log(`${cases} ${failed}`);

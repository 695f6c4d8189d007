#!/usr/bin/env node
// Lints the rendered rule files the way mixtool's lint does, plus the pack's own conventions.
//   node alerts/lint/lint.mjs [RULES.yaml ALERTS.yaml]
// Alerts: severity in critical/warning/info, summary without templates, description with
// templates, runbook_url (an existing file when it is a repository path), a team label, a name of
// at most 40 characters in CamelCase, a `for` on every alert except the always-firing watchdog.
// Groups: at most 20 rules, unique names. Recording rules: level:metric:operations names.
// Prints one line per problem and a summary; exits 1 on any problem.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const alertsDir = path.resolve(here, '..');
const repoRoot = path.resolve(alertsDir, '..');
const [rulesFile, alertsFile] = process.argv.length > 3 ? process.argv.slice(2, 4) : [path.join(alertsDir, 'prometheus_rules.yaml'), path.join(alertsDir, 'prometheus_alerts.yaml')];

const SEVERITIES = new Set(['critical', 'warning', 'info']);
const MAX_RULES_PER_GROUP = 20;
const MAX_ALERT_NAME = 40;
const RECORD_NAME = /^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$/;
const ALERT_NAME = /^[A-Z][A-Za-z0-9]*$/;

const problems = [];
let recordCount = 0;
let alertCount = 0;
const groupNames = new Set();

function load(file) {
  const doc = yaml.load(fs.readFileSync(file, 'utf8'));
  if (!doc || !Array.isArray(doc.groups)) throw new Error(`${file}: no "groups" list`);
  return doc.groups;
}

function lintGroup(file, group, kind) {
  const where = `${path.basename(file)}: group ${group.name}`;
  if (groupNames.has(group.name)) problems.push(`${where}: group name used twice`);
  groupNames.add(group.name);
  const rules = group.rules ?? [];
  if (rules.length === 0) problems.push(`${where}: no rules`);
  if (rules.length > MAX_RULES_PER_GROUP) problems.push(`${where}: ${rules.length} rules, more than ${MAX_RULES_PER_GROUP}`);
  for (const rule of rules) {
    if (kind === 'record') lintRecord(where, rule);
    else lintAlert(where, rule);
  }
}

function lintRecord(where, rule) {
  recordCount++;
  if (!rule.record) return problems.push(`${where}: an alerting rule in the recording-rules file (${rule.alert})`);
  if (!RECORD_NAME.test(rule.record)) problems.push(`${where}: ${rule.record}: not a level:metric:operations name`);
  if (rule.for !== undefined || rule.annotations !== undefined) problems.push(`${where}: ${rule.record}: a recording rule with for/annotations`);
}

function lintAlert(where, rule) {
  alertCount++;
  if (!rule.alert) return problems.push(`${where}: a recording rule in the alerts file (${rule.record})`);
  const name = rule.alert;
  const at = `${where}: ${name}`;
  const labels = rule.labels ?? {};
  const ann = rule.annotations ?? {};
  if (name.length > MAX_ALERT_NAME) problems.push(`${at}: name longer than ${MAX_ALERT_NAME} characters`);
  if (!ALERT_NAME.test(name)) problems.push(`${at}: name is not CamelCase`);
  if (!SEVERITIES.has(labels.severity)) problems.push(`${at}: severity "${labels.severity}" is not one of ${[...SEVERITIES].join(', ')}`);
  if (!labels.team) problems.push(`${at}: no team label`);
  if (!ann.summary) problems.push(`${at}: no summary`);
  else if (ann.summary.includes('{{')) problems.push(`${at}: summary uses a template`);
  if (!ann.description) problems.push(`${at}: no description`);
  else if (!ann.description.includes('{{')) problems.push(`${at}: description has no template (values belong in it)`);
  if (!ann.runbook_url) problems.push(`${at}: no runbook_url`);
  else if (!/^[a-z]+:\/\//.test(ann.runbook_url) && !fs.existsSync(path.join(repoRoot, ann.runbook_url))) {
    problems.push(`${at}: runbook ${ann.runbook_url} does not exist`);
  }
  const alwaysFiring = /^\s*vector\(1\)\s*$/.test(rule.expr);
  if (!alwaysFiring && !rule.for) problems.push(`${at}: no "for"`);
  if (alwaysFiring && rule.for) problems.push(`${at}: an always-firing alert with a "for"`);
}

try {
  for (const g of load(rulesFile)) lintGroup(rulesFile, g, 'record');
  for (const g of load(alertsFile)) lintGroup(alertsFile, g, 'alert');
} catch (e) {
  problems.push(e.message);
}

for (const p of problems) console.log(`lint: ${p}`);
console.log(`lint: ${groupNames.size} groups, ${recordCount} recording rules, ${alertCount} alerting rules, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);

// The rules pack as the tests read it: the alerting rules, and the order promtool must evaluate the groups in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { ROOT } from './replaySettings';
import { Labels } from './types';

export interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Labels;
  annotations?: Labels;
}
type RuleFile = { groups: { name: string; rules: Rule[] }[] };
const readRules = (f: string) => yaml.load(fs.readFileSync(path.join(ROOT, 'alerts', f), 'utf8')) as RuleFile;
const RECORDING = readRules('prometheus_rules.yaml');
const ALERTING = readRules('prometheus_alerts.yaml');
export const RULES: Rule[] = ALERTING.groups.flatMap((g) => g.rules);
/**
 * promtool evaluates the groups of a test in map order (random) unless group_eval_order is set;
 * the alerts read recorded series, so without it $value (and a `for:` start) would be that of the
 * current or of the previous evaluation at random. Recording groups first, as in a ruler that has
 * the recorded series of the same round.
 */
export const GROUP_ORDER = [...RECORDING.groups, ...ALERTING.groups].map((g) => g.name);

export function ruleFor(alertname: string, want: Labels): Rule {
  const r = RULES.filter((x) => x.alert === alertname && Object.entries(want).every(([k, v]) => x.labels?.[k] === v));
  if (r.length !== 1) throw new Error(`${alertname}${JSON.stringify(want)}: ${r.length} rules in prometheus_alerts.yaml`);
  return r[0];
}

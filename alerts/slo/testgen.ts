// Generates alerts/tests/slo-specs.yaml: promtool cases for every SLO of alerts/slos.yaml, run by
// test/stages/30-rules.sh like the hand-written ones (which checks the file is up to date):
//   node_modules/.bin/tsx alerts/slo/testgen.ts [OUTDIR]   (default alerts/tests; also routes/slo-specs.yaml)
// Per SLO: a burn at twice its highest tier factor (every tier fires), a burn below its lowest
// line (silent), zero traffic (silent, ratios recorded as 0), the burn and the quiet share again
// with every counter reset halfway; an availability SLO with its outage path also a total outage
// at 1 req/s, a latency SLO also its threshold bucket missing. The series of one SLO also feed the SLOs that share them
// (the same handler, a wider error selector, a lower threshold): every SLO's alerts are expected
// from the model in scenario.ts (not from a promtool run), annotations from the rule templates.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { outageFires, ResolvedSlo, seconds, Series, sliOf, tierFires } from './scenario';
import { splitMatchers } from './spec';

const alertsDir = path.resolve(__dirname, '..');
const CLUSTER = 'test';
/** Label values tried for a label a selector constrains. */
const CANDIDATES = ['200', '500', '503', '502', '404', '429', 'GET', 'POST', 'x', 'y'];
const RPS = 10;

type Labels = Record<string, string>;
interface Rule {
  alert: string;
  labels: Labels;
  annotations: Labels;
}

function loadResolved(): ResolvedSlo[] {
  const r = spawnSync('jsonnet', ['-J', alertsDir, '-e', '(import "mixin.libsonnet").sloSpecsResolved'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`jsonnet: ${r.stderr}`);
  return JSON.parse(r.stdout) as ResolvedSlo[];
}

function loadRules(): Rule[] {
  const doc = yaml.load(fs.readFileSync(path.join(alertsDir, 'prometheus_alerts.yaml'), 'utf8')) as { groups: { rules: Rule[] }[] };
  return doc.groups.flatMap((g) => g.rules);
}

const matcherParts = (sel: string) =>
  (splitMatchers(sel) ?? []).map((m) => {
    const [, name, op, raw] = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(".*")$/.exec(m)!;
    return { name, op, value: JSON.parse(raw) as string };
  });

const test = (op: string, want: string, v: string): boolean =>
  op === '=' ? v === want : op === '!=' ? v !== want : new RegExp(`^(?:${want})$`).test(v) === (op === '=~');

/** Labels that satisfy every matcher of `yes` and, when given, fail `no` (e.g. a good request). */
function labelsFor(yes: string, no?: string): Labels {
  const must = matcherParts(yes);
  const mustNot = no ? matcherParts(no) : [];
  const names = [...new Set([...must, ...mustNot].map((m) => m.name))];
  const out: Labels = {};
  for (const n of names) {
    const own = must.filter((m) => m.name === n);
    const pool = [...own.filter((m) => m.op === '=').map((m) => m.value), ...CANDIDATES];
    const ok = pool.filter((v) => own.every((m) => test(m.op, m.value, v)));
    const avoid = mustNot.filter((m) => m.name === n);
    const pick = avoid.length ? ok.find((v) => !avoid.every((m) => test(m.op, m.value, v))) : ok[0];
    if (pick === undefined) throw new Error(`no value of label ${n} satisfies ${yes}${no ? ` and not ${no}` : ''}`);
    if (pick !== '') out[n] = pick;
  }
  return out;
}

/** Steady series for `slo` in `namespace` with the given request rate and bad share; `dropThreshold` omits the le bucket. */
function seriesFor(slo: ResolvedSlo, namespace: string, rps: number, bad: number, dropThreshold = false): Series[] {
  const where = { cluster: CLUSTER, namespace, service: slo.service };
  if (slo.sli.kind === 'availability') {
    const good = labelsFor(slo.sli.selector, slo.sli.errorSelector);
    const failed = labelsFor([slo.sli.selector, slo.sli.errorSelector].filter((p) => p).join(', '));
    return [
      { labels: { __name__: slo.sli.counter, ...where, ...good }, perSecond: rps * (1 - bad) },
      { labels: { __name__: slo.sli.counter, ...where, ...failed }, perSecond: rps * bad },
    ];
  }
  // Fast requests in the lowest bucket, slow ones just above the threshold (below the next boundary).
  const own = labelsFor(slo.sli.selector);
  const bounds = slo.buckets!;
  const { thresholdSeconds: thr, histogram } = slo.sli;
  return [...bounds, '+Inf']
    .filter((le) => !(dropThreshold && le === slo.le))
    .map((le) => ({
      labels: { __name__: histogram + '_bucket', ...where, ...own, le },
      perSecond: le === '+Inf' || Number(le) > thr ? rps : rps * (1 - bad),
    }));
}

const num = (x: number): string => String(Number(x.toPrecision(12)));
const seriesText = (l: Labels): string => {
  const { __name__: name, ...rest } = l;
  return `${name}{${Object.entries(rest).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
};

/** promtool input values: a counter rising steadily from 0 for `steps` intervals (reset to 0 at `resetAt`). */
function values(perStep: number, steps: number, resetAt?: number): string {
  const inc = num(perStep);
  if (resetAt === undefined) return `0+${inc}x${steps}`;
  return `0+${inc}x${resetAt} 0+${inc}x${steps - resetAt - 1}`;
}

function render(tpl: string, labels: Labels, value: number): string {
  const out = tpl
    .replace(/\{\{ \$labels\.([a-zA-Z_][a-zA-Z0-9_]*) \}\}/g, (_, k: string) => labels[k] ?? '')
    .replace(/\{\{ printf "%\.1f" \$value \}\}/g, value.toFixed(1))
    .replace(/\{\{ \$value \| humanizePercentage \}\}/g, () => {
      if (value !== 1) throw new Error(`humanizePercentage of ${value} is not modelled`);
      return '100%';
    });
  if (out.includes('{{')) throw new Error(`unrendered template in ${out}`);
  return out;
}

/** One scenario: its own namespace, series and optional counter reset. */
interface Scenario {
  namespace: string;
  series: Series[];
  resetAt?: number;
  /** The latency SLO whose threshold bucket the series lack. */
  missingFor?: string;
}

/** The alerts of `alertname` every SLO must have firing at `at` seconds into the scenario. */
function expected(alertname: string, slos: ResolvedSlo[], rules: Rule[], sc: Scenario, at: number) {
  const out: { exp_labels: Labels; exp_annotations: Labels }[] = [];
  // Only the SLOs whose service the scenario's series carry can see them.
  for (const slo of slos) {
    const series = sc.series.filter((x) => x.labels.service === slo.service);
    const { rps, bad } = sliOf(slo, series);
    const where = { cluster: CLUSTER, namespace: sc.namespace, service: slo.service };
    const burn = bad / (1 - slo.objective);
    const push = (rule: Rule, value: number) => {
      const labels = { ...rule.labels, ...where };
      const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, render(v, labels, value)]));
      out.push({ exp_labels: labels, exp_annotations: annotations });
    };
    const ruleOf = (pred: (r: Rule) => boolean) => {
      const r = rules.find((x) => x.alert === alertname && x.labels.slo === slo.name && pred(x));
      if (!r) throw new Error(`no ${alertname} rule for SLO ${slo.name}`);
      return r;
    };
    if (alertname === 'HeadroomSLOBurn') {
      for (const t of slo.tiers) {
        const fires = tierFires(slo, t, rps, bad, at);
        if (fires === null) throw new Error(`SLO ${slo.name} tier ${t.name} in ${sc.namespace}: too close to its line at ${at}s to assert (burn ${burn})`);
        if (fires) push(ruleOf((r) => r.labels.slo_tier === t.name), burn);
      }
    } else if (alertname === 'HeadroomSLOOutage') {
      const fires = outageFires(slo, rps, bad, at);
      if (fires === null) throw new Error(`SLO ${slo.name} outage in ${sc.namespace}: too close to its line at ${at}s`);
      if (fires) push(ruleOf(() => true), bad);
    } else if (sc.missingFor === slo.name && rps > 0) {
      push(ruleOf(() => true), 0);
    }
  }
  return out;
}

interface Group {
  name: string;
  interval: string;
  steps: number;
  at: number;
  scenarios: Scenario[];
  alerts: string[];
  /** SLOs whose recorded 5m ratio and rate must read 0 in the given namespace. */
  zeros?: { slo: ResolvedSlo; namespace: string }[];
  /** SLOs whose budget remaining and time to exhaustion are checked (steady bad share, no reset). */
  budgets?: { slo: ResolvedSlo; namespace: string; bad: number }[];
}

/** PromQL's round(v, 0.001) / round(v): floor(v / to + 0.5) * to. */
const roundTo = (v: number, to: number): number => Math.floor(v / to + 0.5) / (1 / to);

/**
 * Budget remaining over the period and seconds to exhaustion at the current burn, for a bad share
 * that is the same in every window: 1 - bad / budget, and max(remaining, 0) x period / burn.
 */
function budgetCases(slo: ResolvedSlo, namespace: string, bad: number, evalTime: string) {
  const period = seconds(slo.period);
  // round() drops the name; the budget keeps the period label of the ratio it comes from.
  const labels = `{cluster="${CLUSTER}", namespace="${namespace}", service=${JSON.stringify(slo.service)}, slo="${slo.name}"}`;
  const withPeriod = `{cluster="${CLUSTER}", namespace="${namespace}", service=${JSON.stringify(slo.service)}, slo="${slo.name}", slo_period="${slo.period}"}`;
  const sel = `{slo="${slo.name}", namespace="${namespace}"}`;
  const burn = bad / (1 - slo.objective);
  const remaining = 1 - burn;
  return [
    {
      expr: `round(namespace_service_slo:slo_error_budget_remaining:ratio${sel}, 0.001)`,
      eval_time: evalTime,
      exp_samples: [{ labels: withPeriod, value: roundTo(remaining, 0.001) }],
    },
    {
      expr: `round(namespace_service_slo:slo_budget_exhaustion:seconds${sel})`,
      eval_time: evalTime,
      exp_samples: [{ labels, value: roundTo((Math.max(remaining, 0) * period) / burn, 1) }],
    },
  ];
}

function testGroup(g: Group, slos: ResolvedSlo[], rules: Rule[]) {
  const step = seconds(g.interval);
  const evalTime = `${g.at / 60}m`;
  const group: Record<string, unknown> = {
    name: g.name,
    interval: g.interval,
    input_series: g.scenarios.flatMap((sc) => sc.series.map((x) => ({ series: seriesText(x.labels), values: values(x.perSecond * step, g.steps, sc.resetAt) }))),
    alert_rule_test: g.alerts.map((a) => ({
      eval_time: evalTime,
      alertname: a,
      exp_alerts: g.scenarios.flatMap((sc) => expected(a, slos, rules, sc, g.at)),
    })),
  };
  const budgetTests = (g.budgets ?? []).flatMap(({ slo, namespace, bad }) => budgetCases(slo, namespace, bad, evalTime));
  if (budgetTests.length) group.promql_expr_test = budgetTests;
  if (g.zeros?.length) {
    group.promql_expr_test = budgetTests.concat(g.zeros.flatMap(({ slo, namespace }) =>
      ['namespace_service_slo:sli_bad:ratio_rate5m', 'namespace_service_slo:sli_requests:rate5m'].map((m) => ({
        expr: `${m}{slo="${slo.name}", namespace="${namespace}"}`,
        eval_time: evalTime,
        exp_samples: [{ labels: `${m}{cluster="${CLUSTER}", namespace="${namespace}", service=${JSON.stringify(slo.service)}, slo="${slo.name}"}`, value: 0 }],
      })),
    ));
  }
  return group;
}

/** Seconds until every tier of the SLO has fired at twice its highest factor, plus a margin, on half hours (whole 3m steps). */
function burnHorizon(slo: ResolvedSlo): number {
  const burn = 2 * Math.max(...slo.tiers.map((t) => t.factor));
  const t0 = Math.max(...slo.tiers.map((t) => Math.max(t.history ? (seconds(t.longWindow) * t.factor) / burn : 0, (seconds(t.longWindow) * t.minRequestRate) / RPS) + seconds(t.for)));
  return Math.ceil((t0 + 20 * 60) / 1800) * 1800;
}

/**
 * The test file. Every scenario has its own namespace, so one evaluation run holds many (promtool
 * evaluates every rule at every step): one group where SLOs burn, one where they must stay
 * silent, one for total outages (1m samples). promtool compares every alert of a name at once, so
 * each group expects the union over its scenarios.
 */
export function generate(slos: ResolvedSlo[], rules: Rule[]): string {
  const ALL = ['HeadroomSLOBurn', 'HeadroomSLOOutage', 'HeadroomSLOSpecBucketMissing'];
  // One horizon for all: the series of one SLO may feed another with slower tiers.
  const at = Math.max(...slos.map(burnHorizon));
  const steps = at / 180 + 2;
  const half = Math.floor(steps / 2);
  const burning: Scenario[] = [];
  const quiet: Scenario[] = [];
  const outages: Scenario[] = [];
  const zeros: { slo: ResolvedSlo; namespace: string }[] = [];
  const budgetsBurning: { slo: ResolvedSlo; namespace: string; bad: number }[] = [];
  const budgetsQuiet: { slo: ResolvedSlo; namespace: string; bad: number }[] = [];
  for (const slo of slos) {
    const budget = 1 - slo.objective;
    const top = Math.max(...slo.tiers.map((t) => t.factor));
    const low = Math.min(...slo.tiers.map((t) => t.factor));
    const ns = (what: string) => `${slo.name}-${what}`;
    burning.push(
      { namespace: ns('burn'), series: seriesFor(slo, ns('burn'), RPS, 2 * top * budget) },
      { namespace: ns('burn-reset'), series: seriesFor(slo, ns('burn-reset'), RPS, 2 * top * budget), resetAt: half },
    );
    if (slo.sli.kind === 'latency') {
      burning.push({ namespace: ns('no-bucket'), series: seriesFor(slo, ns('no-bucket'), RPS, 0, true), missingFor: slo.name });
    }
    quiet.push(
      { namespace: ns('below'), series: seriesFor(slo, ns('below'), RPS, 0.8 * low * budget) },
      { namespace: ns('below-reset'), series: seriesFor(slo, ns('below-reset'), RPS, 0.8 * low * budget), resetAt: half },
      { namespace: ns('zero'), series: seriesFor(slo, ns('zero'), 0, 0) },
    );
    zeros.push({ slo, namespace: ns('zero') });
    budgetsBurning.push({ slo, namespace: ns('burn'), bad: 2 * top * budget });
    budgetsQuiet.push({ slo, namespace: ns('below'), bad: 0.8 * low * budget });
    if (slo.outage) outages.push({ namespace: ns('outage'), series: seriesFor(slo, ns('outage'), 1, 1) });
  }
  const groups = [
    testGroup({ name: 'every SLO burning at 2x its highest tier line (also with every counter reset halfway): every tier fires; a missing threshold bucket is a ticket', interval: '3m', steps, at, scenarios: burning, alerts: ALL, budgets: budgetsBurning }, slos, rules),
    testGroup({ name: 'every SLO below its lowest tier line (also with a counter reset), and at zero traffic: silent, ratios recorded as 0', interval: '3m', steps, at, scenarios: quiet, alerts: ALL, zeros, budgets: budgetsQuiet }, slos, rules),
  ];
  if (outages.length) {
    groups.push(testGroup({ name: 'a total outage at 1 req/s pages within 21 minutes (the burn tiers that can judge it too)', interval: '1m', steps: 25, at: 21 * 60, scenarios: outages, alerts: ['HeadroomSLOOutage', 'HeadroomSLOBurn'] }, slos, rules));
  }
  const header = [
    '# Generated by alerts/slo/testgen.ts from alerts/slos.yaml (through alerts/slos.json and the',
    '# rendered rules): promtool cases for every SLO spec. Do not edit; run',
    '#   node_modules/.bin/tsx alerts/slo/testgen.ts',
    '',
  ].join('\n');
  const doc = { rule_files: ['../prometheus_rules.yaml', '../prometheus_alerts.yaml'], evaluation_interval: '3m', tests: groups };
  return header + yaml.dump(doc, { lineWidth: -1, noRefs: true, quotingType: '"' });
}

/**
 * Routing cases (alerts/tests/routes/slo-specs.yaml, read by alerts/lint/routes.mjs) for every
 * alerting rule of the SLO specs: critical pages the owning team, warning is its ticket, info goes
 * to `info`; a team without receivers falls back to page-default / ticket-default.
 */
export function routeCases(slos: ResolvedSlo[], rules: Rule[], receivers: string[]): string {
  const names = new Set(slos.map((s) => s.name));
  const own = (kind: string, team: string) => (receivers.includes(`${kind}-${team}`) ? `${kind}-${team}` : `${kind}-default`);
  const cases = rules
    .filter((r) => names.has(r.labels.slo) && r.alert.startsWith('HeadroomSLO'))
    .map((r) => {
      const slo = slos.find((s) => s.name === r.labels.slo)!;
      const sev = r.labels.severity;
      const receiver = sev === 'critical' ? own('page', r.labels.team) : sev === 'warning' ? own('ticket', r.labels.team) : 'info';
      const what = [r.alert, r.labels.slo, r.labels.slo_tier].filter((x) => x).join(' ');
      return { name: `${what} (${sev}) goes to ${receiver}`, labels: { alertname: r.alert, ...r.labels, cluster: 'demo', namespace: 'demo', service: slo.service }, receivers: [receiver] };
    });
  const header = ['# Generated by alerts/slo/testgen.ts: routing cases for the alerts of the SLO specs. Do not edit.', ''].join('\n');
  return header + yaml.dump(cases, { lineWidth: -1, noRefs: true, quotingType: '"', flowLevel: 2 });
}

function loadReceivers(): string[] {
  const doc = yaml.load(fs.readFileSync(path.join(alertsDir, 'alertmanager.yml'), 'utf8')) as { receivers: { name: string }[] };
  return doc.receivers.map((r) => r.name);
}

if (require.main === module) {
  // OUTDIR (default alerts/tests): slo-specs.yaml and routes/slo-specs.yaml under it.
  const outDir = process.argv[2] ?? path.join(alertsDir, 'tests');
  const slos = loadResolved();
  const rules = loadRules();
  fs.mkdirSync(path.join(outDir, 'routes'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'slo-specs.yaml'), generate(slos, rules));
  fs.writeFileSync(path.join(outDir, 'routes', 'slo-specs.yaml'), routeCases(slos, rules, loadReceivers()));
}

// Runs `promtool test rules` on a generated rule-test file that states, for every case and q,
// the histogram_quantile value we computed. promtool compares exactly (reflect.DeepEqual), so a
// pass means every value is identical; on a failure its "got" list is parsed to name the cases.
import { spawn, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GeneratedCase, numberText } from './generate';

export const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';

export function promtoolAvailable(): boolean {
  return existsSync(PROMTOOL);
}

/** Expected values: expected.get(caseId)[qIndex]. */
export type Expected = Map<number, number[]>;

/** A float in YAML that Go's yaml.v2 reads back to the same float64. */
function yamlFloat(v: number): string {
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  return String(v);
}

/** PromQL literal for q (PromQL reads NaN, and -0.5 as the negation of 0.5). */
function promqlNumber(q: number): string {
  return Number.isNaN(q) ? 'NaN' : String(q);
}

/**
 * The rule-test file: one sample per series at t=0; per q one expression,
 * `(hq == hq) or label_replace((hq != bool hq) == 1, "nan", "yes", "", "")`: non-NaN results
 * with their exact values, and NaN results as value 1 with an extra label nan="yes".
 */
export function ruleTestYaml(cases: GeneratedCase[], qs: number[], expected: Expected, metric = 'h'): string {
  const out: string[] = ['rule_files: []', 'evaluation_interval: 1m', 'tests:', '  - interval: 1m', '    input_series:'];
  for (const c of cases) {
    for (const b of c.buckets) {
      const value = numberText(b.value).replace('+Inf', 'Inf');
      out.push(`      - series: '${metric}_bucket{case="${c.id}",le="${b.le}"}'`, `        values: '${value}'`);
    }
  }
  out.push('    promql_expr_test:');
  qs.forEach((q, qi) => {
    const hq = `histogram_quantile(${promqlNumber(q)}, ${metric}_bucket)`;
    const samples: string[] = [];
    for (const c of cases) {
      const v = expected.get(c.id)?.[qi];
      if (v === undefined) continue; // no usable bucket: Prometheus returns no sample either
      if (Number.isNaN(v)) samples.push(`          - labels: '{case="${c.id}",nan="yes"}'`, '            value: 1');
      else samples.push(`          - labels: '{case="${c.id}"}'`, `            value: ${yamlFloat(v)}`);
    }
    out.push(
      `      - expr: '(${hq} == ${hq}) or label_replace((${hq} != bool ${hq}) == 1, "nan", "yes", "", "")'`,
      '        eval_time: 0',
      samples.length ? '        exp_samples:' : '        exp_samples: []',
      ...samples,
    );
  });
  return out.join('\n') + '\n';
}

export interface Mismatch {
  expr: string;
  caseLabels: string;
  expected?: string;
  got?: string;
}

/** Parse promtool's `{labels} value, {labels} value` lists into label text → value text. */
function parseSampleList(text: string): Map<string, string> {
  const m = new Map<string, string>();
  const re = /(\{[^}]*\}) (\S+?)(?:, |$)/g;
  let x: RegExpExecArray | null;
  while ((x = re.exec(text.trim())) !== null) m.set(x[1], x[2]);
  return m;
}

/** Cases whose expected and got values differ, from promtool's failure report. */
export function parseFailures(output: string): Mismatch[] {
  const out: Mismatch[] = [];
  const re = /expr: "((?:[^"\\]|\\.)*)", time: [^\n]*\n\s*exp: ([^\n]*)\n\s*got: ([^\n]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(output)) !== null) {
    const exp = m[2].trim() === 'nil' ? new Map<string, string>() : parseSampleList(m[2]);
    const got = m[3].trim() === 'nil' ? new Map<string, string>() : parseSampleList(m[3]);
    for (const key of new Set([...exp.keys(), ...got.keys()])) {
      if (exp.get(key) === undefined || got.get(key) === undefined || Number(exp.get(key)) !== Number(got.get(key))) {
        out.push({ expr: m[1], caseLabels: key, expected: exp.get(key), got: got.get(key) });
      }
    }
  }
  return out;
}

export interface PromtoolRun {
  status: number | null;
  output: string;
  mismatches: Mismatch[];
  ms: number;
}

/** Write the file, run promtool on it, and collect mismatches (empty when promtool passes). */
export function runPromtool(yaml: string): PromtoolRun {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-promtool-'));
  const file = join(dir, 'histogram_quantile_test.yml');
  writeFileSync(file, yaml);
  const t0 = Date.now();
  const res = spawnSync(PROMTOOL, ['test', 'rules', file], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  const ms = Date.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? String(res.error) : ''}`;
  return { status: res.status, output, mismatches: res.status === 0 ? [] : parseFailures(output), ms };
}

/** runPromtool without blocking: several files can run at once (one promtool process each). */
export function runPromtoolAsync(yaml: string): Promise<PromtoolRun> {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-promtool-'));
  const file = join(dir, 'rules_test.yml');
  writeFileSync(file, yaml);
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(PROMTOOL, ['test', 'rules', file]);
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (output += b.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    const done = (status: number | null, extra = '') => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      output += extra;
      resolve({ status, output, mismatches: status === 0 ? [] : parseFailures(output), ms: Date.now() - t0 });
    };
    child.on('error', (e) => done(null, String(e)));
    child.on('close', (code) => done(code));
  });
}

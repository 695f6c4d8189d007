// The recording rules over the history imported into VictoriaMetrics (stack/engines/victoriametrics.ts),
// computed once at the stack's start by vmalert's replay mode and written into VictoriaMetrics, so
// that the alert expressions (and a dashboard on this engine) read hours of recorded series, not
// the minutes since vmalert started.
//
// vmalert replays group after group, rule after rule, and waits -replay.rulesDelay (default 1 s)
// after each rule so that the next can read what it wrote: ~195 s for a day of the pack. Here the
// rules go in dependency stages instead (rulehistory.ts' planRules: a rule comes after every rule
// it reads), one vmalert run per stage with no delay, and VictoriaMetrics' /internal/force_flush
// after each, which makes the samples just written searchable before the next stage reads them.
//
//   await replayRecordingRules({ vmalert, vmUrl, ruleFiles, stateDir, window: { from, to } });
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { StackError, statePaths } from '../config';
import { assertMayStart, lastError, removeRecord, writeRecord } from '../procs';
import { planRules, readRecordingRules, RecordingRule } from '../rulehistory';

/** Evaluation step of the replay: one sample a minute (the live vmalert writes one each 15 s). */
export const REPLAY_STEP = 60;
/** Points per query_range of the replay (VictoriaMetrics allows 30,000): 50 h of minutes is one query. */
const MAX_POINTS = 10000;

export interface ReplayWindow {
  /** First and last evaluation time (unix s, multiples of REPLAY_STEP), from <= to. */
  from: number;
  to: number;
}

/**
 * The minutes to replay: from the first full minute of the imported history (or after the last
 * replayed one) to the last full minute at least a minute before `now` (VictoriaMetrics hides the
 * last 30 s from queries; the live vmalert takes over from there). Null when nothing is new.
 */
export function replayWindow(historyFrom: number, replayedUntil: number | null, now: number): ReplayWindow | null {
  const after = replayedUntil === null ? historyFrom - 1 : Math.max(historyFrom - 1, replayedUntil);
  const from = Math.floor(after / REPLAY_STEP) * REPLAY_STEP + REPLAY_STEP;
  const to = Math.floor((now - REPLAY_STEP) / REPLAY_STEP) * REPLAY_STEP;
  return to >= from ? { from, to } : null;
}

/** The recording rules of the rule files by stage: stage n reads only rules of stages below n. */
export function replayStages(rules: RecordingRule[]): RecordingRule[][] {
  const planned = planRules(rules, () => true, 1);
  const stages: RecordingRule[][] = [];
  for (const r of planned) (stages[r.stage] ??= []).push({ record: r.record, expr: r.expr, ...(r.labels ? { labels: r.labels } : {}) });
  return stages.filter((s) => s !== undefined);
}

/** One stage as a rule file of one group (vmalert replays a group's rules one after the other). */
export function stageYaml(stage: number, rules: RecordingRule[]): string {
  return yaml.dump({ groups: [{ name: `headroom-replay-stage-${stage}`, rules }] }, { lineWidth: -1 });
}

const rfc3339 = (t: number) => new Date(t * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

/** vmalert's arguments for replaying one stage's file over the window, with the live instance's labels. */
export function replayArgs(o: { ruleFile: string; vmUrl: string; window: ReplayWindow; labels: Record<string, string> }): string[] {
  return [
    `-rule=${o.ruleFile}`,
    `-datasource.url=${o.vmUrl}`,
    `-remoteWrite.url=${o.vmUrl}`,
    `-replay.timeFrom=${rfc3339(o.window.from)}`,
    `-replay.timeTo=${rfc3339(o.window.to)}`,
    '-replay.disableProgressBar',
    // No wait between rules: a stage's rules do not read each other.
    '-replay.rulesDelay=0s',
    `-replay.maxDatapointsPerQuery=${MAX_POINTS}`,
    `-evaluationInterval=${REPLAY_STEP}s`,
    // The step of the range queries (vmalert's default is 5m: a sample every 5 minutes).
    `-datasource.queryStep=${REPLAY_STEP}s`,
    // The live vmalert's labels: the replay continues the same series (another label set would give
    // the 30-day sums two series per service).
    ...Object.entries(o.labels).map(([k, v]) => `-external.label=${k}=${v}`),
    '-httpListenAddr=127.0.0.1:0',
  ];
}

/** Runs one replay; its pid is recorded meanwhile, so that a stop or an aborted start ends it too. */
function runReplay(vmalert: string, args: string[], stateDir: string, marker: string, log: string): Promise<void> {
  return new Promise((resolve, reject) => {
    assertMayStart('the vmalert replay');
    const fd = fs.openSync(log, 'a');
    const child = spawn(vmalert, args, { stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    const name = `vmalert-replay-${child.pid}`;
    if (child.pid !== undefined) writeRecord(stateDir, { name, pid: child.pid, marker, startedAt: new Date().toISOString() });
    child.on('error', (e) => reject(new StackError(`could not run vmalert for the replay: ${e.message}`)));
    child.on('close', (code) => {
      removeRecord(stateDir, name);
      if (code === 0) resolve();
      else reject(new StackError(`vmalert's replay of the recording rules failed (code ${code}): ${lastError(log)} (log: ${log})`));
    });
  });
}

async function forceFlush(vmUrl: string): Promise<void> {
  const res = await fetch(`${vmUrl}/internal/force_flush`);
  if (!res.ok) throw new StackError(`VictoriaMetrics refused /internal/force_flush (HTTP ${res.status}).`);
}

export interface ReplayOptions {
  vmalert: string;
  vmUrl: string;
  ruleFiles: string[];
  stateDir: string;
  window: ReplayWindow;
  labels: Record<string, string>;
}

export interface ReplayStats {
  rules: number;
  stages: number;
  ms: number;
}

/** Replays every recording rule of the rule files over the window into VictoriaMetrics, stage by stage. */
export async function replayRecordingRules(o: ReplayOptions): Promise<ReplayStats> {
  const t0 = Date.now();
  const stages = replayStages(readRecordingRules(o.ruleFiles));
  const dir = path.join(statePaths(o.stateDir).work, 'vmalert-replay');
  const log = path.join(statePaths(o.stateDir).logs, 'vmalert-replay.log');
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.dirname(log), { recursive: true });
  fs.writeFileSync(log, '');
  try {
    await forceFlush(o.vmUrl); // the imported history, searchable for the first stage
    for (const [i, rules] of stages.entries()) {
      const ruleFile = path.join(dir, `stage-${i}.yaml`);
      fs.writeFileSync(ruleFile, stageYaml(i, rules));
      await runReplay(o.vmalert, replayArgs({ ruleFile, vmUrl: o.vmUrl, window: o.window, labels: o.labels }), o.stateDir, ruleFile, log);
      // What this stage wrote becomes searchable for the next one (and for the queries after the last).
      await forceFlush(o.vmUrl);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rules: stages.reduce((n, s) => n + s.length, 0), stages: stages.length, ms: Date.now() - t0 };
}

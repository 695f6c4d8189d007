/** @jest-environment node */
import * as path from 'node:path';
import yaml from 'js-yaml';
import { REPO_ROOT } from '../config';
import { readRecordingRules, RecordingRule } from '../rulehistory';
import { REPLAY_STEP, replayArgs, replayStages, replayWindow, stageYaml } from './vmReplay';

const rule = (record: string, expr: string): RecordingRule => ({ record, expr });

describe('the replay of the recording rules into VictoriaMetrics', () => {
  it('replays whole minutes from the history start, then only after the last replayed minute, up to a minute before now', () => {
    const M = 1_749_999_960; // a whole minute
    const now = M + 60;
    // From the first whole minute of the history to the last whole minute at least 60 s before now.
    expect(replayWindow(M - 3600 + 1, null, now)).toEqual({ from: M - 3540, to: M });
    expect(replayWindow(M - 3600, null, now)).toEqual({ from: M - 3600, to: M }); // a whole minute is kept
    expect(replayWindow(M - 3600, null, M + 59)).toEqual({ from: M - 3600, to: M - 60 });
    // After the last replayed minute.
    expect(replayWindow(M - 3600, M - 600, now)).toEqual({ from: M - 540, to: M });
    // A marker from before the history (the storage kept less): from the history's start.
    expect(replayWindow(M - 600, M - 86400, now)).toEqual({ from: M - 600, to: M });
    // Nothing new: the last replay reached the last whole minute before now.
    expect(replayWindow(M - 3600, M, now)).toBeNull();
    const w = replayWindow(now - 7200, null, now)!;
    expect(w.from % REPLAY_STEP).toBe(0);
    expect(w.to % REPLAY_STEP).toBe(0);
  });

  it('puts every rule after the rules it reads, rules of one record name together', () => {
    const stages = replayStages([
      rule('b:x:sum', 'sum(a:x:rate5m)'),
      rule('a:x:rate5m', 'rate(x_total[5m])'),
      rule('a:x:rate5m', 'rate(y_total[5m])'),
      rule('c:x:ratio', 'b:x:sum / on() group_left a:x:rate5m'),
      rule('d:y:max', 'max(y)'),
    ]);
    expect(stages.map((s) => s.map((r) => r.record))).toEqual([['a:x:rate5m', 'a:x:rate5m', 'd:y:max'], ['b:x:sum'], ['c:x:ratio']]);
  });

  it("orders the pack's recording rules in four stages, each reading only rules of earlier stages", () => {
    const all = readRecordingRules([path.join(REPO_ROOT, 'alerts', 'prometheus_rules.yaml')]);
    const stages = replayStages(all);
    expect(stages.length).toBe(4);
    expect(stages.flat().length).toBe(all.length);
    const stageOf = new Map(stages.flatMap((s, i) => s.map((r) => [r.record, i] as const)));
    for (const [i, s] of stages.entries()) {
      for (const r of s) {
        const reads = [...stageOf.keys()].filter((n) => n !== r.record && new RegExp(`(^|[^a-zA-Z0-9_:])${n}($|[^a-zA-Z0-9_:])`).test(r.expr));
        expect({ record: r.record, later: reads.filter((n) => stageOf.get(n)! >= i) }).toEqual({ record: r.record, later: [] });
      }
    }
  });

  it('writes a stage as one group with the rules as they are, labels included', () => {
    const doc = yaml.load(stageYaml(2, [{ record: 'a:b:c', expr: 'sum(x)\nor\nvector(0)', labels: { kind: 'k' } }])) as unknown;
    expect(doc).toEqual({ groups: [{ name: 'headroom-replay-stage-2', rules: [{ record: 'a:b:c', expr: 'sum(x)\nor\nvector(0)', labels: { kind: 'k' } }] }] });
  });

  it("runs vmalert's replay over the window without a delay between rules, on a one-minute grid, with the live labels", () => {
    const args = replayArgs({ ruleFile: '/s/stage-0.yaml', vmUrl: 'http://127.0.0.1:1', window: { from: 1_750_000_020, to: 1_750_003_620 }, labels: { engine: 'victoriametrics' } });
    expect(args).toEqual(
      expect.arrayContaining([
        '-rule=/s/stage-0.yaml',
        '-datasource.url=http://127.0.0.1:1',
        '-remoteWrite.url=http://127.0.0.1:1',
        '-replay.timeFrom=2025-06-15T15:07:00Z',
        '-replay.timeTo=2025-06-15T16:07:00Z',
        '-replay.rulesDelay=0s',
        '-datasource.queryStep=60s',
        '-evaluationInterval=60s',
        '-external.label=engine=victoriametrics',
      ]),
    );
  });
});

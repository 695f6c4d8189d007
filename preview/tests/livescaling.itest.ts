// The scaling timeline panel on the live part of the demo stack (stack/live: real replicas of the
// service scaled by the local autoscaler on their CPU from /proc, namespace "live"): a scale-up
// from 5 to at least 8 (the one stack/live/stack.itest.ts made in the last 20 min, else a load
// step of its own) is drawn with its reason computed from the real CPU, and that event, its
// target count and its reason are what core/scaling's analyzeWorkload derives from the same raw
// series queried from Prometheus (same range, same 15 s step as the host's data source).
import { analyzeWorkload } from '../../core/scaling/analyze';
import { loadConfig } from '../../stack/config';
import { readRecords } from '../../stack/procs';
import { LIVE_SERVICE } from '../../stack/live/autoscaler';
import { awaitRest, loadStep, stackLiveConfig } from '../../stack/live/loadStep';
import { PreviewHarness, PreviewPage, startPreview } from './harness';
import { queryRange } from './panelHelpers';

const TYPE = 'headroom-scalingtimeline-panel';
const SEL = 'namespace="live", horizontalpodautoscaler="web"';
const POD = 'namespace="live"';
const TARGETS = [
  { refId: 'A', expr: `kube_horizontalpodautoscaler_status_current_replicas{${SEL}}` },
  { refId: 'B', expr: `kube_horizontalpodautoscaler_status_desired_replicas{${SEL}}` },
  { refId: 'C', expr: `kube_horizontalpodautoscaler_spec_min_replicas{${SEL}}` },
  { refId: 'D', expr: `kube_horizontalpodautoscaler_spec_max_replicas{${SEL}}` },
  // The utilisation as the Scaling dashboard's panel reads it: the recording rule whose name says
  // it is a ratio of the pods' requests (`_ratio_requests`), so 1.87 reads as 187 %. (A raw
  // expression under a legend of its own leaves the panel to infer the scale from the values, and
  // pods bursting over their 0.05 core past 150 % are taken for percent.)
  { refId: 'E', legendFormat: 'cpu', expr: `namespace_service:container_cpu_usage_ratio_requests:avg{${POD}, service="web"}` },
  { refId: 'F', expr: `kube_horizontalpodautoscaler_spec_target_metric{${SEL}, metric_name="cpu", metric_target_type="utilization"}` },
];
const OPTIONS = { flapWindowSeconds: 1800, workloadLabel: 'horizontalpodautoscaler', queryRoles: 'A=current, B=desired, C=min, D=max, E=utilisation, F=target' };
const AXIS_LEFT = 36;
const AXIS_RIGHT = 40;
const STEP_S = 15;

let preview: PreviewHarness;
/** The live scale-up (unix ms of the first 15 s sample at the new count). */
let rise: number;

/** The latest 5 -> >= 8 rise of the live HPA in the last `minutes` minutes and since the running autoscaler started (its config), at a 15 s step (unix ms), or 0. */
async function latestRise(prometheusUrl: string, minutes: number): Promise<number> {
  const end = Math.floor(Date.now() / 1000 / STEP_S) * STEP_S;
  const started = readRecords(loadConfig().stateDir).find((r) => r.name === LIVE_SERVICE);
  const begin = Math.max(end - minutes * 60, Math.ceil(Date.parse(started?.startedAt ?? new Date().toISOString()) / 1000 / STEP_S) * STEP_S);
  if (begin >= end) return 0;
  const [s] = await queryRange(prometheusUrl, TARGETS[0].expr, begin, end, STEP_S);
  let found = 0;
  for (let i = 1; s && i < s.values.length; i++) if (Number(s.values[i][1]) >= 8 && Number(s.values[i - 1][1]) === 5) found = s.values[i][0] * 1000;
  return found;
}

beforeAll(async () => {
  preview = await startPreview();
  rise = await latestRise(preview.prometheusUrl, 20);
  if (rise === 0) {
    const cfg = stackLiveConfig();
    const step = await loadStep(cfg.hpa.upAfter + 3 * cfg.loopSeconds + 20, await awaitRest(cfg));
    if (!step.event || step.event.to < 8) throw new Error(`the load step did not scale the live part to 8: ${JSON.stringify(step.event)}`);
    const deadline = Date.now() + 45_000;
    while (rise === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 3000));
      rise = await latestRise(preview.prometheusUrl, 5);
    }
  }
  if (rise === 0) throw new Error('no scale-up of the live HPA from 5 to 8 or more in Prometheus');
}, 240_000);

afterAll(async () => {
  await preview?.close();
});

/** The mean of the per-pod series at each time (as the panel averages the series of one name). */
function meanByTime(series: { values: [number, string][] }[]): { t: number[]; v: number[] } {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const s of series)
    for (const [t, v] of s.values) {
      const e = sums.get(t) ?? { sum: 0, n: 0 };
      e.sum += Number(v);
      e.n += 1;
      sums.set(t, e);
    }
  const times = [...sums.keys()].sort((a, b) => a - b);
  return { t: times.map((t) => t * 1000), v: times.map((t) => sums.get(t)!.sum / sums.get(t)!.n) };
}

async function tooltipNear(view: PreviewPage, t: number, from: number, to: number, re: RegExp): Promise<string> {
  const box = await view.panelLocator().locator('[data-testid="headroom-scaling-row"] canvas').first().boundingBox();
  if (!box) throw new Error('no row canvas');
  const plotWidth = box.width - AXIS_LEFT - AXIS_RIGHT;
  let last = '';
  for (const dx of [0, -2, 2, -4, 4, -6, 6, -8, 8]) {
    await view.page.mouse.move(box.x + AXIS_LEFT + ((t - from) / (to - from)) * plotWidth + dx, box.y + box.height * 0.35);
    await view.animationFrames(2);
    last = await view.tooltipText();
    if (re.test(last)) return last;
  }
  throw new Error(`no tooltip matching ${re} near ${new Date(t).toISOString()}; last: ${JSON.stringify(last)}`);
}

test('the live scale-up 5 -> >= 8 with its reason from the real CPU, as core/scaling derives it from the raw series', async () => {
  const from = rise - 6 * 60_000;
  const to = Math.min(Date.now(), rise + 3 * 60_000);
  const start = Math.floor(from / 1000 / STEP_S) * STEP_S;
  const end = Math.floor(to / 1000 / STEP_S) * STEP_S;
  const raw = await Promise.all(TARGETS.map((q) => queryRange(preview.prometheusUrl, q.expr, start, end, STEP_S)));
  const series = (i: number) => ({ t: raw[i][0].values.map(([t]) => t * 1000), v: raw[i][0].values.map(([, v]) => Number(v)) });
  const core = analyzeWorkload(
    { current: series(0), desired: series(1), min: series(2), max: series(3), metric: meanByTime(raw[4]), target: series(5), metricName: 'cpu', metricUnit: '%', metricScale: 100 },
    { flapWindowMs: 1_800_000 },
  );
  const up = core.events.find((e) => e.from === 5 && e.to >= 8 && Math.abs(e.t - rise) <= STEP_S * 1000);
  console.log(`core/scaling on the raw series: ${JSON.stringify(up)}`);
  expect(up).toBeDefined();
  expect(up!.reason.kind).toBe('metric');
  expect(up!.reason.comparison).toBe('>');
  expect(up!.reason.value!).toBeGreaterThan(75);

  const view = await preview.openPanel({ type: TYPE, targets: TARGETS, options: OPTIONS, theme: 'dark', from: String(from), to: String(to), width: 900, height: 400 });
  expect((await view.panel()).phase).toBe('done');
  const tip = await tooltipNear(view, up!.t, from, to, /scale up 5 → \d+/);
  console.log(`live scaling timeline: ${JSON.stringify(tip)}; core/scaling: ${up!.reason.text} (${up!.from} -> ${up!.to} at ${new Date(up!.t).toISOString()})`);
  const m = tip.match(/scale up 5 → (\d+)\ncpu (\d+) % > target 75 % for (≥?\S+)/);
  expect(m).not.toBeNull();
  expect(Number(m![1])).toBe(up!.to);
  expect(`cpu ${m![2]} % > target 75 % for ${m![3]}`).toBe(up!.reason.text);
  view.expectNoErrors();
  await view.close();
}, 120_000);

// The scaling timeline panel (headroom-scalingtimeline-panel) from its built bundle, on the demo
// stack's real HPA (kube-state-metrics series + per-pod CPU usage over requests from cAdvisor), in both themes: the last
// 24 h drawn with the header's events, time at max, reaction, flaps and replica-hours; then the
// latest traffic spike (issue 7): the scale-up to 12 with its reason and "hit max", and the
// scale-down, in the event tooltips; cooldown and scale-down options redraw; no data / a failing
// query; no console error.
import { EMPTY_QUERY, FAILING_QUERY, PreviewHarness, PreviewPage, startPreview, themes } from './harness';
import { changedPixels, expectInView, expectNoDataThenQueryError, PROMETHEUS_400, queryRange, snapshotCanvases, textOf } from './panelHelpers';

const TYPE = 'headroom-scalingtimeline-panel';
/** The simulated history's HPA (namespace demo; the live part's, namespace live, has the same name). */
const HPA = '{namespace="demo", horizontalpodautoscaler="web"}';
/** The Scaling dashboard's timeline, on the raw series instead of its recording rules. */
const TARGETS = [
  { refId: 'A', expr: `kube_horizontalpodautoscaler_status_current_replicas${HPA}` },
  { refId: 'B', expr: `kube_horizontalpodautoscaler_status_desired_replicas${HPA}` },
  { refId: 'C', expr: `kube_horizontalpodautoscaler_spec_min_replicas${HPA}` },
  { refId: 'D', expr: `kube_horizontalpodautoscaler_spec_max_replicas${HPA}` },
  // Per pod of the Deployment web (its ReplicaSets' pods): CPU used over 1 min (the rules'
  // _config.pods.cpuRateWindow) / CPU requested,
  // one legend for all pods (the panel averages the series of one name, as the HPA does).
  {
    refId: 'E',
    legendFormat: 'cpu',
    expr: 'sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="demo", container!=""}[1m])) / sum by (pod) (kube_pod_container_resource_requests{namespace="demo", resource="cpu"}) * on (pod) group_left () max by (pod) (kube_pod_owner{namespace="demo", owner_kind="ReplicaSet", owner_name=~"web-[^-]+"})',
  },
  { refId: 'F', expr: `kube_horizontalpodautoscaler_spec_target_metric{namespace="demo", horizontalpodautoscaler="web", metric_name="cpu", metric_target_type="utilization"}` },
];
// Aggregated PromQL has no metric name to tell the utilisation by: the roles are given.
const OPTIONS = { flapWindowSeconds: 1800, workloadLabel: 'horizontalpodautoscaler', queryRoles: 'A=current, B=desired, C=min, D=max, E=utilisation, F=target' };
/** The panel's row layout (components/WorkloadRow.tsx): replica axis left, utilisation axis right. */
const AXIS_LEFT = 36;
const AXIS_RIGHT = 40;
/** core/scaling formatDuration: 45s, 2m30s, 1h40m; "≥" when the condition held since the range began. */
const FOR = 'for ≥?\\d+[hms](\\d+[ms])?';

let preview: PreviewHarness;
/** The latest spike in the last 24 h that reached 12 and came down again (unix ms). */
let spike: { up: number; down: number };

beforeAll(async () => {
  preview = await startPreview();
  spike = await latestSpike(preview.prometheusUrl);
}, 120_000);

afterAll(async () => {
  await preview?.close();
});

async function latestSpike(prometheusUrl: string): Promise<{ up: number; down: number }> {
  const step = 15;
  const end = Math.floor(Date.now() / 1000 / step) * step;
  const [series] = await queryRange(prometheusUrl, `kube_horizontalpodautoscaler_status_current_replicas${HPA}`, end - 86400, end, step);
  const v = series.values.map(([t, x]) => [t * 1000, Number(x)] as const);
  let found: { up: number; down: number } | undefined;
  for (let i = 1; i < v.length; i++) {
    if (v[i][1] === 12 && v[i - 1][1] < 12) {
      const j = v.findIndex(([, x], k) => k > i && x < 12);
      if (j > 0) found = { up: v[i][0], down: v[j][0] };
    }
  }
  if (!found) {
    throw new Error('No spike to 12 and back in the last 24 h of the demo stack (one comes every 6 h)');
  }
  return found;
}

/** Moves the mouse over the first row's plot at time t (ms), ±dx px; returns the tooltip text. */
async function hoverTime(view: PreviewPage, t: number, from: number, to: number, dx = 0): Promise<string> {
  const box = await view.panelLocator().locator('[data-testid="headroom-scaling-row"] canvas').first().boundingBox();
  if (!box) throw new Error('no row canvas');
  const plotWidth = box.width - AXIS_LEFT - AXIS_RIGHT;
  await view.page.mouse.move(box.x + AXIS_LEFT + ((t - from) / (to - from)) * plotWidth + dx, box.y + box.height * 0.35);
  await view.animationFrames(2);
  return view.tooltipText();
}

/** The tooltip of the event drawn nearest time t (scanning a few px either side), matching `re`. */
async function eventTooltip(view: PreviewPage, t: number, from: number, to: number, re: RegExp): Promise<string> {
  let last = '';
  for (const dx of [0, -2, 2, -4, 4, -6, 6]) {
    last = await hoverTime(view, t, from, to, dx);
    if (re.test(last)) return last;
  }
  throw new Error(`no tooltip matching ${re} near ${new Date(t).toISOString()}; last: ${JSON.stringify(last)}`);
}

describe.each(themes)('%s theme', (theme) => {
  test('the last 24 h and the latest spike: header, the scale-up to 12 and the scale-down with their reasons, options, no data, failing query', async () => {
    // The utilisation's unit set, as a dashboard author would (without one the panel infers it and says so in its header).
    const view = await preview.openPanel({ type: TYPE, targets: TARGETS, options: OPTIONS, fieldConfig: { defaults: { unit: 'percentunit' } }, theme, from: 'now-24h', to: 'now', width: 900, height: 400 });
    const panel = await view.panel();
    expect(panel.phase).toBe('done');
    // One workload (web): the per-pod utilisation joins the HPA's row.
    expect(await view.panelLocator().locator('[data-testid="headroom-scaling-row"]').count()).toBe(1);
    const ink = await view.canvasInk();
    expect(ink.canvases).toBe(2); // the row and the time axis
    expect(ink.ratio).toBeGreaterThan(0.05);
    // 24 h hold four spikes (every 6 h), each up to the maximum and back.
    const day = await textOf(view, 'headroom-scaling-header');
    const events = Number(day.match(/^Scale events (\d+) /)?.[1]);
    expect(events).toBeGreaterThanOrEqual(8);
    expect(day).toMatch(/ Time at max \d+[hms](\d+[ms])? \(\d+ %\) /);
    expect(day).toMatch(/ Slowest reaction \d+[hms](\d+[ms])? /);
    expect(day).toMatch(/ Flaps \d+ /);
    expect(Number(day.match(/ Replica-hours ([\d.]+)$/)?.[1])).toBeGreaterThan(24 * 5 - 1);
    await view.screenshotForDocs(`${TYPE}-${theme}`);

    // The latest spike, 40 min either side.
    const from = spike.up - 40 * 60_000;
    const to = spike.down + 40 * 60_000;
    await view.setTimeRange(String(from), String(to));
    const window = await textOf(view, 'headroom-scaling-header');
    expect(Number(window.match(/^Scale events (\d+) /)?.[1])).toBeGreaterThanOrEqual(2);
    expect(window).toMatch(/ Time at max \d+[hms](\d+[ms])? \(\d+ %\) /);

    // Issue 7: the scale-up to 12 with its reason and the cap, then the scale-down.
    const up = await eventTooltip(view, spike.up, from, to, /scale up \d+ → 12/);
    expect(up).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d scale up \\d+ → 12\ncpu \\d+ % > target 75 % ${FOR}\nhit max`));
    await expectInView(view, 'headroom-scaling-tooltip');
    const down = await eventTooltip(view, spike.down, from, to, /scale down 12 → \d+/);
    expect(down).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d scale down 12 → \\d+\ncpu \\d+ % < target 75 % ${FOR}`));
    // Between events: the replicas, limits and utilisation at that time.
    expect(await hoverTime(view, (spike.up + spike.down) / 2, from, to)).toMatch(/\nreplicas 12( \(desired \d+\))?\nmin 5 · max 12\ncpu \d+ % vs target 75 %/);
    await view.page.mouse.move(0, 0);

    // A 15 min cooldown shades more after each event.
    await snapshotCanvases(view, 'cooldown');
    await view.setOptions({ cooldownSeconds: 900 });
    expect(await changedPixels(view, 'cooldown')).toBeGreaterThan(1000);
    // With the policy's scale-down threshold (50 %), the scale-down is explained against it.
    await view.setOptions({ scaleDownBelow: 50 });
    expect(await eventTooltip(view, spike.down, from, to, /scale down 12 → \d+/)).toMatch(new RegExp(`\ncpu \\d+ % < scale-down 50 % ${FOR}`));
    await view.page.mouse.move(0, 0);

    view.expectNoErrors();
    await expectNoDataThenQueryError(view, EMPTY_QUERY, FAILING_QUERY);
    view.expectNoErrors([PROMETHEUS_400]);
    await view.close();
  });
});

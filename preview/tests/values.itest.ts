// Every number on every shipped dashboard is right: each dashboard of dashboards/out/ opens in the
// preview host on the demo stack (last 6 hours, as Grafana opens them), and
//  1. the last point of every series every panel received equals an independent computation on
//     the raw series (rawValues.ts: plain PromQL written by hand), within the stated tolerance;
//  2. every stat shows that value (its text, read back) to within 0.5 % (three significant
//     digits): "$2K" for $1,609 does not pass;
//  3. the Headroom panels' headers (scaling timeline, latency, cost per request, forecasts) equal
//     computations on the raw series;
//  4. the panels agree with each other: monthly = 730 x hourly, replica changes = scale events,
//     time at maximum, availability and error budget, the overview and the dashboards it links.
// The namespaced dashboards open on the simulated history (namespace demo; rawValues.ts says why).
// Runs with the demo stack up (test/stages/40-stack.sh).
import fs from 'node:fs';
import path from 'node:path';
import { PanelSummary, PreviewHarness, repoRoot, startPreview } from './harness';
import { queryRange } from './panelHelpers';
import { ON_DEMO_NAMESPACE, PanelCheck, RAW, RawSeries, SLO_BUDGETS } from './rawValues';
import { DEMO, inDemo } from './scopeSelectors';
import { agrees, closest, parseDuration, Shown, shownNumbers } from './shownValues';
import { loadConfig } from '../../stack/config';
import { schedule } from '../../stack/simulator/incidents';

const HOURS_PER_MONTH = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'core', 'cost', 'hours.json'), 'utf8')) as { perMonth: number }).perMonth;
const RANGE_S = 6 * 3600;

interface DashboardJson {
  uid: string;
  panels: Array<{ id: number; type: string; title: string }>;
}

interface Seen {
  summary: PanelSummary;
  /** The panel's content as text (title excluded), whitespace collapsed. */
  text: string;
  /** Text of the elements of the panel by data-testid. */
  byTestId: Record<string, string>;
}

const dashboards: DashboardJson[] = fs
  .readdirSync(path.join(repoRoot, 'dashboards', 'out'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(repoRoot, 'dashboards', 'out', f), 'utf8')) as DashboardJson);

let preview: PreviewHarness;
/** uid → title → what the panel received and shows. */
const seen: Record<string, Record<string, Seen>> = {};
/** When the dashboards were opened (unix s): the end of their 6 h range. */
let openedAt = 0;

const TEST_IDS = [
  'headroom-scaling-header',
  'headroom-latency-header',
  'headroom-latency-slo',
  'headroom-costperrequest-current',
  'headroom-costperrequest-change',
  'headroom-costperrequest-monthly',
  'headroom-costperrequest-comparison',
  'headroom-forecast-header',
  'headroom-forecast-exhaustion',
];

/** Waits (bounded) until Prometheus has run for `seconds`: its look-back then holds only live rule evaluations. */
async function untilPrometheusRanFor(seconds: number, timeoutMs = 300_000): Promise<void> {
  const url = process.env.HEADROOM_PROMETHEUS_URL || `http://127.0.0.1:${process.env.HEADROOM_PROMETHEUS_PORT || '19090'}`;
  const info = (await (await fetch(`${url}/api/v1/status/runtimeinfo`)).json()) as { data: { startTime: string } };
  const wait = Date.parse(info.data.startTime) + seconds * 1000 - Date.now();
  if (wait > timeoutMs) throw new Error(`Prometheus started ${info.data.startTime}: too recent to wait ${seconds} s`);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

beforeAll(async () => {
  await untilPrometheusRanFor(330);
  preview = await startPreview();
  openedAt = Math.floor(Date.now() / 1000);
  for (const d of dashboards) {
    const params: Record<string, string> = ON_DEMO_NAMESPACE.includes(d.uid) ? { 'var-namespace': DEMO } : {};
    const view = await preview.openDashboard(d.uid, { viewport: { width: 1600, height: 1000 }, from: 'now-6h', to: 'now', params });
    const panels = await view.waitForPanels();
    seen[d.uid] = {};
    for (const p of panels) {
      const content = view.contentLocator(p.id);
      const text = ((await content.count()) > 0 ? await content.innerText() : '').replace(/\s+/g, ' ').trim();
      const byTestId: Record<string, string> = {};
      for (const id of TEST_IDS) {
        const el = view.panelLocator(p.id).locator(`[data-testid="${id}"]`);
        if ((await el.count()) > 0) byTestId[id] = (await el.first().innerText()).replace(/\s+/g, ' ').trim();
      }
      seen[d.uid][p.title] = { summary: p, text, byTestId };
    }
    await view.close();
  }
}, 660_000);

afterAll(async () => {
  await preview?.close();
});

function panel(uid: string, title: string): Seen {
  const p = seen[uid]?.[title];
  if (!p) throw new Error(`${uid}: no panel "${title}" was rendered`);
  return p;
}

/** The last time (unix s) and value of each number field the panel received for refId. */
function lastPoints(p: Seen, refId: string): Array<{ name: string; labels: Record<string, string>; t: number; value: number }> {
  return p.summary.frames
    .filter((f) => f.refId === refId)
    .flatMap((f) => {
      const time = f.fields.find((x) => x.type === 'time');
      return f.fields
        .filter((x) => x.type === 'number')
        .map((x) => ({ name: x.displayName, labels: x.labels ?? {}, t: Math.floor(Number(time?.last ?? openedAt * 1000) / 1000), value: Number(x.last) }));
    });
}

/** The raw expression at every second of the 30 s up to t: one list of candidates per series. */
async function rawAround(expr: string, t: number): Promise<Array<{ labels: Record<string, string>; values: number[] }>> {
  const series = await queryRange(preview.prometheusUrl, expr, t - 30, t, 1);
  return series.map((s) => ({ labels: s.metric, values: s.values.map(([, v]) => Number(v)) }));
}

/** The raw series a panel series stands for: the one whose labels it carries, or the only one. */
function matching<T extends { labels: Record<string, string> }>(raw: T[], labels: Record<string, string>): T | undefined {
  if (raw.length === 1) return raw[0];
  return raw.find((r) => Object.entries(r.labels).every(([k, v]) => k === '__name__' || labels[k] === v));
}

async function scalar(expr: string, t = openedAt): Promise<number> {
  const [s] = await queryRange(preview.prometheusUrl, expr, t, t, 1);
  return s ? Number(s.values[0][1]) : NaN;
}

const checked: Array<[string, string, PanelCheck]> = Object.entries(RAW).flatMap(([uid, panels]) => Object.entries(panels).map(([title, c]) => [uid, title, c] as [string, string, PanelCheck]));

test('every panel of every shipped dashboard has an independent check, or says why not', () => {
  const listed = new Set(checked.map(([uid, title]) => `${uid} / ${title}`));
  const panels = dashboards.flatMap((d) => d.panels.filter((p) => p.type !== 'row').map((p) => `${d.uid} / ${p.title}`));
  expect(panels.filter((p) => !listed.has(p))).toEqual([]);
  expect([...listed].filter((p) => !panels.includes(p))).toEqual([]);
});

describe.each(checked.filter(([, , c]) => !('skip' in c)))('%s / %s', (uid, title, check) => {
  test('the last point of every series equals the raw computation; a stat shows it', async () => {
    const p = panel(uid, title);
    expect({ phase: p.summary.phase, errors: p.summary.errors }).toEqual({ phase: 'done', errors: [] });
    const problems: string[] = [];
    for (const [refId, raw] of Object.entries(check as Record<string, RawSeries>)) {
      const points = lastPoints(p, refId);
      if (points.length === 0) problems.push(`${refId}: no series`);
      for (const pt of points) {
        const candidates = matching(await rawAround(raw.expr, pt.t), pt.labels);
        const flip = (x: number) => (raw.complement ? 1 - x : x);
        const best = closest(flip(pt.value), (candidates?.values ?? []).map(flip));
        const size = Math.max(Math.abs(best.candidate), 1e-9);
        const part = raw.movable ? Math.abs(await scalar(raw.movable.expr, pt.t)) : 0;
        const movable = raw.movable && Number.isFinite(part) ? (raw.movable.relative * part) / size : 0;
        const allowed = Math.max(raw.relative ?? 1e-6, (raw.absolute ?? 1e-9) / size) + movable;
        if (!(best.relative <= allowed)) {
          problems.push(`${refId} ${pt.name}: shows ${pt.value}, raw ${flip(best.candidate)} (relative ${best.relative.toExponential(2)} > ${allowed.toExponential(2)})`);
        }
      }
    }
    if (p.summary.type === 'stat') {
      // What the stat writes: one figure per series, in order, each the value it received.
      const shown = shownNumbers(p.text);
      const values = p.summary.frames.flatMap((f) => f.fields.filter((x) => x.type === 'number').map((x) => Number(x.last)));
      values.forEach((v, i) => {
        if (!shown[i] || !agrees(shown[i], v, 0.005, 1e-9)) problems.push(`the stat shows "${shown[i]?.text ?? '(nothing)'}" for ${v}`);
      });
    }
    expect(problems).toEqual([]);
  });
});

test("the Data tier draws the real MariaDB servers' query time P95 beside the simulated ones (each point checked above against the raw buckets)", () => {
  const instances = lastPoints(panel('headroom-data', 'MySQL query time (P95)'), 'A').map((p) => p.labels.instance);
  expect(instances).toEqual(expect.arrayContaining(['real-mysql-primary', 'real-mysql-replica']));
});

/** The raw current and maximum replicas (max over duplicates, as kube-state-metrics' rule) every 15 s of the range. */
async function rawReplicas(): Promise<{ t: number[]; current: number[]; max: number[] }> {
  const end = Math.floor(openedAt / 15) * 15;
  const [cur] = await queryRange(preview.prometheusUrl, inDemo('sum(max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas))'), end - RANGE_S, end, 15);
  const [max] = await queryRange(preview.prometheusUrl, inDemo('sum(max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas))'), end - RANGE_S, end, 15);
  const maxAt = new Map(max.values.map(([t, v]) => [t, Number(v)]));
  return { t: cur.values.map(([t]) => t), current: cur.values.map(([, v]) => Number(v)), max: cur.values.map(([t]) => maxAt.get(t) ?? NaN) };
}

const header = (text: string, label: string) => new RegExp(`${label} (\\S+)`).exec(text)?.[1] ?? '(missing)';

describe('headroom-scaling', () => {
  test('the scaling timeline counts the raw replica changes, time at maximum and replica-hours, and agrees with the stats beside it', async () => {
    const r = await rawReplicas();
    let changes = 0;
    let atMax = 0;
    let replicaSeconds = 0;
    for (let i = 1; i < r.t.length; i++) {
      if (r.current[i] !== r.current[i - 1]) changes++;
      const dt = r.t[i] - r.t[i - 1];
      if (r.current[i - 1] >= r.max[i - 1]) atMax += dt;
      replicaSeconds += r.current[i - 1] * dt;
    }
    const timeline = panel('headroom-scaling', 'Scaling timeline').byTestId['headroom-scaling-header'] ?? '';
    const events = Number(header(timeline, 'Scale events'));
    const timeAtMax = /Time at max (\S+) \((\d+) %\)/.exec(timeline);
    const replicaHours = Number(header(timeline, 'Replica-hours'));
    const stat = (title: string) => shownNumbers(panel('headroom-scaling', title).text)[0]?.value ?? NaN;
    const result = {
      // An event within one step of either end is seen by one count and not the other.
      'scale events = raw replica changes (±1)': Math.abs(events - changes) <= 1,
      'scale events = the "Replica changes" stat (±1)': Math.abs(events - stat('Replica changes')) <= 1,
      // 2 % of the range: a step at either end and the header's whole minutes.
      'time at max = raw (±2 % of the range)': timeAtMax !== null && Math.abs(parseDuration(timeAtMax[1]) - atMax) <= 0.02 * RANGE_S,
      'time at max % = the "Time at maximum" stat (±2 pp)': timeAtMax !== null && Math.abs(Number(timeAtMax[2]) / 100 - stat('Time at maximum')) <= 0.02,
      'replica-hours = raw (±1 %)': Math.abs(replicaHours - replicaSeconds / 3600) <= 0.01 * (replicaSeconds / 3600),
    };
    expect({ timeline, raw: { changes, atMaxS: atMax, replicaHours: replicaSeconds / 3600 }, result }).toEqual({
      timeline,
      raw: { changes, atMaxS: atMax, replicaHours: replicaSeconds / 3600 },
      result: Object.fromEntries(Object.keys(result).map((k) => [k, true])),
    });
  });

  test('the stats "Time at maximum" and "Replica changes" equal the raw replicas', async () => {
    const r = await rawReplicas();
    let changes = 0;
    let atMax = 0;
    for (let i = 1; i < r.t.length; i++) {
      if (r.current[i] !== r.current[i - 1]) changes++;
      if (r.current[i - 1] >= r.max[i - 1]) atMax++;
    }
    const shown = (title: string) => shownNumbers(panel('headroom-scaling', title).text)[0]?.value ?? NaN;
    expect(Math.abs(shown('Replica changes') - changes)).toBeLessThanOrEqual(1);
    expect(Math.abs(shown('Time at maximum') - atMax / (r.t.length - 1))).toBeLessThanOrEqual(0.02);
  });
});

describe('headroom-slo and headroom-overview', () => {
  test('the latency panel header: each percentile and the share under the SLO equal the raw histogram', async () => {
    const p = panel('headroom-slo', 'Latency distribution');
    const text = p.byTestId['headroom-latency-header'] ?? '';
    const t = lastPoints(p, 'A')[0]?.t ?? openedAt;
    const problems: string[] = [];
    for (const q of [50, 90, 95, 99]) {
      const shown = shownNumbers(new RegExp(`P${q} (\\S+ \\S+)`).exec(text)?.[1] ?? '')[0];
      const raw = await rawAround(inDemo(`histogram_quantile(${q / 100}, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))`), t);
      const best = closest(shown?.value ?? NaN, raw[0]?.values ?? []);
      if (!shown || best.relative > 0.01) problems.push(`P${q} shows ${shown?.text}, raw ${best.candidate}`);
    }
    // The share of requests under the threshold over the range: the panel sums its 5 min rates
    // (a step every 30 s), the raw increase counts the requests: 0.3 percentage points.
    const share = shownNumbers(/([\d.]+ %) ≤/.exec(text)?.[1] ?? '')[0];
    const raw = await scalar(inDemo(`sum(increase(http_request_duration_seconds_bucket{le="0.5"}[6h])) / sum(increase(http_request_duration_seconds_bucket{le="+Inf"}[6h]))`), t);
    if (!share || !agrees(share, raw, 0, 0.003)) problems.push(`share under 500 ms shows ${share?.text}, raw ${raw}`);
    expect({ text, problems }).toEqual({ text, problems: [] });
  });

  test('availability and error budget agree (budget = 1 - (1 - availability) / 0.1 %), on both dashboards', () => {
    const first = (uid: string, title: string) => shownNumbers(panel(uid, title).text)[0]?.value ?? NaN;
    const availability = first('headroom-slo', 'Availability');
    const budget = first('headroom-slo', 'Error budget remaining');
    // Both shown to 0.001 %: the budget of the shown availability within that rounding / 0.1 %.
    expect(Math.abs(budget - (1 - (1 - availability) / 0.001))).toBeLessThanOrEqual(0.00001 / 0.001 + 0.002);
    // The overview opens seconds after the SLO dashboard: the 30-day ratios may move by a hair.
    expect(Math.abs(first('headroom-overview', 'Availability (30d)') - availability)).toBeLessThanOrEqual(0.0001);
    // The overview shows the lower of the two budgets.
    const budgets = shownNumbers(panel('headroom-slo', 'Error budget remaining').text).map((s) => s.value);
    const lower = Math.min(...budgets);
    expect(Math.abs(first('headroom-overview', 'Error budget remaining') - lower)).toBeLessThanOrEqual(0.01 * Math.max(1, Math.abs(lower)));
    expect(first('headroom-overview', 'p99 latency')).toBeCloseTo(shownNumbers(/P99 (\S+ \S+)/.exec(panel('headroom-slo', 'Latency distribution').byTestId['headroom-latency-header'] ?? '')?.[1] ?? '')[0]?.value ?? NaN, 2);
  });

  test('the overview shows what the dashboards it links show', async () => {
    const first = (uid: string, title: string) => shownNumbers(panel(uid, title).text)[0]?.value ?? NaN;
    // The dashboards open seconds apart: equal, unless the raw value itself changed in between.
    const same = async (a: [string, string], b: [string, string], raw: string) => {
      if (first(...a) === first(...b)) return true;
      const [ta, tb] = [lastPoints(panel(...a), 'A')[0]?.t, lastPoints(panel(...b), 'A')[0]?.t];
      return (await scalar(raw, ta)) !== (await scalar(raw, tb));
    };
    expect({
      hourly: await same(['headroom-overview', 'Hourly cost'], ['headroom-cost', 'Hourly cost'], 'sum(node_total_hourly_cost)'),
      replicas: await same(['headroom-overview', 'Replicas'], ['headroom-scaling', 'Replicas'], inDemo('sum(max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas))')),
    }).toEqual({ hourly: true, replicas: true });
    // The live Redis's ratio moves with its traffic in the seconds between the two dashboards: each
    // shows the raw lowest ratio at its own last point (to its 0.1 % rounding), and both show the
    // same where that did not move.
    const cache: Array<[string, string]> = [['headroom-overview', 'Cache hit ratio'], ['headroom-data', 'Lowest cache hit ratio']];
    const raw = inDemo('min(instance:cache_hit:ratio_rate10m{cache_kind="redis"})');
    const atOwnTime = await Promise.all(cache.map(async ([uid, title]) => ({ shown: first(uid, title), raw: await scalar(raw, lastPoints(panel(uid, title), 'A')[0]?.t) })));
    for (const { shown, raw: r } of atOwnTime) expect(Math.abs(shown - r)).toBeLessThanOrEqual(0.0005 + 1e-9);
    if (atOwnTime[0].raw === atOwnTime[1].raw) expect(atOwnTime[0].shown).toBe(atOwnTime[1].shown);
  });
});

/** Prometheus' quantile_over_time: φ-quantile with linear interpolation between ranks (NaN dropped). */
function quantileOf(q: number, values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const rank = q * (v.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, v.length - 1);
  return v[lo] + (v[hi] - v[lo]) * (rank - lo);
}

/**
 * The raw series (one, summed) every 5 minutes of the day that ends at t (unix s), as the subquery
 * [1d:5m] sees it: at the multiples of 5 minutes from t - 1 d to t, both ends included.
 */
async function dayOf(expr: string, t: number): Promise<Map<number, number>> {
  const start = Math.ceil((t - 86400) / 300) * 300;
  const [s] = await queryRange(preview.prometheusUrl, expr, start, Math.floor(t / 300) * 300, 300);
  return new Map((s?.values ?? []).map(([x, v]) => [x, Number(v)]));
}

// The demo's story (issue 16, stack/README.md "The model"): a realistic month, checked on the raw
// series and on what the dashboards show. The error burst comes once in 30 days (the simulator's
// schedule says when): a 24 h error ratio is taken before it when it lies in the last day.
describe('the demo tells its story', () => {
  const DAY_S = 86400;
  const errorsOver = (range: string) => inDemo(`sum(increase(http_requests_total{code=~"5.."}[${range}])) / sum(increase(http_requests_total[${range}]))`);
  const shown = (uid: string, title: string) => shownNumbers(panel(uid, title).text)[0]?.value ?? NaN;

  test('30-day availability within [99.9, 100) %, on the raw counters and on the dashboards', async () => {
    const raw = 1 - (await scalar(errorsOver('30d')));
    const slo = shown('headroom-slo', 'Availability');
    const overview = shown('headroom-overview', 'Availability (30d)');
    expect({ raw: raw >= 0.999 && raw < 1, slo: slo >= 0.999 && slo < 1, overview: overview >= 0.999 && overview < 1 }).toEqual({ raw: true, slo: true, overview: true });
  });

  test('error budget remaining within (0, 100) %, and the one error burst of the 30 days spent at least a tenth of it', async () => {
    const availabilityBudget = 1 - (await scalar(errorsOver('30d'))) / 0.001;
    const slowRatio = await scalar(inDemo(`1 - sum(increase(http_request_duration_seconds_bucket{le="0.5"}[30d])) / sum(increase(http_request_duration_seconds_bucket{le="+Inf"}[30d]))`));
    const latencyBudget = 1 - slowRatio / 0.01;
    const overview = shown('headroom-overview', 'Error budget remaining');
    const inside = (x: number) => x > 0 && x < 1;
    expect({ availabilityBudget: inside(availabilityBudget), latencyBudget: inside(latencyBudget), overview: inside(overview) }).toEqual({ availabilityBudget: true, latencyBudget: true, overview: true });
    const bursts = schedule(loadConfig().seed, openedAt - 30 * DAY_S, openedAt).filter((o) => o.kind === 'error-burst');
    expect(bursts).toHaveLength(1);
    // Its errors: from its start to 5 min after its end (or now, when it is under way).
    const until = Math.min(bursts[0].end + 300, openedAt);
    const burstErrors = await scalar(inDemo(`sum(increase(http_requests_total{code=~"5.."}[${until - bursts[0].start}s]))`), until);
    const requests30d = await scalar(inDemo('sum(increase(http_requests_total[30d]))'));
    expect(burstErrors / requests30d / 0.001).toBeGreaterThan(0.1);
  });

  test('P99 over 24 h within [0.40, 0.50] s; error ratio over 24 h (before the error burst) under 0.05 %', async () => {
    const p99 = await scalar(inDemo('histogram_quantile(0.99, sum by (le) (increase(http_request_duration_seconds_bucket[24h])))'));
    const burst = schedule(loadConfig().seed, openedAt - 2 * DAY_S, openedAt + DAY_S).find((o) => o.kind === 'error-burst' && o.end > openedAt - DAY_S && o.start < openedAt);
    const errorRatio = await scalar(errorsOver('24h'), burst ? burst.start : openedAt);
    expect({ p99: p99 >= 0.4 && p99 <= 0.5, errorRatio: errorRatio < 0.0005, values: [p99, errorRatio] }).toEqual({ p99: true, errorRatio: true, values: [p99, errorRatio] });
  });
});

describe('capacity forecasts', () => {
  /** Header figures and the last history point of a forecast panel. */
  function forecastPanel(uid: string, title: string) {
    const p = panel(uid, title);
    const text = p.byTestId['headroom-forecast-header'] ?? '';
    const [last] = lastPoints(p, 'A');
    return { p, text, last, capacity: shownNumbers(header(text, 'Capacity'))[0], headroom: shownNumbers(`${header(text, 'Headroom')} %`)[0] };
  }

  test('replicas needed: each day the 90th percentile of raw replicas x utilisation / target, against the raw maximum', async () => {
    const f = forecastPanel('headroom-scaling', 'Replicas needed at the target against the maximum');
    const day = f.last.t;
    // The utilisation the HPA judges (kube-state-metrics' status of it, percent); the demo has one HPA.
    const [replicas, cpu, target] = await Promise.all([
      dayOf(inDemo('sum(max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas))'), day),
      dayOf(inDemo('max(kube_horizontalpodautoscaler_status_target_metric{metric_name="cpu", metric_target_type="utilization"})'), day),
      dayOf(inDemo('max(kube_horizontalpodautoscaler_spec_target_metric{metric_name="cpu", metric_target_type="utilization"})'), day),
    ]);
    const needed = [...replicas].map(([t, r]) => (r * (cpu.get(t) ?? NaN)) / (target.get(t) ?? NaN));
    const expected = quantileOf(0.9, needed);
    const max = await scalar(inDemo('sum(max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas))'), day);
    expect({ text: f.text, last: Math.abs(f.last.value - expected) <= 1e-6 * expected, capacity: f.capacity?.value, headroom: !!f.headroom && agrees(f.headroom, (max - f.last.value) / max, 0, 0.0006) }).toEqual({
      text: f.text,
      last: true,
      capacity: max,
      headroom: true,
    });
    // A date within the horizon, and the model's quality in words (MASE only in its title).
    expect(f.text).toMatch(/Exhaustion (\d{4}-\d\d-\d\d \d\d:\d\d|not within the horizon) \(mean\)/);
    expect(f.text).toMatch(/typical error ± \d+(\.\d)? %$/);
    expect(f.text).not.toMatch(/MASE/);
  });

  test('requests per second: the day\'s 90th percentile of the raw rate, against what the maximum serves', async () => {
    const f = forecastPanel('headroom-scaling', 'Requests per second against what the maximum serves');
    const rps = await dayOf(inDemo('sum(rate(http_requests_total[5m]))'), f.last.t);
    // The rule's 5 min rates against the raw rate(): 1 %.
    const expected = quantileOf(0.9, [...rps.values()]);
    expect({ last: f.last.value, close: Math.abs(f.last.value - expected) <= 0.01 * expected }).toEqual({ last: f.last.value, close: true });
    // The capacity in requests per second: what maxReplicas serve at the target, the median of the
    // day (query B), from the raw series every 5 minutes of the same day. It moves with the load
    // (requests per replica per unit of CPU do), so the day's median, not the value at one time.
    const served = await dayOf(
      inDemo('sum(max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas)) * max(kube_horizontalpodautoscaler_spec_target_metric{metric_name="cpu"}) * sum(rate(http_requests_total[5m])) / (sum(max by (horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas)) * max(kube_horizontalpodautoscaler_status_target_metric{metric_name="cpu", metric_target_type="utilization"}))'),
      f.last.t
    );
    const servedMedian = quantileOf(0.5, [...served.values()]);
    expect({ capacity: f.capacity?.text, close: !!f.capacity && agrees(f.capacity, servedMedian, 0.02), servedMedian }).toEqual({ capacity: f.capacity?.text, close: true, servedMedian });
    expect(f.text).toMatch(/typical error ± \d+(\.\d)? %$/);
  });

  test('monthly cost: 730 x the day\'s mean raw hourly cost, against the monthly budget of the dashboard', async () => {
    const f = forecastPanel('headroom-cost', 'Monthly cost forecast');
    const hourly = await dayOf('sum(node_total_hourly_cost)', f.last.t);
    const values = [...hourly.values()];
    const expected = (HOURS_PER_MONTH * values.reduce((a, x) => a + x, 0)) / values.length;
    const budget = (dashboards.find((d) => d.uid === 'headroom-cost')!.panels.find((p) => p.title === 'Monthly cost forecast') as { options?: { capacity?: number } }).options?.capacity;
    expect(budget).toBeGreaterThan(0);
    expect({ close: Math.abs(f.last.value - expected) <= 1e-6 * expected, capacity: f.capacity?.value }).toEqual({ close: true, capacity: budget });
    expect(f.headroom && agrees(f.headroom, (budget! - f.last.value) / budget!, 0, 0.0006)).toBe(true);
    expect(f.text).toMatch(/typical error ± \d+(\.\d)? %$/);
  });
});

describe('headroom-cost', () => {
  const money = (text: string | undefined): Shown | undefined => shownNumbers(text ?? '').find((s) => s.text.startsWith('$'));

  test('every monthly figure is 730 x the hourly cost shown beside it, and that is the raw hourly cost', async () => {
    const hourlyShown = money(panel('headroom-cost', 'Hourly cost').text);
    const monthlyShown = money(panel('headroom-cost', 'Monthly run rate').text);
    const cpr = panel('headroom-cost', 'Cost per request').byTestId;
    const projected = shownNumbers(cpr['headroom-costperrequest-monthly'] ?? '').filter((s) => s.text.startsWith('$'));
    const onDemandRow = /on demand (\$\S+)/.exec(cpr['headroom-costperrequest-comparison'] ?? '')?.[1];
    const projection = lastPoints(panel('headroom-cost', 'Cost projection'), 'A').find((x) => /on demand/.test(x.name));
    const savings = panel('headroom-cost', 'Reserved and spot savings').summary.frames[0]?.fields.find((f) => f.name === 'monthly cost');
    const raw = await scalar('sum(node_total_hourly_cost)');
    const result = {
      'Hourly cost = raw sum of node_total_hourly_cost': !!hourlyShown && agrees(hourlyShown, raw),
      'Monthly run rate = 730 x Hourly cost': !!monthlyShown && agrees(monthlyShown, HOURS_PER_MONTH * raw),
      // Both figures are rounded as shown ($1.24K beside $1.71 for 730 x $1.7052): within both roundings.
      'cost per request: "Projected" = 730 x the "/ h" beside it':
        projected.length === 2 && Math.abs(projected[0].value - HOURS_PER_MONTH * projected[1].value) <= projected[0].rounding + HOURS_PER_MONTH * projected[1].rounding,
      'cost per request: its "/ h" = Hourly cost': projected.length === 2 && agrees(projected[1], raw),
      'cost per request: on-demand row = Projected': !!onDemandRow && projected.length === 2 && agrees(shownNumbers(onDemandRow)[0], projected[0].value),
      'Cost projection: on demand now = 730 x Hourly cost': !!projection && Math.abs(projection.value - HOURS_PER_MONTH * raw) <= 1e-6 * HOURS_PER_MONTH * raw,
      'savings: on demand per month = 730 x Hourly cost': !!savings && Math.abs(Number(savings.first) - HOURS_PER_MONTH * raw) <= 1e-6 * HOURS_PER_MONTH * raw,
    };
    expect({ shown: { hourly: hourlyShown?.text, monthly: monthlyShown?.text, projected: cpr['headroom-costperrequest-monthly'], onDemandRow }, raw, result }).toEqual({
      shown: { hourly: hourlyShown?.text, monthly: monthlyShown?.text, projected: cpr['headroom-costperrequest-monthly'], onDemandRow },
      raw,
      result: Object.fromEntries(Object.keys(result).map((k) => [k, true])),
    });
  });

  test('allocation: the containers\' requested shares and idle add up to the raw hourly cost; idle per month = 730 x idle', async () => {
    const alloc = panel('headroom-cost', 'Hourly cost by container (requested share)');
    const shares = lastPoints(alloc, 'A');
    const [idle] = lastPoints(alloc, 'B');
    const t = idle?.t;
    const raw = await scalar('sum(node_total_hourly_cost)', t);
    const sum = shares.reduce((a, x) => a + x.value, 0) + (idle?.value ?? NaN);
    const idleShown = money(panel('headroom-cost', 'Idle cost per month').text);
    expect({
      containers: shares.map((x) => x.name).sort(),
      'containers + idle = hourly': Math.abs(sum - raw) <= 1e-6 * raw,
      'idle > 0': (idle?.value ?? 0) > 0,
      'Idle cost per month = 730 x idle': !!idleShown && !!idle && agrees(idleShown, HOURS_PER_MONTH * idle.value),
    }).toEqual({
      containers: ['mysql', 'postgres', 'redis', 'web'],
      'containers + idle = hourly': true,
      'idle > 0': true,
      'Idle cost per month = 730 x idle': true,
    });
  });

  test('the cost per 1k requests of the panel and of the stat equal the raw cost over the raw requests (2 %)', async () => {
    const raw = await scalar('avg_over_time(sum(node_total_hourly_cost)[6h:15s]) * 6 / sum(increase(http_requests_total[6h])) * 1000');
    const headline = money(panel('headroom-cost', 'Cost per request').byTestId['headroom-costperrequest-current']);
    const stat = money(panel('headroom-cost', 'Cost per 1k requests').text);
    expect({ raw, headline: headline && agrees(headline, raw, 0.02), stat: stat && agrees(stat, raw, 0.02) }).toEqual({ raw, headline: true, stat: true });
  });

  test('over the whole history (30 days) there is no "previous period" to compare with', async () => {
    const view = await preview.openDashboard('headroom-cost', { viewport: { width: 1600, height: 1000 }, from: 'now-30d', to: 'now' });
    await view.waitForPanels();
    const id = Object.values(seen['headroom-cost']).find((p) => p.summary.title === 'Cost per request')!.summary.id;
    const headline = await view.panelLocator(id).locator('[data-testid="headroom-costperrequest-headline"]').innerText();
    expect(await view.panelLocator(id).locator('[data-testid="headroom-costperrequest-change"]').count()).toBe(0);
    expect(headline).toMatch(/Cost per 1k requests \$/);
    await view.close();
  });
});

describe('headroom-slo-specs', () => {
  test('the budget of every SLO in the table is its raw 30-day budget (1 - bad share / allowed share)', async () => {
    const shown = await queryRange(preview.prometheusUrl, inDemo('namespace_service_slo:slo_error_budget_remaining:ratio'), openedAt, openedAt, 1);
    const raw = await queryRange(preview.prometheusUrl, SLO_BUDGETS.expr, openedAt, openedAt, 1);
    const spent = (x: number) => 1 - x;
    const rows = shown.map((s) => {
      const r = raw.find((x) => x.metric.slo === s.metric.slo);
      const table = Number(s.values[0][1]);
      const independent = r ? Number(r.values[0][1]) : NaN;
      return { slo: s.metric.slo, ok: Math.abs(spent(table) - spent(independent)) <= (SLO_BUDGETS.relative ?? 0) * Math.abs(spent(independent)) + 1e-9, table, independent };
    });
    expect(rows.map((r) => r.slo).sort()).toEqual(raw.map((r) => r.metric.slo).sort());
    expect(rows.filter((r) => !r.ok)).toEqual([]);
  });
});

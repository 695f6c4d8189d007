// Integration tests of the running demo stack: the 30-day SLO rules cover 30 days. Their 5 min
// rate inputs reach back 30 days (stack/rulehistory.ts backfills them over the whole history),
// their values agree with the raw counters, and the budgets have a history a dashboard can draw.
// All on the simulated history's namespace (demo): the live part (namespace live) has minutes of
// history, with the load steps and incidents of other itests in them.
import { getJson, PROMETHEUS_URL, query, queryRange } from './testing';

const DAY = 86400;
const now = Math.floor(Date.now() / 1000);
const ERRORS_30D = 'namespace_service:http_requests_errors:ratio_rate30d';
const SLOW_30D = 'namespace_service:http_requests_slow:ratio_rate30d';
const BUDGET_30D = 'namespace_service:slo_error_budget_remaining:ratio30d';
const DEMO = '{namespace="demo"}';

interface LoadedRule {
  name: string;
  query: string;
  type: string;
}

/** The recording rules Prometheus loaded, by name (a name may have several rules). */
async function loadedRules(): Promise<LoadedRule[]> {
  const r = await getJson<{ data: { groups: { rules: LoadedRule[] }[] } }>(`${PROMETHEUS_URL}/api/v1/rules?type=record`);
  return r.data.groups.flatMap((g) => g.rules);
}

/** Names of the recording rules the rule `name` reads. */
async function inputsOf(name: string): Promise<string[]> {
  const rules = await loadedRules();
  const q = rules.find((r) => r.name === name)?.query ?? '';
  return [...new Set(rules.map((r) => r.name))].filter((n) => n !== name && new RegExp(`(^|[^a-zA-Z0-9_:])${n}($|[^a-zA-Z0-9_:])`).test(q));
}

/** Timestamps of each series of a range query, keyed by its labels. */
async function stepsBySeries(expr: string, start: number, end: number, step: number): Promise<Record<string, number>> {
  const r = await queryRange(expr, start, end, step);
  return Object.fromEntries(r.map((s) => [JSON.stringify(s.metric), s.values.length]));
}

describe.each([ERRORS_30D, SLOW_30D])('%s', (rule) => {
  test('reads 5 min rates that reach back 30 days, at every hour', async () => {
    const inputs = await inputsOf(rule);
    expect(inputs.length).toBeGreaterThanOrEqual(1);
    const start = now - 30 * DAY + 3600; // the history starts on the hour before 30 days ago
    const points = Math.floor((now - start) / 3600) + 1;
    for (const input of inputs) {
      const counts = await stepsBySeries(`count by (le) (last_over_time(${input}${DEMO}[10m]))`, start, now, 3600);
      expect({ input, counts: Object.values(counts) }).toEqual({ input, counts: Object.values(counts).map(() => points) });
      expect(Object.keys(counts).length).toBeGreaterThan(0);
    }
  });
});

test('the 30-day error and slow ratios agree with the raw counters over 30 days', async () => {
  const one = async (expr: string) => {
    const r = await query(expr);
    expect({ expr, series: r.length }).toEqual({ expr, series: 1 });
    return Number(r[0].value[1]);
  };
  const errors = await one(`sum(${ERRORS_30D}${DEMO})`);
  const errorsRaw = await one('sum(increase(http_requests_total{namespace="demo", service!="", code=~"5.."}[30d])) / sum(increase(http_requests_total{namespace="demo", service!=""}[30d]))');
  const slow = await one(`sum(${SLOW_30D}${DEMO})`);
  const slowRaw = await one('1 - sum(increase(http_request_duration_seconds_bucket{namespace="demo", service!="", le="0.5"}[30d])) / sum(increase(http_request_duration_seconds_bucket{namespace="demo", service!="", le="+Inf"}[30d]))');
  // The simulator fails ~0.05 % of requests over 30 days (0.03 % at rest and the one error burst)
  // and answers ~0.4 % slower than 0.5 s: both ratios are there to compare.
  expect(errorsRaw).toBeGreaterThan(0.0002);
  expect(slowRaw).toBeGreaterThan(0.001);
  // The rules sum 5 min rates, weighting each sample alike: the history's 5 min spacing (1 min in
  // the last day) and the live 15 s evaluations weight recent hours a little more than the raw
  // counters do; a few percent, where minutes of history were off by orders of magnitude.
  expect(errors / errorsRaw).toBeGreaterThan(0.9);
  expect(errors / errorsRaw).toBeLessThan(1.1);
  expect(slow / slowRaw).toBeGreaterThan(0.9);
  expect(slow / slowRaw).toBeLessThan(1.1);
});

describe(BUDGET_30D, () => {
  test('has a value for both SLOs 20 and 29 days back', async () => {
    for (const ago of [20, 29]) {
      const r = await query(BUDGET_30D, now - ago * DAY);
      expect({ ago, slos: r.map((s) => s.metric.slo).sort() }).toEqual({ ago, slos: ['availability', 'latency'] });
    }
  });

  test('draws a line over the last 7 days at 5 min steps and over 29 days at hourly steps', async () => {
    for (const [days, step] of [
      [7, 300],
      [29, 3600],
    ]) {
      const start = now - days * DAY;
      const points = Math.floor((now - start) / step) + 1;
      const counts = await stepsBySeries(`${BUDGET_30D}${DEMO}`, start, now, step);
      expect({ days, counts }).toEqual({
        days,
        counts: {
          [JSON.stringify({ __name__: BUDGET_30D, cluster: 'demo', namespace: 'demo', service: 'web', slo: 'availability' })]: points,
          [JSON.stringify({ __name__: BUDGET_30D, cluster: 'demo', namespace: 'demo', service: 'web', slo: 'latency' })]: points,
        },
      });
    }
  });
});

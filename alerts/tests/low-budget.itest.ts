// Live check of the cost budget alert on the running demo stack: the rules pack's
// HeadroomCostRunRateOverBudget, rendered with a deliberately low budget (low-budget.jsonnet: $10 a
// month for the compute group, 30 s instead of an hour), fires on the simulator's
// node_total_hourly_cost and kube_node_labels and reaches the platform team's ticket receiver
// through the stack's Alertmanager. The rules run in a Prometheus of this test's own (it scrapes the
// stack's simulator and sends to the stack's Alertmanager, with the external label
// budget_check="deliberately-low" on what it sends), so the stack's Prometheus keeps the pack's
// budgets and no series of the check lands in the stack's history, where the dashboards would show
// them. The pack's own budgets (compute $1,000, database $800, cache $200) hold on the demo.
import * as path from 'node:path';
import { CheckPrometheus, startCheckPrometheus } from '../../stack/checkPrometheus';
import { getJson, pollFor, query, RECEIVER_URL, SIMULATOR_URL } from '../../stack/testing';

const HOURS_PER_MONTH = 730;
const LOW_BUDGET = 10;
const T3_LARGE_HOURLY = 0.0832;
const ALERT = 'HeadroomCostRunRateOverBudget';
const CHECK_LABEL = { budget_check: 'deliberately-low' };

let check: CheckPrometheus | undefined;

interface ApiAlert {
  labels: Record<string, string>;
  state: string;
  value: string;
}
interface ReceivedNotification {
  receiver: string;
  payload: { alerts: { status: string; labels: Record<string, string> }[] };
}


/** pollFor with the check's Prometheus log tail in its error. */
const waitFor = <T>(what: string, ms: number, probe: () => Promise<T | undefined>) => pollFor(what, ms, probe, { context: () => check?.log() ?? '' });

beforeAll(async () => {
  check = await startCheckPrometheus('low-budget', {
    rulesJsonnet: path.join(__dirname, 'low-budget.jsonnet'),
    externalLabels: CHECK_LABEL,
    scrapeConfigs: [{ job_name: 'headroom-simulator', honor_labels: true, static_configs: [{ targets: [new URL(SIMULATOR_URL).host], labels: { instance: 'simulator' } }] }],
  });
});

afterAll(async () => {
  await check?.stop();
});

describe('a deliberately low budget on the live stack', () => {
  test('fires the run-rate alert at 730 x the compute nodes\' raw hourly cost, and Alertmanager tickets the platform team', async () => {
    const alerts = () => getJson<{ data: { alerts: ApiAlert[] } }>(`${check!.url}/api/v1/alerts`).then((r) => r.data.alerts.filter((a) => a.labels.alertname === ALERT));
    const firing = await waitFor(`${ALERT} firing in the check's Prometheus`, 150_000, async () => (await alerts()).find((a) => a.state === 'firing'));
    expect(firing.labels).toMatchObject({ budget_group: 'compute', severity: 'warning', team: 'platform', monthly_budget: String(LOW_BUDGET) });
    // Only the low budget's group: database and cache have none in the check.
    expect((await alerts()).map((a) => a.labels.budget_group)).toEqual(['compute']);
    // Independent: the compute nodes on the stack's own Prometheus, their raw hourly cost x 730. The
    // autoscaler moves the count, so the alert's value is a whole number of t3.large months within
    // the range the stack saw around it.
    const raw = await query('730 * sum(node_total_hourly_cost * on (node) group_left () kube_node_labels{label_headroom_component="compute"})');
    const seen = await query('730 * max_over_time(sum(node_total_hourly_cost * on (node) group_left () kube_node_labels{label_headroom_component="compute"})[5m:15s])');
    const least = await query('730 * min_over_time(sum(node_total_hourly_cost * on (node) group_left () kube_node_labels{label_headroom_component="compute"})[5m:15s])');
    const value = Number(firing.value);
    expect(value).toBeGreaterThan(LOW_BUDGET);
    expect(value).toBeGreaterThanOrEqual(Number(least[0].value[1]) - 1e-6);
    expect(value).toBeLessThanOrEqual(Number(seen[0].value[1]) + 1e-6);
    const nodes = value / (HOURS_PER_MONTH * T3_LARGE_HOURLY);
    expect(Math.abs(nodes - Math.round(nodes))).toBeLessThan(1e-6);
    expect(Number(raw[0].value[1])).toBeGreaterThan(LOW_BUDGET);

    const ticket = await waitFor('the ticket at the stack\'s receiver', 150_000, async () => {
      const got = await getJson<ReceivedNotification[]>(`${RECEIVER_URL}/notifications`);
      return got.find((n) => n.payload.alerts.some((a) => a.status === 'firing' && a.labels.alertname === ALERT && a.labels.budget_check === CHECK_LABEL.budget_check));
    });
    expect(ticket.receiver).toBe('ticket-platform');
  }, 330_000);

  test("the pack's own budgets hold on the demo: no budget group is over on the stack's Prometheus", async () => {
    expect(await query(`ALERTS{alertname="${ALERT}"}`)).toEqual([]);
    expect(await query(`${HOURS_PER_MONTH} * budget_group:node_total_hourly_cost:sum > on (budget_group) group_left () budget_group:cost_budget:monthly`)).toEqual([]);
    // ... and they are there to hold: one budget per group of the pack.
    expect((await query('budget_group:cost_budget:monthly')).map((s) => `${s.metric.budget_group}=${s.value[1]}`).sort()).toEqual(['cache=200', 'compute=1000', 'database=800']);
  });
});

// Live check of the cost budget alert on the running demo stack: the rules pack's
// HeadroomCostRunRateOverBudget, rendered with one deliberately low budget (low-budget.jsonnet:
// $10 a month for the t3.large nodes, groups by instance type so no series meets the pack's own
// component groups, 30 s instead of an hour), loaded into the stack's Prometheus beside the pack
// (rule_files + /-/reload), fires on the simulator's node_total_hourly_cost and reaches the platform
// team's ticket receiver through the stack's Alertmanager. The stack's Prometheus config is put back
// and reloaded afterwards, pass or fail. The pack's own budgets (compute $1,000, database $800,
// cache $200) hold on the demo: none of them fires.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import yaml from 'js-yaml';
import { loadConfig, statePaths } from '../../stack/config';
import { getJson, PROMETHEUS_URL, query, RECEIVER_URL, sleep } from '../../stack/testing';

const HOURS_PER_MONTH = 730;
const LOW_BUDGET = 10;
const ALERT = 'HeadroomCostRunRateOverBudget';

const paths = statePaths(loadConfig().stateDir);
const promConfig = path.join(paths.config, 'prometheus.yml');
const rulesFile = path.join(paths.config, 'rules', 'itest_low_budget.yaml');
let original = '';

interface ApiAlert {
  labels: Record<string, string>;
  state: string;
  value: string;
}
interface ReceivedNotification {
  receiver: string;
  payload: { alerts: { status: string; labels: Record<string, string> }[] };
}

async function reload(): Promise<void> {
  const res = await fetch(`${PROMETHEUS_URL}/-/reload`, { method: 'POST' });
  if (!res.ok) throw new Error(`Prometheus reload: ${res.status} ${await res.text()}`);
}

async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(2000);
  }
}

const lowBudgetAlerts = async () =>
  (await getJson<{ data: { alerts: ApiAlert[] } }>(`${PROMETHEUS_URL}/api/v1/alerts`)).data.alerts.filter((a) => a.labels.alertname === ALERT && a.labels.budget_group === 't3.large');

beforeAll(async () => {
  const rendered = execFileSync('jsonnet', ['-J', path.join(__dirname, '..'), path.join(__dirname, 'low-budget.jsonnet')], { encoding: 'utf8' });
  fs.writeFileSync(rulesFile, `# Written by alerts/tests/low-budget.itest.ts (removed after it): a deliberately low budget.\n${yaml.dump(JSON.parse(rendered), { lineWidth: 200 })}`);
  original = fs.readFileSync(promConfig, 'utf8');
  const doc = yaml.load(original) as { rule_files: string[] };
  doc.rule_files = [...doc.rule_files, rulesFile];
  fs.writeFileSync(promConfig, yaml.dump(doc, { lineWidth: 200 }));
  await reload();
});

afterAll(async () => {
  if (original) fs.writeFileSync(promConfig, original);
  fs.rmSync(rulesFile, { force: true });
  await reload();
});

describe('a deliberately low budget on the live stack', () => {
  test('fires the run-rate alert with 730 x the raw hourly cost of the group, and Alertmanager tickets the platform team', async () => {
    const firing = await waitFor('HeadroomCostRunRateOverBudget firing for t3.large', 150_000, async () => (await lowBudgetAlerts()).find((a) => a.state === 'firing'));
    expect(firing.labels).toMatchObject({ severity: 'warning', team: 'platform', monthly_budget: String(LOW_BUDGET) });
    // Independent: the t3.large nodes' raw node_total_hourly_cost, x 730, against the alert's value.
    const raw = await query('sum(node_total_hourly_cost{instance_type="t3.large"})');
    const monthly = HOURS_PER_MONTH * Number(raw[0].value[1]);
    expect(monthly).toBeGreaterThan(LOW_BUDGET);
    // Compute nodes come and go with the autoscaler: the alert's value is of its last evaluation.
    expect(Math.abs(Number(firing.value) - monthly) / monthly).toBeLessThan(0.5);
    // A whole number of t3.large nodes at the list price ($0.0832 an hour).
    const nodes = Number(firing.value) / (HOURS_PER_MONTH * 0.0832);
    expect(Math.abs(nodes - Math.round(nodes))).toBeLessThan(1e-6);

    const ticket = await waitFor('the ticket at the receiver', 150_000, async () => {
      const got = await getJson<ReceivedNotification[]>(`${RECEIVER_URL}/notifications`);
      return got.find((n) => n.payload.alerts.some((a) => a.status === 'firing' && a.labels.alertname === ALERT && a.labels.budget_group === 't3.large'));
    });
    expect(ticket.receiver).toBe('ticket-platform');
  }, 330_000);

  test("the pack's own budgets hold on the demo: no budget group of the pack is over", async () => {
    const own = (await getJson<{ data: { alerts: ApiAlert[] } }>(`${PROMETHEUS_URL}/api/v1/alerts`)).data.alerts.filter((a) => a.labels.alertname === ALERT && a.labels.budget_group !== 't3.large');
    expect(own).toEqual([]);
    const groups = await query(`${HOURS_PER_MONTH} * budget_group:node_total_hourly_cost:sum > on (budget_group) group_left () budget_group:cost_budget:monthly{budget_group!="t3.large"}`);
    expect(groups).toEqual([]);
  });
});

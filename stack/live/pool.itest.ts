/** @jest-environment node */
// A real connection-pool incident on the running stack's live part (#19): a session on the
// PostgreSQL primary holds an exclusive lock on live_orders (as a migration or a long backup
// would), so every checkout holds its replica's primary connection while it waits: each pool is
// fully used (db_client_connection_count{state="used"} = _max), requests queue, then get 503 after
// the pool's 1 s wait. HeadroomConnectionPoolHigh's expression (the usage ratio the pack records
// from OpenTelemetry's names, > 0.8) crosses on the stack's Prometheus and the alert is pending
// (its `for:` is 10m); the same pack with `for: 30s` (pool-short-for.jsonnet), in a Prometheus of
// the test's own scraping the same replicas (stack/checkPrometheus.ts), fires and its ticket reaches
// the web team's receiver (1 min of group_wait); then the lock is ended and checkouts answer 201
// again. With HEADROOM_ITEST_LONG=1 the lock and the checkouts last 12 min and the test waits for
// the stack's own alert to fire and reach the receiver (~13-14 min).
import * as path from 'node:path';
import { startCheckPrometheus } from '../checkPrometheus';
import { loadConfig } from '../config';
import { describeDataTier } from '../datatier/index';
import { psql } from '../datatier/postgres';
import { getJson, pollFor as waitFor, PROMETHEUS_URL, query, type Received, RECEIVER_URL } from '../testing';
import { liveScrapeJobs, liveUrls } from './autoscaler';
import { runLoad } from './load/generator';

const ALERT = 'HeadroomConnectionPoolHigh';
const LONG = process.env.HEADROOM_ITEST_LONG === '1';
/**
 * Seconds the lock and the checkouts may last: past the check's firing and its ticket (~2 min, up to
 * the group's 10 min interval when a run again meets it); or past the stack's own 10 min. The test
 * ends the lock as soon as it has what it waits for.
 */
const HOLD_S = 720;
const RATIO = 'instance_pool:hikaricp_connections:usage_ratio{namespace="live", pool="primary"}';
const CHECK = { pool_check: 'short-for' };
const MIN = 60_000;

test(`a lock on the primary fills the live replicas' pools: ${ALERT}'s expression crosses, the alert is pending; with for: 30s in a check Prometheus it fires and ticket-web gets it${LONG ? '; the stack\'s own fires and is notified' : ''}`, async () => {
  const stateDir = loadConfig().stateDir;
  const tier = describeDataTier(stateDir);
  const t0 = Date.now();
  const check = await startCheckPrometheus('pool-short-for', {
    rulesJsonnet: path.join(__dirname, 'pool-short-for.jsonnet'),
    externalLabels: CHECK,
    scrapeConfigs: liveScrapeJobs(stateDir),
  });
  const lock = psql(tier.bins, tier.ports.pgPrimary.port, `BEGIN; LOCK TABLE live_orders IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(${HOLD_S}); COMMIT;`, undefined, (HOLD_S + 30) * 1000);
  // Ended by the terminate below ("connection to server was lost"): handled from the start, since its
  // psql may exit before the terminate's own psql returns (an unhandled rejection fails the test).
  const lockEnded = lock.catch(() => undefined);
  const stop = new AbortController();
  const load = runLoad({
    target: liveUrls().service,
    profile: { durationS: HOLD_S, baseRps: 8, dayS: HOLD_S, amplitude: 0, growthPerDay: 0, spike: null },
    checkoutShare: 1,
    maxInFlight: 32,
    timeoutMs: 5000,
    signal: stop.signal,
  });
  try {
    // The alert's own expression, from the loaded rule, for the live replicas.
    const rules = (await getJson<{ data: { groups: { rules: { name: string; query: string; duration: number }[] }[] } }>(`${PROMETHEUS_URL}/api/v1/rules?type=alert`)).data.groups.flatMap((g) => g.rules);
    const rule = rules.find((r) => r.name === ALERT);
    expect(rule).toBeDefined();
    expect(rule!.query).toMatch(/instance_pool:hikaricp_connections:usage_ratio\s*>\s*0\.8/);
    const crossed = await waitFor(`${RATIO} > 0.8`, 40000, async () => {
      const r = await query(`(${rule!.query}) and on (instance, pool) ${RATIO}`);
      return r.length > 0 ? r : undefined;
    });
    const crossedS = (Date.now() - t0) / 1000;
    const pending = await waitFor(`${ALERT} pending or firing for namespace live`, 40000, async () => {
      const r = await query(`ALERTS{alertname="${ALERT}", namespace="live", pool="primary"}`);
      return r.length > 0 ? r : undefined;
    });
    console.log(`live pool: expression over 0.8 for ${crossed.length} replica(s) after ${crossedS.toFixed(1)} s (values ${crossed.map((s) => s.value[1]).join(', ')}); ${ALERT} ${pending[0].metric.alertstate} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(crossed.every((s) => Number(s.value[1]) > 0.8)).toBe(true);
    expect(['pending', 'firing']).toContain(pending[0].metric.alertstate);
    // The check (for: 30s): fires, and Alertmanager tickets the web team (the pools' owners).
    await waitFor(`${ALERT} firing in the check's Prometheus`, 2 * MIN, async () => ((await getJson<{ data: { result: unknown[] } }>(`${check.url}/api/v1/query?query=${encodeURIComponent(`ALERTS{alertname="${ALERT}", namespace="live", alertstate="firing"}`)}`)).data.result.length > 0 ? true : undefined), { everyMs: 2000 });
    const firedS = (Date.now() - t0) / 1000;
    const ticket = await waitFor(`the check's ${ALERT} at the receiver`, 11 * MIN, async () => {
      const all = await getJson<Received[]>(`${RECEIVER_URL}/notifications`);
      return all.find((n) => Date.parse(n.receivedAt) >= t0 && n.payload.alerts.some((a) => a.status === 'firing' && a.labels.alertname === ALERT && a.labels.namespace === 'live' && a.labels.pool_check === CHECK.pool_check));
    }, { everyMs: 2000 });
    console.log(`live pool: the check's ${ALERT} (for: 30s) firing after ${firedS.toFixed(1)} s, at ${ticket.receiver} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(ticket.receiver).toBe('ticket-web');
    if (LONG) {
      await waitFor(`${ALERT} firing`, (rule!.duration + 120) * 1000, async () => ((await query(`ALERTS{alertname="${ALERT}", namespace="live", alertstate="firing"}`)).length > 0 ? true : undefined), { everyMs: 10000 });
      const got = await waitFor(`a notification of ${ALERT} at the receiver`, 180000, async () => {
        const all = await getJson<Received[]>(`${RECEIVER_URL}/notifications`);
        return all.find((n) => Date.parse(n.receivedAt) >= t0 && n.payload.alerts.some((a) => a.status === 'firing' && a.labels.alertname === ALERT && a.labels.namespace === 'live'));
      }, { everyMs: 5000 });
      console.log(`live pool: ${ALERT} notified at ${got.receiver} after ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await check.stop();
    stop.abort();
    await load;
    // The lock's session ended (its pg_sleep would hold it for HOLD_S).
    await psql(tier.bins, tier.ports.pgPrimary.port, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'BEGIN; LOCK TABLE live_orders%' AND pid <> pg_backend_pid();").catch(() => undefined);
    await lockEnded;
  }
  // The lock gone: a checkout is written again.
  const after = await waitFor('a checkout answered 201 after the lock', 20000, async () => {
    const r = await fetch(`${liveUrls().service}/checkout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await r.text();
    return r.status === 201 ? r.status : undefined;
  });
  expect(after).toBe(201);
}, (LONG ? HOLD_S + 300 : 15 * 60) * 1000);

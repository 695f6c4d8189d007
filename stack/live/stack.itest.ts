/** @jest-environment node */
// The live part of the running demo stack (stack/live/stack.ts): a load step through its balancer
// takes the autoscaler from 5 to at least 8 replicas of the real service, no sooner than the
// configured upAfter and within it plus three loop steps and 20 s (the utilisation is measured
// over a loop step, so the step shows a step or two late; then the replicas start); the stack's
// Prometheus shows the rise in kube_horizontalpodautoscaler_status_current_replicas{namespace="live"}
// (an independent check: its own scrape of the autoscaler); once the load ends, back to 5 within
// downAfter (or the cooldown since the scale-up, whichever ends later) plus three loop steps and
// 10 s. Every bound comes from the stack's resolved config (<state>/live/autoscaler.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../config';
import { getJson, PROMETHEUS_URL, query, sleep } from '../testing';
import { awaitRest, liveStatus, loadStep, stackLiveConfig } from './loadStep';

const cfg = stackLiveConfig();
const { upAfter, downAfter, cooldown } = cfg.hpa;
const loop = cfg.loopSeconds;

test('a load step: 5 -> at least 8 live replicas within upAfter, seen by Prometheus, then back to 5', async () => {
  // At rest first: 5 replicas, and no change for a cooldown (a scale-up could not happen sooner).
  let now = await awaitRest(cfg);
  expect(now.hpa.current).toBe(5);

  const upBound = upAfter + 3 * loop + 20;
  const { stepAt, upAt, event, status, load } = await loadStep(upBound, now);
  now = status;
  const reaction = (upAt - stepAt) / 1000;
  console.log(`live stack: reaction to the load step ${reaction.toFixed(1)} s (upAfter ${upAfter} s, loop ${loop} s): ${JSON.stringify(event)}; load ${JSON.stringify({ ...load, byCode: undefined })}`);
  expect(upAt).toBeGreaterThan(0);
  expect(reaction).toBeGreaterThanOrEqual(upAfter);
  expect(reaction).toBeLessThanOrEqual(upBound);
  expect(event).toMatchObject({ from: 5 });
  expect(event!.to).toBeGreaterThanOrEqual(8);
  expect(event!.reason).toMatch(new RegExp(`^CPU \\d+ % of requests above the 75 % target for ${upAfter} s: ceil\\(5 x \\d\\.\\d\\d / 0\\.75\\) = \\d+`));

  // Prometheus' own scrape of the autoscaler shows the rise (one scrape interval, 15 s, at most).
  const since = Math.ceil((Date.now() - stepAt) / 1000) + 5;
  const promql = `max_over_time(kube_horizontalpodautoscaler_status_current_replicas{namespace="live", horizontalpodautoscaler="web"}[${since}s])`;
  let seen = NaN;
  const promDeadline = Date.now() + 40000;
  while (!(seen >= 8) && Date.now() < promDeadline) {
    const r = await query(promql);
    seen = r.length === 1 ? Number(r[0].value[1]) : NaN;
    if (!(seen >= 8)) await sleep(2000);
  }
  expect(seen).toBe(event!.to);
  const [before] = await query(`min_over_time(kube_horizontalpodautoscaler_status_current_replicas{namespace="live", horizontalpodautoscaler="web"}[${since + 60}s] offset ${since}s)`);
  expect(Number(before?.value[1])).toBe(5);

  // The load gone: back to 5.
  const idleAt = Date.now();
  const downBound = Math.max(downAfter, cooldown - (idleAt - upAt) / 1000) + 3 * loop + 10;
  while (now.hpa.current !== 5 && Date.now() - idleAt < downBound * 1000) {
    await sleep(1000);
    now = await liveStatus();
  }
  const back = (Date.now() - idleAt) / 1000;
  console.log(`live stack: back to ${now.hpa.current} ${back.toFixed(1)} s after the load ended: ${JSON.stringify(now.events[now.events.length - 1])}`);
  expect(now.hpa.current).toBe(5);
  expect(now.events[now.events.length - 1].reason).toMatch(new RegExp(`below 50 % for ${downAfter} s`));
}, 240000);

test('the dashboards list namespace live (default All) and the scaling rules and alerts read its series', async () => {
  // Each dashboard's namespace picker (label_values(<metric>{<matchers>}, namespace), $cluster = All) offers live, selected by default (All).
  const out = path.join(REPO_ROOT, 'dashboards', 'out');
  const pickers = fs
    .readdirSync(out)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ f, v: (JSON.parse(fs.readFileSync(path.join(out, f), 'utf8')) as Dashboard).templating?.list?.find((x) => x.name === 'namespace') }))
    .filter((d) => d.v);
  const withLive = [];
  for (const { f, v } of pickers) {
    const def = typeof v!.query === 'string' ? v!.query : v!.query.query;
    const m = def.match(/^label_values\((.*), namespace\)$/);
    expect(m).not.toBeNull();
    const namespaces = (await query(`count by (namespace) (${m![1].replace(/\$cluster/g, '.*')})`)).map((s) => s.metric.namespace);
    if (namespaces.includes('live')) withLive.push(f);
    expect(v!.current?.value).toEqual(['$__all']);
  }
  // The scaling, overview and SLO boards (the data tier's board lists database namespaces).
  expect(withLive.sort()).toEqual(['headroom-overview.json', 'headroom-scaling.json', 'headroom-slo-specs.json', 'headroom-slo.json']);
  // The recording rules the scaling board and the scaling alerts read have namespace live.
  for (const rule of [
    'namespace_horizontalpodautoscaler:kube_horizontalpodautoscaler_status_current_replicas:max',
    'namespace_horizontalpodautoscaler:kube_horizontalpodautoscaler_status_desired_replicas:max',
    'namespace_horizontalpodautoscaler:kube_horizontalpodautoscaler_spec_min_replicas:max',
    'namespace_horizontalpodautoscaler:kube_horizontalpodautoscaler_spec_max_replicas:max',
    'namespace_service:container_cpu_usage_ratio_requests:avg',
    'namespace_service:container_memory_working_set_ratio_requests:avg',
  ])
    expect({ rule, live: (await query(`${rule}{namespace="live"}`)).length }).toEqual({ rule, live: 1 });
  // No alert of the pack names a namespace: the same scaling alerts judge the live HPA as the simulated one.
  const rules = (await getJson<{ data: { groups: { rules: { type: string; name: string; query: string }[] }[] } }>(`${PROMETHEUS_URL}/api/v1/rules?type=alert`)).data.groups.flatMap((g) => g.rules);
  const scaling = rules.filter((r) => /horizontalpodautoscaler/.test(r.query));
  expect(scaling.length).toBeGreaterThanOrEqual(4);
  expect(scaling.filter((r) => /namespace\s*(=|!=|=~|!~)\s*"/.test(r.query)).map((r) => r.name)).toEqual([]);
});

interface Dashboard {
  templating?: { list?: { name: string; query: string | { query: string }; current?: { value?: unknown } }[] };
}

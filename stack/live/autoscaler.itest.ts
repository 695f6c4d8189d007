/** @jest-environment node */
// The live autoscaler on its own (no Prometheus, no demo stack): five fixture replicas that burn
// CPU per request, a load step through the balancer, and the HPA going from 5 to at least 8
// replicas once the CPU has stayed above the target for upAfter (shortened to 30 s, a 5 s loop);
// the load gone, back to 5 after downAfter (5 s). Then stop: no process of it may be left, and
// none either when the supervisor itself was killed. On free ports of its own (HEADROOM_LIVE_PORT /
// HEADROOM_AUTOSCALER_PORT set for it), so it runs beside a stack that holds the default ones.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseGroup, processesWithEnv } from './autoscaler/procstat';
import { liveUrls, startLive, stopLive } from './autoscaler';
import { AUTOSCALER_PORT_ENV, LIVE_PORT_ENV } from './autoscaler/config';
import { freePorts } from '../testing';

const FIXTURE = path.join(__dirname, 'autoscaler', 'fixtures', 'burner.mjs');
const LOOP = 5;
const UP_AFTER = 30;
const DOWN_AFTER = 5;
/** The load step: 15 requests/s of 20 ms CPU each = 0.3 core, 300 % of five 0.02-core requests. */
const RATE = 15;
const BURN_MS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Status {
  hpa: { current: number; desired: number; utilization: number };
  replicas: { pod: string; pid: number; ready: boolean }[];
  events: { from: number; to: number; utilization: number; reason: string }[];
  supervisor: { pid: number; rssBytes: number };
}

async function status(): Promise<Status> {
  return (await (await fetch(liveUrls(env).status)).json()) as Status;
}

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`));
  if (!line) throw new Error(`${name} is not exposed`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Running processes whose group is `pgid` (the supervisor leads one; each replica leads its own). Zombies (killed, not yet reaped) are not counted. */
function groupMembers(pgid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const line = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (parseGroup(line) === pgid && line.slice(line.lastIndexOf(')') + 2)[0] !== 'Z') out.push(Number(name));
    } catch {
      /* ended meanwhile */
    }
  }
  return out;
}

const running = (pid: number): boolean => {
  try {
    const line = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return line.slice(line.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

const comm = (pid: number): string => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 2).join(' ');
  } catch {
    return '(gone)';
  }
};

const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-live-'));
// Ports of its own: the demo stack's live part holds the default ones while this runs.
let env: NodeJS.ProcessEnv = process.env;

beforeAll(async () => {
  const [live, autoscaler] = await freePorts(2);
  env = { ...process.env, [LIVE_PORT_ENV]: String(live), [AUTOSCALER_PORT_ENV]: String(autoscaler) };
});

afterAll(async () => {
  await stopLive(stateDir);
  fs.rmSync(stateDir, { recursive: true, force: true });
});

test('a load step scales the live replicas from 5 to at least 8 within the stabilisation, back to 5 after it, and stop leaves no process', async () => {
  const t0 = Date.now();
  const s = await startLive({
    stateDir,
    env,
    serviceCommand: { cmd: process.execPath, args: [FIXTURE] },
    override: { loopSeconds: LOOP, hpa: { upAfter: UP_AFTER, downAfter: DOWN_AFTER, cooldown: 10 } },
  });
  const startMs = Date.now() - t0;
  const before = await status();
  expect(before.replicas.filter((r) => r.ready)).toHaveLength(5);
  const targets = () => JSON.parse(fs.readFileSync(path.join(stateDir, 'live', 'replicas.json'), 'utf8')) as { labels: { pod: string } }[];
  expect(targets().map((g) => g.labels.pod).sort()).toEqual(before.replicas.map((r) => r.pod).sort());

  // The load step, from a steady RATE of requests through the balancer.
  let sent = 0;
  let failed = 0;
  const errors = new Set<string>();
  let inFlight = 0;
  const load = setInterval(() => {
    if (inFlight >= 30) return;
    inFlight++;
    sent++;
    fetch(`${liveUrls(env).service}/burn?ms=${BURN_MS}`)
      .then(async (r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${await r.text()}`))))
      .catch((e: Error) => {
        failed++;
        errors.add(e.message.trim());
      })
      .finally(() => inFlight--);
  }, 1000 / RATE);
  const loadAt = Date.now();
  let reactedAt = 0;
  let now = before;
  try {
    while (Date.now() - loadAt < (UP_AFTER + 4 * LOOP + 15) * 1000) {
      await sleep(500);
      now = await status();
      if (now.hpa.current >= 8 && now.replicas.filter((r) => r.ready).length >= 8) {
        reactedAt = Date.now();
        break;
      }
    }
  } finally {
    clearInterval(load);
  }
  const reaction = (reactedAt - loadAt) / 1000;
  const rss = now.supervisor.rssBytes;
  console.log(
    `live autoscaler: start ${startMs} ms; reaction to the load step ${reaction.toFixed(1)} s (upAfter ${UP_AFTER} s, loop ${LOOP} s); ` +
      `event ${JSON.stringify(now.events[0])}; ${sent} requests, ${failed} failed ${[...errors].join('; ')}; supervisor RSS ${(rss / 2 ** 20).toFixed(1)} MiB`,
  );
  expect(reactedAt).toBeGreaterThan(0);
  // Not before the stabilisation window, and within it plus two loop steps and the replicas' start.
  expect(reaction).toBeGreaterThanOrEqual(UP_AFTER);
  expect(reaction).toBeLessThanOrEqual(UP_AFTER + 2 * LOOP + 10);
  expect(now.events[0]).toMatchObject({ from: 5 });
  expect(now.events[0].to).toBeGreaterThanOrEqual(8);
  expect(now.events[0].utilization).toBeGreaterThan(0.75 * 1.1);
  expect(now.events[0].reason).toMatch(/^CPU \d+ % of requests above the 75 % target for 30 s/);
  expect(failed).toBe(0);

  const text = await (await fetch(liveUrls(env).metrics)).text();
  expect(metric(text, 'kube_horizontalpodautoscaler_status_current_replicas')).toBeGreaterThanOrEqual(8);
  expect(metric(text, 'kube_horizontalpodautoscaler_spec_max_replicas')).toBe(12);
  expect(text.split('\n').filter((l) => l.startsWith('kube_pod_container_resource_requests{') && l.includes('resource="cpu"')).length).toBe(now.hpa.current);
  expect(targets().length).toBeGreaterThanOrEqual(8);

  // The load gone: below 50 % for DOWN_AFTER, back to min, the newest replicas stopped first.
  const idleAt = Date.now();
  const up = now;
  while (Date.now() - idleAt < (DOWN_AFTER + 4 * LOOP) * 1000 && now.events.length < 2) {
    await sleep(500);
    now = await status();
  }
  const down = (Date.now() - idleAt) / 1000;
  console.log(`live autoscaler: back down ${down.toFixed(1)} s after the load ended: ${JSON.stringify(now.events[1])}`);
  expect(now.events[1]).toMatchObject({ from: up.hpa.current, to: 5 });
  expect(now.events[1].reason).toMatch(/below 50 % for 5 s/);
  expect(down).toBeLessThanOrEqual(DOWN_AFTER + 3 * LOOP + 5);
  expect(now.replicas.map((r) => r.pod)).toEqual(before.replicas.map((r) => r.pod));
  expect(targets()).toHaveLength(5);

  // Stop: the supervisor, its process group, every replica (each leads a session of its own: a
  // scheduling group of its own, as a pod's cgroup).
  const pids = [s.pid, ...up.replicas.map((r) => r.pid)];
  const group = groupMembers(s.pid);
  expect(group).toContain(s.pid); // and tsx's esbuild
  for (const r of now.replicas) expect(groupMembers(r.pid)).toEqual([r.pid]);
  expect(processesWithEnv(`HEADROOM_LIVE_SUPERVISOR=${s.pid}`).sort()).toEqual(now.replicas.map((r) => r.pid).sort());
  console.log(`live autoscaler: process group before stop: ${group.map((pid) => `${pid} ${comm(pid)}`).join(', ')}`);
  expect(await stopLive(stateDir)).toBe(true);
  expect(groupMembers(s.pid)).toEqual([]);
  for (const pid of pids) expect(running(pid)).toBe(false);
  expect(targets()).toEqual([]);
  expect(fs.existsSync(path.join(stateDir, 'pids', 'live-autoscaler.pid'))).toBe(false);
});

test('a supervisor that was killed leaves replicas that stopLive still ends', async () => {
  const s = await startLive({ stateDir, env, serviceCommand: { cmd: process.execPath, args: [FIXTURE] }, override: { loopSeconds: LOOP } });
  const replicas = (await status()).replicas.map((r) => r.pid);
  process.kill(s.pid, 'SIGKILL'); // the supervisor alone: its replicas live on, each in its session
  await sleep(300);
  expect(replicas.filter(running).sort()).toEqual([...replicas].sort());
  expect(await stopLive(stateDir)).toBe(false);
  await sleep(300);
  expect(replicas.filter(running)).toEqual([]);
  expect(groupMembers(s.pid)).toEqual([]);
});

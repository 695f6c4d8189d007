// The supervisor: the Deployment's replicas, the Service in front of them (balancer.ts) and the HPA
// controller. Every `loopSeconds` it reads each replica's CPU from /proc, steps stack/hpa.ts on
// their average utilisation of the CPU request, and starts or stops replicas to the HPA's count.
// It serves the kube-state-metrics and cAdvisor series of all that on /metrics (simulator/kube.ts,
// namespace "live"), its state on /status, and keeps <stateDir>/live/replicas.json (file_sd) current.
// A Deployment manifest with replicas (manifest.ts), set in the config or by PUT /manifest/replicas,
// is written back over the HPA's count after every step, before the replicas follow it.
import * as fs from 'node:fs';
import * as http from 'node:http';
import { HOST } from '../../config';
import { HpaState, hpaStep, initialHpa } from '../../hpa';
import { renderLive } from '../../simulator/exposition';
import { emitHpa, emitPodUsage, hpaConditions, hpaSeries, replicaSetOwner } from '../../simulator/kube';
import { Emit, Series } from '../../simulator/series';
import { Balancer } from './balancer';
import { LiveConfig, livePaths } from './config';
import { manifestReplicasProblem, reapplyManifest } from './manifest';
import { averageUtilization, CpuSample, fileSdGroups, podName, replicaSetName, templateHash } from './pods';
import { clockTicks, readAllStats, readRss } from './procstat';
import { LIVE_LABELS, Replica, sample, startReplica, stopReplica, waitReady } from './replicas';

const READY_TIMEOUT_MS = 20000;
const MAX_EVENTS = 100;
/** The largest body PUT /manifest/replicas reads (a number or null). */
const MAX_BODY = 64;

export interface ScaleEvent {
  at: string;
  from: number;
  to: number;
  /** The average utilisation the decision was taken on (0.9 = 90 %). */
  utilization: number;
  reason: string;
}

/** Why the HPA changed the replicas, as the scaling timeline shows it. */
export function scaleReason(cfg: LiveConfig, from: number, to: number, utilization: number): string {
  const pct = (v: number) => `${Math.round(v * 100)} %`;
  const h = cfg.hpa;
  const proposal = Math.ceil((from * utilization) / h.targetUtilization - 1e-9);
  const held = to > from ? `above the ${pct(h.targetUtilization)} target for ${h.upAfter} s` : `below ${pct(h.scaleDownBelow)} for ${h.downAfter} s`;
  const bound = to === proposal ? '' : to === h.maxReplicas || to === h.minReplicas ? ` (limited to ${to})` : ` (step limited to ${to})`;
  return `CPU ${pct(utilization)} of requests ${held}: ceil(${from} x ${utilization.toFixed(2)} / ${h.targetUtilization}) = ${proposal}${bound}`;
}

export class Supervisor {
  readonly hpa: HpaState;
  readonly events: ScaleEvent[] = [];
  private replicas: Replica[] = [];
  private serial = 0;
  private utilization = NaN;
  private ableToScale = true;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  /** The Deployment manifest's spec.replicas (manifest.ts), or null: none. */
  private manifestReplicas: number | null;
  /** The manifest's last write-back over the HPA's count (events are not repeated for the same one). */
  private lastWriteBack: { from: number; to: number; desired: number } | null = null;
  private stopped = false;
  private readonly template: string;
  private readonly hz = clockTicks();
  private readonly balancer: Balancer;
  private readonly metrics: http.Server;
  private readonly hpaSeries = hpaSeries('web', LIVE_LABELS);
  private readonly rsOwner: Series;

  constructor(readonly cfg: LiveConfig) {
    this.template = templateHash(cfg.service);
    this.rsOwner = replicaSetOwner(replicaSetName(this.template), LIVE_LABELS);
    this.hpa = initialHpa(cfg.hpa, Date.now() / 1000);
    this.manifestReplicas = cfg.manifestReplicas ?? null;
    this.balancer = new Balancer(() => this.replicas.filter((r) => r.ready));
    this.metrics = http.createServer((req, res) => this.serve(req, res));
  }

  async start(): Promise<void> {
    await this.balancer.listen(this.cfg.livePort);
    await new Promise<void>((resolve, reject) => {
      this.metrics.once('error', reject);
      this.metrics.listen(this.cfg.autoscalerPort, HOST, () => resolve());
    });
    this.applyManifest(NaN);
    await this.reconcile(this.hpa.current);
    if (!this.ableToScale) throw new Error(`the first ${this.hpa.current} replicas did not all become ready (see ${livePaths(this.cfg.stateDir).dir}/logs)`);
    this.sampleAll(); // the first reading: every replica's next one has an interval
    this.timer = setInterval(() => void this.tick(), this.cfg.loopSeconds * 1000);
    this.log(`serving on http://${HOST}:${this.cfg.livePort} with ${this.hpa.current} replicas; metrics on http://${HOST}:${this.cfg.autoscalerPort}/metrics; loop ${this.cfg.loopSeconds} s, CPU request ${this.cfg.cpuRequest} core per replica`);
  }

  private log(line: string): void {
    console.log(`${new Date().toISOString()} ${line}`);
  }

  private sampleAll(): CpuSample[] {
    const all = readAllStats();
    const now = Date.now();
    const out: CpuSample[] = [];
    for (const r of this.replicas) {
      const s = sample(r, all, now, this.hz);
      if (s && r.ready) out.push(s);
    }
    return out;
  }

  /** One step of the control loop. */
  async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      this.utilization = averageUtilization(this.sampleAll(), this.cfg.cpuRequest);
      const from = this.hpa.current;
      const decided = this.hpa.desired;
      hpaStep(this.cfg.hpa, this.hpa, Date.now() / 1000, this.utilization);
      // A scale event is a decision of the HPA; its writing the same count again over a second
      // writer's (every step, as Kubernetes' controller does) is not one.
      if (this.hpa.current !== from && this.hpa.desired !== decided) {
        const ev = { at: new Date().toISOString(), from, to: this.hpa.current, utilization: this.utilization, reason: scaleReason(this.cfg, from, this.hpa.current, this.utilization) };
        this.record(ev);
        this.log(`scaled ${from} -> ${ev.to}: ${ev.reason}`);
      }
      this.applyManifest(this.utilization);
      await this.reconcile(this.hpa.current);
    } catch (e) {
      this.log(`control loop step failed: ${(e as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  private record(ev: ScaleEvent): void {
    this.events.push(ev);
    if (this.events.length > MAX_EVENTS) this.events.shift();
  }

  /** The manifest's replicas written back over the HPA's count (the self-heal), as an event of its own. */
  private applyManifest(utilization: number): void {
    const was = reapplyManifest(this.hpa, this.manifestReplicas);
    if (was === null) {
      this.lastWriteBack = null;
      return;
    }
    // The same write-back every step while the HPA keeps its count: one event, until it changes.
    const same = this.lastWriteBack?.from === was && this.lastWriteBack.to === this.hpa.current && this.lastWriteBack.desired === this.hpa.desired;
    this.lastWriteBack = { from: was, to: this.hpa.current, desired: this.hpa.desired };
    if (same) return;
    const ev = { at: new Date().toISOString(), from: was, to: this.hpa.current, utilization, reason: `the Deployment's manifest re-applied: spec.replicas ${this.hpa.current} written over ${was} (a second writer of the count; the HPA wants ${this.hpa.desired})` };
    this.record(ev);
    this.log(`manifest ${was} -> ${ev.to}: ${ev.reason}`);
  }

  /** The ReplicaSet's job: exactly `n` live replicas (replacing those that exited), the newest stopped first. */
  private async reconcile(n: number): Promise<void> {
    const exited = this.replicas.filter((r) => r.exitCode !== undefined && !r.stopping);
    for (const r of exited) this.log(`replica ${r.pod} exited (code ${r.exitCode}); replacing it`);
    this.replicas = this.replicas.filter((r) => !exited.includes(r));
    const surplus = this.replicas.splice(n);
    const starting: Replica[] = [];
    while (this.replicas.length < n && !this.stopped) {
      const r = await startReplica(this.cfg, this.template, podName(this.template, ++this.serial));
      this.replicas.push(r);
      starting.push(r);
    }
    if (surplus.length > 0) this.writeTargets(); // out of the balancer and of Prometheus' targets before they stop
    // Each replica joins the balancer (its `ready`) and the targets as soon as it accepts connections.
    const joined = (r: Replica) => waitReady(r, READY_TIMEOUT_MS).then((ok) => (ok && this.writeTargets(), ok));
    const [ready] = await Promise.all([Promise.all(starting.map(joined)), Promise.all(surplus.map((r) => stopReplica(r)))]);
    const failed = starting.filter((_, i) => !ready[i]);
    for (const r of failed) {
      this.log(`replica ${r.pod} did not become ready within ${READY_TIMEOUT_MS / 1000} s (exit ${r.exitCode ?? 'none'}); stopping it`);
      await stopReplica(r);
    }
    this.replicas = this.replicas.filter((r) => !failed.includes(r));
    // AbleToScale: false while the Deployment cannot be brought to the HPA's count.
    if (starting.length > 0 || exited.length > 0) this.ableToScale = failed.length === 0;
    this.writeTargets();
  }

  private writeTargets(): void {
    const file = livePaths(this.cfg.stateDir).replicas;
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(fileSdGroups(this.replicas.filter((r) => r.ready)), null, 2) + '\n');
    fs.renameSync(tmp, file);
  }

  collect(emit: Emit): void {
    const h = this.hpa;
    const c = this.cfg;
    emitHpa(
      this.hpaSeries,
      {
        current: h.current,
        desired: h.desired,
        min: c.hpa.minReplicas,
        max: c.hpa.maxReplicas,
        targetPercent: Math.round(c.hpa.targetUtilization * 100),
        utilizationPercent: Math.round(this.utilization * 100),
        averageCores: Math.round(this.utilization * c.cpuRequest * 1e4) / 1e4,
        conditions: hpaConditions(h, this.ableToScale),
      },
      emit,
    );
    const pods = this.replicas;
    emitPodUsage(
      pods.map((r) => r.kube),
      (i) => pods[i].rssBytes,
      emit,
    );
    emit(this.rsOwner, 1);
    pods.forEach((r) => {
      emit(r.requests[0], c.cpuRequest);
      emit(r.requests[1], c.memoryRequest);
    });
  }

  status() {
    return {
      hpa: { ...this.hpa, utilization: this.utilization, ableToScale: this.ableToScale },
      config: { hpa: this.cfg.hpa, loopSeconds: this.cfg.loopSeconds, cpuRequest: this.cfg.cpuRequest },
      manifest: { replicas: this.manifestReplicas },
      replicas: this.replicas.map((r) => ({ pod: r.pod, pid: r.pid, port: r.port, ready: r.ready, cpuSeconds: r.kube.cpuSeconds, rssBytes: r.rssBytes })),
      events: this.events,
      supervisor: { pid: process.pid, rssBytes: readRss(process.pid) },
    };
  }

  /** PUT /manifest/replicas with a JSON body: a whole number 1..maxReplicas, or null (no replicas field). Applied at the next loop step. */
  private putManifest(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    let tooLong = false;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      tooLong ||= body.length > MAX_BODY;
    });
    req.on('end', () => {
      let value: unknown;
      let problem: string | null = tooLong ? `a body of more than ${MAX_BODY} characters: send a number or null` : null;
      try {
        value = JSON.parse(body);
      } catch {
        problem ??= `the body ${JSON.stringify(body)} is not JSON: send a number or null`;
      }
      problem ??= manifestReplicasProblem(value, this.cfg.hpa.maxReplicas);
      if (problem) {
        res.writeHead(400, { 'Content-Type': 'text/plain' }).end(`${problem}\n`);
        return;
      }
      this.manifestReplicas = value as number | null;
      this.log(`manifest replicas set to ${String(this.manifestReplicas)}${this.manifestReplicas === null ? ' (no replicas field: the HPA owns the count)' : ''}`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ replicas: this.manifestReplicas }));
    });
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse): void {
    const route = (req.url ?? '/').split('?')[0];
    if (route === '/manifest/replicas' && req.method === 'PUT') this.putManifest(req, res);
    else if (req.method !== 'GET') res.writeHead(405).end();
    else if (route === '/metrics') res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }).end(renderLive(this));
    else if (route === '/status') res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(this.status()));
    else if (route === '/-/healthy') res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('try /metrics, /status, /-/healthy or PUT /manifest/replicas\n');
  }

  /** Ends the loop, the balancer, every replica and the metrics server; empties the file_sd targets. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const settle = Date.now() + 10000; // a step under way finishes starting its replicas first
    while (this.busy && Date.now() < settle) await new Promise((r) => setTimeout(r, 50));
    await this.balancer.close().catch(() => undefined);
    const all = this.replicas;
    this.replicas = [];
    await Promise.all(all.map((r) => stopReplica(r)));
    try {
      this.writeTargets();
    } catch {
      /* the state folder is gone */
    }
    this.metrics.closeAllConnections();
    await new Promise<void>((resolve) => this.metrics.close(() => resolve()));
  }
}

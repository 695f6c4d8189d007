/** @jest-environment node */
import { HPA } from './autoscaler';
import { renderLive, renderStored } from './exposition';
import { schedule } from './incidents';
import { LE_LABELS } from './latency';
import { DAY, FAMILIES, Simulator, TICK } from './model';
import { Series } from './series';
import { baselineDemand } from './traffic';

const ANCHOR = 1_700_000_100 - (1_700_000_100 % DAY); // a UTC midnight
const SEED = 7;

function snapshot(sim: Simulator, only?: (s: Series) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  sim.collect((s, v) => {
    if (!only || only(s)) m.set(s.stored, v);
  });
  return m;
}

const isCounter = (s: Series) => s.family.type !== 'gauge';

describe('simulator determinism', () => {
  test('same seed and anchor give the same exposition at every tick', () => {
    const a = new Simulator({ seed: SEED, anchor: ANCHOR });
    const b = new Simulator({ seed: SEED, anchor: ANCHOR });
    for (let k = 0; k < 2000; k += 97) {
      a.advanceTo(k);
      b.advanceTo(k);
      expect(renderLive(b)).toBe(renderLive(a));
    }
  });

  test('a replay that jumps straight to a tick equals one that stepped through every tick', () => {
    const stepped = new Simulator({ seed: SEED, anchor: ANCHOR });
    const outs: string[] = [];
    for (let k = 0; k <= 3000; k++) {
      stepped.advanceTo(k);
      if (k % 1000 === 0) outs.push(renderLive(stepped));
    }
    const jumped = new Simulator({ seed: SEED, anchor: ANCHOR });
    jumped.advanceToTime(ANCHOR + 3000 * TICK + 7);
    expect(jumped.k).toBe(3000);
    expect(renderLive(jumped)).toBe(outs[3]);
  });

  test('another seed gives other numbers', () => {
    const a = new Simulator({ seed: 1, anchor: ANCHOR });
    const b = new Simulator({ seed: 2, anchor: ANCHOR });
    a.advanceTo(500);
    b.advanceTo(500);
    expect(renderLive(a)).not.toBe(renderLive(b));
  });

  test('live and stored expositions carry the same values, stored ones with job, instance and timestamp', () => {
    const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
    sim.advanceTo(100);
    const live = renderLive(sim)
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    const stored: string[] = [];
    renderStored(sim, stored);
    expect(stored).toHaveLength(live.length);
    stored.forEach((line, i) => {
      expect(line.endsWith(` ${sim.t}\n`)).toBe(true);
      expect(line.split(' ')[1]).toBe(live[i].split(' ').pop());
      expect(line).toMatch(/cluster="demo",namespace="demo"/);
      expect(line).toMatch(/job="headroom-simulator"/);
      expect(line).toMatch(/instance="/);
    });
  });
});

describe('counters', () => {
  test('every counter is monotonic between ticks, except at a scheduled deploy or Redis restart', () => {
    const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
    const days = 4;
    const resets = schedule(SEED, ANCHOR, ANCHOR + days * DAY).filter((o) => o.kind === 'deploy' || o.kind === 'redis-restart');
    expect(resets.length).toBeGreaterThan(0); // the period is at most 72 h
    let prev = snapshot(sim, isCounter);
    const seenResets = new Set<string>();
    for (let k = 1; k <= (days * DAY) / TICK; k++) {
      sim.advanceTo(k);
      const cur = snapshot(sim, isCounter);
      for (const [key, v] of cur) {
        const before = prev.get(key);
        if (before === undefined || v >= before) continue;
        // A decrease: only allowed right after a reset event of the right kind.
        const kind = key.startsWith('redis_') ? 'redis-restart' : 'deploy';
        const ev = resets.find((o) => o.kind === kind && o.start > sim.t - TICK && o.start <= sim.t);
        expect({ key, t: sim.t, reset: ev?.kind }).toEqual({ key, t: sim.t, reset: kind });
        seenResets.add(kind);
      }
      prev = cur;
    }
    expect([...seenResets].sort()).toEqual([...new Set(resets.map((r) => r.kind))].sort());
  });

  test('histogram buckets are cumulative and _count equals the +Inf bucket and the request counters', () => {
    const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
    sim.advanceTo(5000);
    const m = snapshot(sim);
    for (const handler of ['/api', '/checkout']) {
      const get = (name: string, extra = '') =>
        [...m].find(([k]) => k.startsWith(name + '{') && k.includes(`handler="${handler}"`) && k.includes(extra))![1];
      let last = 0;
      for (const le of LE_LABELS) {
        const v = get('http_request_duration_seconds_bucket', `le="${le}"`);
        expect(v).toBeGreaterThanOrEqual(last);
        last = v;
      }
      const inf = get('http_request_duration_seconds_bucket', 'le="+Inf"');
      expect(inf).toBeGreaterThanOrEqual(last);
      expect(get('http_request_duration_seconds_count')).toBe(inf);
      const requests = ['200', '500', '503'].reduce((a, code) => a + get('http_requests_total', `code="${code}"`), 0);
      expect(requests).toBe(inf);
    }
  });
});

describe('model shape', () => {
  test('weekday peaks of demand are about 2,150 req/s at the reference time and grow 50 % a year', () => {
    const ref = ANCHOR + 30 * DAY;
    const weekdayPeak = (around: number) => {
      let best = 0;
      for (let t = around - 7 * DAY; t < around; t += 300) {
        const day = new Date(t * 1000).getUTCDay();
        if (day >= 1 && day <= 4) best = Math.max(best, baselineDemand(SEED, t, ref));
      }
      return best;
    };
    const now = weekdayPeak(ref);
    expect(now).toBeGreaterThan(2050);
    expect(now).toBeLessThan(2350);
    expect(weekdayPeak(ref + 365 * DAY) / now).toBeCloseTo(1.5, 1);
  });

  test('exposes every contract family with the common labels', () => {
    const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
    const text = renderLive(sim);
    for (const f of FAMILIES) expect(text).toContain(`# TYPE ${f.name} ${f.type}`);
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
      expect(line).toMatch(/cluster="demo",namespace="demo"\} /);
    }
  });

  test('the autoscaler stays within 5..12, reaches 12 in a traffic spike, and pods follow it', () => {
    const sim = new Simulator({ seed: SEED, anchor: ANCHOR });
    const spikes = schedule(SEED, ANCHOR + 3600, ANCHOR + DAY).filter((o) => o.kind === 'traffic-spike');
    expect(spikes.length).toBeGreaterThanOrEqual(3);
    let maxInSpike = 0;
    let lo = Infinity;
    let hi = -Infinity;
    let podsMismatch = 0;
    for (let k = 1; k <= DAY / TICK; k++) {
      sim.advanceTo(k);
      lo = Math.min(lo, sim.replicas);
      hi = Math.max(hi, sim.replicas);
      if (sim.podNames().length !== sim.replicas) podsMismatch++;
      if (spikes.some((s) => sim.t >= s.start && sim.t < s.end)) maxInSpike = Math.max(maxInSpike, sim.replicas);
    }
    expect({ lo, hi, podsMismatch }).toEqual({ lo: HPA.minReplicas, hi: HPA.maxReplicas, podsMismatch: 0 });
    expect(maxInSpike).toBe(HPA.maxReplicas);
  });

  // The stack's anchor is an hour 30 days back: one in a spike's ramp up or down started the HPA
  // sized for the baseline and shed 17 % of 10 minutes (CI, anchor 2026-11-05T01:00Z, seed 42).
  test('an anchor anywhere in a traffic spike starts with the pods its demand needs: nothing shed', () => {
    const spike = schedule(42, ANCHOR + 3600, ANCHOR + DAY).find((o) => o.kind === 'traffic-spike')!;
    let worst = 0;
    const first = spike.start - (spike.start % 60) - 5 * 60;
    for (let anchor = first; anchor < spike.end; anchor += 60) {
      const sim = new Simulator({ seed: 42, anchor });
      for (let k = 1; k <= 3600 / TICK; k++) {
        sim.advanceTo(k);
        worst = Math.max(worst, 1 - sim.served / sim.demand);
      }
    }
    expect(worst).toBe(0);
  });
});

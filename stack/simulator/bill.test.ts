/** @jest-environment node */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appDatabaseBytes, BILL_FAMILIES, BYTES_PER_REQUEST, ROOT_FS_BYTES } from './bill';
import { DAY, Simulator, TICK } from './model';
import { COMMON_LABELS, Series } from './series';

const ANCHOR = 1_700_000_100 - (1_700_000_100 % DAY);
const EXPORTER: Record<string, string> = {
  pg_database_size_bytes: 'postgres_exporter',
  node_filesystem_size_bytes: 'node_exporter',
  node_network_transmit_bytes_total: 'node_exporter',
};

function samples(sim: Simulator, name: string): Array<{ s: Series; v: number }> {
  const out: Array<{ s: Series; v: number }> = [];
  sim.collect((s, v) => {
    if (s.family.name === name) out.push({ s, v });
  });
  return out;
}

describe("the demo's bill beyond nodes", () => {
  test('only names and labels the real exporters emit (exporter-series.json), besides the scrape and demo labels', () => {
    const recorded = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'datatier', 'exporter-series.json'), 'utf8')) as Record<string, Record<string, string[]>>;
    const sim = new Simulator({ seed: 1, anchor: ANCHOR });
    for (const f of Object.values(BILL_FAMILIES)) {
      const real = recorded[EXPORTER[f.name]][f.name];
      expect(real).toBeDefined();
      const list = samples(sim, f.name);
      expect(list.length).toBeGreaterThan(0);
      for (const { s } of list) {
        const own = Object.keys(s.labels).filter((k) => k !== 'instance' && !(k in COMMON_LABELS));
        expect(own.sort()).toEqual([...real].sort());
      }
    }
  });

  test('each PostgreSQL server holds the growing application database; each compute node an 80 GiB root volume', () => {
    const sim = new Simulator({ seed: 1, anchor: ANCHOR });
    sim.advanceTo(5760); // one day
    const pg = samples(sim, 'pg_database_size_bytes');
    const app = pg.filter((x) => x.s.labels.datname === 'app');
    expect(app.map((x) => x.s.labels.server).sort()).toEqual(['pg-primary:5432', 'pg-replica-1:5432', 'pg-replica-2:5432']);
    for (const x of app) expect(x.v).toBe(appDatabaseBytes(sim.t, ANCHOR));
    expect(appDatabaseBytes(ANCHOR + DAY, ANCHOR) - appDatabaseBytes(ANCHOR, ANCHOR)).toBe(Math.round(0.4 * 2 ** 30));
    const roots = samples(sim, 'node_filesystem_size_bytes').filter((x) => x.s.labels.mountpoint === '/');
    expect(roots.length).toBe(sim.replicas);
    expect(new Set(roots.map((x) => x.v))).toEqual(new Set([ROOT_FS_BYTES]));
  });

  test("the compute nodes' eth0 counters grow by the requests served x bytes per request, and never go back while the node stays", () => {
    const sim = new Simulator({ seed: 3, anchor: ANCHOR });
    const eth0 = () => new Map(samples(sim, 'node_network_transmit_bytes_total').filter((x) => x.s.labels.device === 'eth0').map((x) => [x.s.labels.instance, x.v]));
    let before = eth0();
    for (let k = 1; k <= 2000; k++) {
      sim.advanceTo(k);
      const now = eth0();
      let sent = 0;
      for (const [node, v] of now) {
        const prev = before.get(node);
        if (prev !== undefined) {
          expect(v).toBeGreaterThanOrEqual(prev);
          sent += v - prev;
        } else {
          sent += v;
        }
      }
      // Whole bytes per node: each node drops under one byte.
      const want = sim.served * TICK * BYTES_PER_REQUEST;
      expect(Math.abs(sent - want)).toBeLessThan(now.size);
      before = now;
    }
  });
});

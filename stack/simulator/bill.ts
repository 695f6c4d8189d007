// The demo's bill beyond nodes, as the real exporters report it (names and labels as in
// stack/datatier/exporter-series.json): postgres_exporter's pg_database_size_bytes per database of
// each PostgreSQL server, and node_exporter's node_filesystem_size_bytes and
// node_network_transmit_bytes_total on each compute node (the managed databases and the cache run
// no node_exporter). Sizes are pure functions of time; the transmit counters follow the requests
// the web pods serve, so egress moves with traffic.
import { Family, makeSeries, Series } from './series';

const GIB = 2 ** 30;
const MIB = 2 ** 20;
const { floor, max, round } = Math;

export const BILL_FAMILIES = {
  pgSize: { name: 'pg_database_size_bytes', type: 'gauge', help: 'Disk space used by the database', source: 'postgres_exporter' },
  fsSize: { name: 'node_filesystem_size_bytes', type: 'gauge', help: 'Filesystem size in bytes.', source: 'node_exporter' },
  netTx: { name: 'node_network_transmit_bytes_total', type: 'counter', help: 'Network device statistic transmit_bytes.', source: 'node_exporter' },
} satisfies Record<string, Family>;

/** The application database at the anchor and its growth; the others are PostgreSQL's own (~7.5 MiB each). */
export const APP_DB_GIB_AT_ANCHOR = 180;
export const APP_DB_GIB_PER_DAY = 0.4;
const SYSTEM_DBS: ReadonlyArray<[string, number]> = [
  ['postgres', 7_672_611],
  ['template0', 7_512_579],
  ['template1', 7_672_611],
];

/** A compute node's root volume: 80 GiB gp3 formatted ext4 (what df reports as its size), and /run. */
export const ROOT_FS_BYTES = 83_156_500_480;
const RUN_TMPFS_BYTES = 806 * MIB;

/** Bytes a compute node sends per request served (response, headers, TLS), and on lo per second. */
export const BYTES_PER_REQUEST = 1200;
const LOOPBACK_BYTES_PER_SECOND = 2_400;

/** pg_database_size_bytes of the application database at unix time `t` (every server holds the same copy). */
export function appDatabaseBytes(t: number, anchor: number): number {
  return round((APP_DB_GIB_AT_ANCHOR + (APP_DB_GIB_PER_DAY * (t - anchor)) / 86400) * GIB);
}

interface NodeNet {
  eth0: Series;
  lo: Series;
  fs: Series[];
  txEth0: number;
  txLo: number;
}

export class BillSeries {
  private readonly pg: Array<{ app: Series; system: Series[] }>;
  /** Compute node i (1-based) at index i - 1; a node that goes away and comes back starts from 0. */
  private nodes: NodeNet[] = [];
  private appBytes = 0;

  constructor(
    pgServers: readonly string[],
    private readonly anchor: number,
  ) {
    const f = BILL_FAMILIES.pgSize;
    this.pg = pgServers.map((instance) => {
      const own = (datname: string) => makeSeries(f, f.name, { instance, datname, server: `${instance}:5432` });
      return { app: own('app'), system: SYSTEM_DBS.map(([d]) => own(d)) };
    });
  }

  private node(name: string): NodeNet {
    const fs = BILL_FAMILIES.fsSize;
    const net = BILL_FAMILIES.netTx;
    return {
      eth0: makeSeries(net, net.name, { instance: name, device: 'eth0' }),
      lo: makeSeries(net, net.name, { instance: name, device: 'lo' }),
      fs: [
        makeSeries(fs, fs.name, { instance: name, device: '/dev/nvme0n1p1', fstype: 'ext4', mountpoint: '/' }),
        makeSeries(fs, fs.name, { instance: name, device: 'tmpfs', fstype: 'tmpfs', mountpoint: '/run' }),
      ],
      txEth0: 0,
      txLo: 0,
    };
  }

  /**
   * One tick ending at `t`: `served` requests per second spread over `computeNodes` nodes (named by
   * `nodeName(i)`, 1-based) for `tick` seconds.
   */
  step(t: number, tick: number, served: number, computeNodes: number, nodeName: (i: number) => string): void {
    this.appBytes = appDatabaseBytes(t, this.anchor);
    if (this.nodes.length > computeNodes) this.nodes.length = computeNodes;
    while (this.nodes.length < computeNodes) this.nodes.push(this.node(nodeName(this.nodes.length + 1)));
    const perNode = (served * tick * BYTES_PER_REQUEST) / max(1, computeNodes);
    for (const n of this.nodes) {
      n.txEth0 += floor(perNode);
      n.txLo += LOOPBACK_BYTES_PER_SECOND * tick;
    }
  }

  /** Samples in family order: database sizes, filesystem sizes, transmit counters. */
  collect(emit: (s: Series, v: number) => void): void {
    for (const p of this.pg) {
      emit(p.app, this.appBytes);
      p.system.forEach((s, i) => emit(s, SYSTEM_DBS[i][1]));
    }
    for (const n of this.nodes) {
      emit(n.fs[0], ROOT_FS_BYTES);
      emit(n.fs[1], RUN_TMPFS_BYTES);
    }
    for (const n of this.nodes) {
      emit(n.eth0, n.txEth0);
      emit(n.lo, n.txLo);
    }
  }
}

// What `stack/cli.ts status` says about the data tier: each server answers on its port (a TCP
// connection is accepted), each exporter answers /metrics and reaches its server (its `up`
// series is 1), and the workload runs.
import * as net from 'node:net';
import { HOST } from '../config';
import { httpGet } from '../procs';
import { TierService, tierPorts } from './config';

export interface TierStatus {
  /** pid-file name */
  name: string;
  where: (env: NodeJS.ProcessEnv) => string;
  /** null: answering is not asked of it (the workload has no port). */
  port: TierService | null;
  /** For an exporter: the series that says it reaches its server. */
  up?: RegExp;
}

const server = (name: string, port: TierService): TierStatus => ({ name, port, where: (env) => `${HOST}:${tierPorts(env)[port].port}` });
const exporter = (name: string, port: TierService, up: RegExp): TierStatus => ({ name, port, up, where: (env) => `http://${HOST}:${tierPorts(env)[port].port}/metrics` });

export const TIER_STATUS: TierStatus[] = [
  server('pg-primary', 'pgPrimary'),
  server('pg-replica', 'pgReplica'),
  server('mariadb-primary', 'mariadbPrimary'),
  server('mariadb-replica', 'mariadbReplica'),
  server('redis', 'redis'),
  exporter('pg-primary-exporter', 'pgPrimaryExporter', /^pg_up 1$/m),
  exporter('pg-replica-exporter', 'pgReplicaExporter', /^pg_up 1$/m),
  exporter('mysqld-primary-exporter', 'mysqldPrimaryExporter', /^mysql_up 1$/m),
  exporter('mysqld-replica-exporter', 'mysqldReplicaExporter', /^mysql_up 1$/m),
  exporter('redis-exporter', 'redisExporter', /^redis_up 1$/m),
  exporter('node-exporter', 'nodeExporter', /^node_cpu_seconds_total\{/m),
  { name: 'workload', port: null, where: () => 'pgbench, mariadb and redis-benchmark rounds on the tier (logs/workload.log)' },
];

/** True when the process answers: a server accepts a connection, an exporter reports its server up. */
export async function tierAnswers(t: TierStatus, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (t.port === null) return true;
  const port = tierPorts(env)[t.port].port;
  if (t.up) {
    const r = await httpGet(`http://${HOST}:${port}/metrics`, 5000).catch(() => null);
    return !!r && r.status === 200 && t.up.test(r.body);
  }
  return new Promise((resolve) => {
    const s = net.connect(port, HOST, () => (s.destroy(), resolve(true)));
    s.setTimeout(3000, () => (s.destroy(), resolve(false)));
    s.on('error', () => resolve(false));
  });
}

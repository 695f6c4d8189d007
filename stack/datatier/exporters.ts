// The real Prometheus exporters from Debian, one per server (as usually deployed), each on
// 127.0.0.1, pointed at its server on loopback.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOST } from '../config';
import { httpGet, spawnService, Spawned, waitFor } from '../procs';
import { TierBins, TierPorts } from './config';
import { mysqlExporterCnf } from './mariadb';
import { writePrivate } from './run';
import { pgDsn } from './postgres';
import { TIER_STATUS } from './status';

/**
 * Extra queries of postgres_exporter 0.11 (--extend.query-path). Only what it lacks by itself:
 * the replica's replay lag (`pg_replication_lag`, `pg_replication_is_replica`; the names of the
 * exporter's example queries.yaml; newer versions have a built-in collector emitting `pg_replication_lag_seconds`
 * and `pg_replication_is_replica` without the `server` label) and statement counts and time from
 * pg_stat_statements per role and database, named as the opt-in `stat_statements` collector of
 * newer versions names them (`pg_stat_statements_{calls,seconds,rows}_total`; that one adds `queryid` and keeps
 * only the top 100 statements, so sum by datname to read both).
 * Unlike that example, the lag is 0 while the replica has replayed all it received: the example's
 * `now() - pg_last_xact_replay_timestamp()` alone climbs 1 s/s whenever the primary is idle, which
 * would page on silence.
 */
export const PG_QUERIES = `pg_replication:
  query: |
    SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0
                WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                ELSE GREATEST(0, EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp()))) END AS lag,
           CASE WHEN pg_is_in_recovery() THEN 1 ELSE 0 END AS is_replica
  master: true
  metrics:
    - lag:
        usage: "GAUGE"
        description: "Seconds since the last transaction replayed on this replica (0 on a primary)"
    - is_replica:
        usage: "GAUGE"
        description: "1 on a replica (in recovery), 0 on a primary"

pg_stat_statements:
  query: |
    SELECT pg_get_userbyid(s.userid) AS user, d.datname, sum(s.calls) AS calls_total,
           sum(s.total_exec_time) / 1000 AS seconds_total, sum(s.rows) AS rows_total
    FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
    GROUP BY 1, 2
  master: true
  metrics:
    - user:
        usage: "LABEL"
        description: "Role that ran the statements"
    - datname:
        usage: "LABEL"
        description: "Database"
    - calls_total:
        usage: "COUNTER"
        description: "Statements executed"
    - seconds_total:
        usage: "COUNTER"
        description: "Time spent executing statements, in seconds"
    - rows_total:
        usage: "COUNTER"
        description: "Rows retrieved or affected by statements"
`;

/** node_exporter 1.5 with the few collectors a database host dashboard reads. */
export const NODE_COLLECTORS = ['cpu', 'meminfo', 'loadavg', 'filesystem', 'diskstats', 'netdev', 'uname'];

/** mysqld_exporter 0.14 collectors enabled on top of its defaults. */
export const MYSQLD_EXTRA_COLLECTORS = ['info_schema.query_response_time'];

export interface ExporterSpec {
  name: string;
  port: number;
}

export function startExporters(bins: TierBins, stateDir: string, etcDir: string, ports: TierPorts): { procs: Spawned[]; specs: ExporterSpec[] } {
  fs.mkdirSync(etcDir, { recursive: true });
  const queries = path.join(etcDir, 'postgres-exporter-queries.yaml');
  fs.writeFileSync(queries, PG_QUERIES);
  const listen = (port: number) => `--web.listen-address=${HOST}:${port}`;
  // postgres_exporter 0.11 reads its DSN only from the environment: set through env(1), which execs
  // (the pid stays the exporter's). It holds no secret (trust on loopback); MySQL's password goes in a file.
  const pg = (port: number, server: number): [string, string[]] => [bins.env, [`DATA_SOURCE_NAME=${pgDsn(server)}`, bins.postgresExporter, listen(port), `--extend.query-path=${queries}`]];
  // mysqld_exporter 0.14 with its default collectors and the query time histogram
  // (mysql_info_schema_query_response_time_seconds, off by default; the server loads the plugin).
  const my = (port: number, server: number, name: string): [string, string[]] => [
    bins.mysqldExporter,
    [listen(port), `--config.my-cnf=${writePrivate(path.join(etcDir, `${name}.my.cnf`), mysqlExporterCnf(server))}`, ...MYSQLD_EXTRA_COLLECTORS.map((c) => `--collect.${c}`)],
  ];
  const specs: [string, [string, string[]], number][] = [
    ['pg-primary-exporter', pg(ports.pgPrimaryExporter.port, ports.pgPrimary.port), ports.pgPrimaryExporter.port],
    ['pg-replica-exporter', pg(ports.pgReplicaExporter.port, ports.pgReplica.port), ports.pgReplicaExporter.port],
    ['mysqld-primary-exporter', my(ports.mysqldPrimaryExporter.port, ports.mariadbPrimary.port, 'mysqld-primary-exporter'), ports.mysqldPrimaryExporter.port],
    ['mysqld-replica-exporter', my(ports.mysqldReplicaExporter.port, ports.mariadbReplica.port, 'mysqld-replica-exporter'), ports.mysqldReplicaExporter.port],
    ['redis-exporter', [bins.redisExporter, [`-web.listen-address=${HOST}:${ports.redisExporter.port}`, `-redis.addr=redis://${HOST}:${ports.redis.port}`]], ports.redisExporter.port],
    ['node-exporter', [bins.nodeExporter, [listen(ports.nodeExporter.port), '--collector.disable-defaults', ...NODE_COLLECTORS.map((c) => `--collector.${c}`)]], ports.nodeExporter.port],
  ];
  const procs = specs.map(([name, [cmd, args], port]) => spawnService(stateDir, name, cmd, args, `${HOST}:${port}`, `http://${HOST}:${port}/metrics`, stateDir));
  return { procs, specs: specs.map(([name, , port]) => ({ name, port })) };
}

/** Waits until every exporter answers /metrics with its server's `up`-style series = 1. */
export async function waitExporters(procs: Spawned[], specs: ExporterSpec[]): Promise<void> {
  const upSeries = Object.fromEntries(TIER_STATUS.filter((t) => t.up).map((t) => [t.name, t.up!]));
  await Promise.all(specs.map((s, i) =>
    waitFor(`${s.name} (port ${s.port}) to reach its server`, async () => upSeries[s.name].test((await httpGet(`http://${HOST}:${s.port}/metrics`, 10000)).body), 60000, () =>
      procs[i].exited() != null ? `${s.name} exited while starting; see ${procs[i].log}` : null,
    ),
  ));
}

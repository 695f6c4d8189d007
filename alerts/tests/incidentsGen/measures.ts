// The values the scenarios' rules compute, from a sampled window at a test time T.
import { rate, sumRate } from './promRate';
import { Window } from './types';
import { find, instant, one } from './windowSeries';

export const errorRatio = (w: Window, T: number, range: number): number => {
  const all = find(w, 'http_requests_total');
  const bad = all.filter((s) => /^5..$/.test(s.labels.code));
  return sumRate(bad, T, range) / sumRate(all, T, range);
};
export const hitRatio = (w: Window, T: number): number => {
  const h = rate(one(w, 'redis_keyspace_hits_total'), T, 600);
  return h / (h + rate(one(w, 'redis_keyspace_misses_total'), T, 600));
};
export const pgLag = (instance: string) => (w: Window, T: number) => instant(one(w, 'pg_replication_lag', { instance }), T);
export const myLag = (w: Window, T: number) =>
  Math.max(0, instant(one(w, 'mysql_slave_status_seconds_behind_master'), T) - instant(one(w, 'mysql_slave_status_sql_delay'), T));
export const hpa = (w: Window, T: number) => instant(one(w, 'kube_horizontalpodautoscaler_status_current_replicas'), T);
export const poolUsage = (w: Window, T: number) => instant(one(w, 'hikaricp_connections_active'), T) / instant(one(w, 'hikaricp_connections_max'), T);

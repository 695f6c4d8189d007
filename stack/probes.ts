// Health probes of the stack's services, for start (waiting until healthy) and status.
import { ServiceName, StackConfig, url } from './config';
import { httpGet } from './procs';
import { SCRAPE_LABELS } from './simulator/series';
import { TIER_LABELS, TIER_TARGETS } from './datatier/config';
import { LIVE_AUTOSCALER_JOB, LIVE_WEB_JOB } from './live/autoscaler';

/** The services of a stack, in the order status lists them. */
export const SERVICES: ServiceName[] = ['prometheus', 'alertmanager', 'simulator', 'receiver'];

/** Probe that says whether a service answers as healthy. */
export function probe(cfg: StackConfig, service: ServiceName): () => Promise<boolean> {
  const base = url(cfg, service);
  const endpoint = service === 'prometheus' || service === 'alertmanager' ? '/-/ready' : '/-/healthy';
  return async () => (await httpGet(base + endpoint)).status === 200;
}

/** True once Prometheus has scraped the simulator successfully. */
export async function scraped(cfg: StackConfig): Promise<boolean> {
  const q = encodeURIComponent(`up{job="${SCRAPE_LABELS.job}"} == 1`);
  const r = await httpGet(`${url(cfg, 'prometheus')}/api/v1/query?query=${q}`);
  return r.status === 200 && (JSON.parse(r.body) as { data: { result: unknown[] } }).data.result.length > 0;
}

/** True once Prometheus has scraped every exporter of the data tier successfully. */
export async function scrapedTier(cfg: StackConfig): Promise<boolean> {
  const q = encodeURIComponent(`count(up{namespace="${TIER_LABELS.namespace}"} == 1)`);
  const r = await httpGet(`${url(cfg, 'prometheus')}/api/v1/query?query=${q}`);
  const result = r.status === 200 ? (JSON.parse(r.body) as { data: { result: { value: [number, string] }[] } }).data.result : [];
  return result.length > 0 && Number(result[0].value[1]) === TIER_TARGETS.length;
}

/** True once Prometheus has scraped the live autoscaler and at least one of its replicas successfully. */
export async function scrapedLive(cfg: StackConfig): Promise<boolean> {
  const q = encodeURIComponent(`count by (job) (up{job=~"${LIVE_AUTOSCALER_JOB}|${LIVE_WEB_JOB}"} == 1)`);
  const r = await httpGet(`${url(cfg, 'prometheus')}/api/v1/query?query=${q}`);
  return r.status === 200 && (JSON.parse(r.body) as { data: { result: unknown[] } }).data.result.length === 2;
}

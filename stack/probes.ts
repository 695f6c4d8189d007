// Health probes of the stack's services, for start (waiting until healthy) and status.
import { ServiceName, StackConfig, url } from './config';
import { httpGet } from './procs';
import { SCRAPE_LABELS } from './simulator/series';

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

// What the data tier's alert itests (incidents.itest.ts, saturation.itest.ts) ask of the running
// stack: a Prometheus' active alerts for labels, the stack's receiver's notifications, one value.
import { getJson, pollFor as waitFor, type PromAlert, PROMETHEUS_URL, query, type Received, RECEIVER_URL } from '../testing';
import { TIER_LABELS } from './config';

export const MIN = 60000;

/** The labels of a real instance's alerts. */
export const real = (instance: string) => ({ instance, namespace: TIER_LABELS.namespace });

export async function activeAlerts(alertname: string, labels: Record<string, string>, prometheus = PROMETHEUS_URL): Promise<PromAlert[]> {
  const r = await getJson<{ data: { alerts: PromAlert[] } }>(`${prometheus}/api/v1/alerts`);
  return r.data.alerts.filter((a) => a.labels.alertname === alertname && Object.entries(labels).every(([k, v]) => a.labels[k] === v));
}

/** The alert of the real instance is not active (pending or firing); a stack tested again may still be resolving one. */
export async function expectInactive(alertname: string, labels: Record<string, string>, prometheus = PROMETHEUS_URL): Promise<void> {
  await waitFor(`${alertname} ${JSON.stringify(labels)} inactive`, 3 * MIN, async () => ((await activeAlerts(alertname, labels, prometheus)).length === 0 ? true : undefined)).catch(() => undefined);
  expect(await activeAlerts(alertname, labels, prometheus)).toEqual([]);
}

export function firing(alertname: string, labels: Record<string, string>, ms: number, prometheus = PROMETHEUS_URL): Promise<PromAlert> {
  return waitFor(`${alertname} ${JSON.stringify(labels)} firing`, ms, async () => (await activeAlerts(alertname, labels, prometheus)).find((a) => a.state === 'firing'));
}

/** The receiver got a notification, after `since`, with this alert firing for these labels (and none of `without`); returns the receiver's name. */
export function delivered(alertname: string, labels: Record<string, string>, since: number, without: string[] = [], ms = 3 * MIN): Promise<string> {
  return waitFor(`a notification of ${alertname} ${JSON.stringify(labels)} at the receiver`, ms, async () => {
    const all = await getJson<Received[]>(`${RECEIVER_URL}/notifications`);
    const n = all.find(
      (x) =>
        Date.parse(x.receivedAt) >= since &&
        // Prometheus' alert or vmalert's (the second engine scrapes the same exporters; its alert
        // carries `engine`): both share one Alertmanager group, and the one that came first is notified
        // after group_wait, the other only after the group's interval (5 min).
        x.payload.alerts.some((a) => a.status === 'firing' && a.labels.alertname === alertname && Object.entries(labels).every(([k, v]) => a.labels[k] === v) && without.every((k) => !(k in a.labels))),
    );
    return n?.receiver;
  });
}

export async function value(promql: string): Promise<number | undefined> {
  const r = await query(promql);
  return r.length ? Number(r[0].value[1]) : undefined;
}

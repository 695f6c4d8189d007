// The alert list's items: Prometheus' active alerts (/api/v1/alerts: firing and pending, with the
// time each became active) joined with Alertmanager's (/api/v2/alerts: active, inhibited or
// silenced), filtered and sorted with the alertlist panel's options. Pure.
// Edge cases: an Alertmanager alert matches the Prometheus alert whose labels it all carries (it
// may have more: external labels); an Alertmanager alert with no Prometheus match is listed as
// firing (another ruler sent it); a bad activeAt/startsAt sorts as the oldest.

export interface PrometheusAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  state: 'firing' | 'pending' | 'inactive' | string;
  activeAt?: string;
  value?: string;
}

export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  status?: { state?: 'active' | 'suppressed' | 'unprocessed' | string; silencedBy?: string[]; inhibitedBy?: string[] };
}

export interface AlertListOptions {
  stateFilter?: { firing?: boolean; pending?: boolean; normal?: boolean; error?: boolean; noData?: boolean };
  maxItems?: number;
  /** Grafana's SortOrder: 1 A-Z, 2 Z-A, 3 importance, 4 time asc, 5 time desc. */
  sortOrder?: number;
  alertName?: string;
  alertInstanceLabelFilter?: string;
}

export interface AlertItem {
  key: string;
  name: string;
  state: 'firing' | 'pending';
  /** ms since epoch, NaN when unknown */
  activeAt: number;
  labels: Record<string, string>;
  summary?: string;
  /** What Alertmanager did with it: notified (active), inhibited, silenced, or absent (not received). */
  routing?: 'notified' | 'inhibited' | 'silenced' | 'unprocessed' | 'not in Alertmanager';
}

const labelKey = (labels: Record<string, string>) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');

const carries = (outer: Record<string, string>, inner: Record<string, string>) => Object.entries(inner).every(([k, v]) => outer[k] === v);

function routingOf(alert: AlertmanagerAlert): AlertItem['routing'] {
  if (alert.status?.silencedBy?.length) {
    return 'silenced';
  }
  if (alert.status?.inhibitedBy?.length) {
    return 'inhibited';
  }
  return alert.status?.state === 'unprocessed' ? 'unprocessed' : 'notified';
}

/** Grafana's label matcher filter "severity=critical, team=~db.*" (=, !=, =~, !~), every one must hold. */
export function matchesLabelFilter(labels: Record<string, string>, filter: string | undefined): boolean {
  const text = (filter ?? '').trim().replace(/^\{|\}$/g, '');
  if (!text) {
    return true;
  }
  return text.split(',').every((part) => {
    const m = part.trim().match(/^([\w.]+)\s*(=~|!~|!=|=)\s*"?([^"]*)"?$/);
    if (!m) {
      return true;
    }
    const value = labels[m[1]] ?? '';
    const [, , op, want] = m;
    if (op === '=') {
      return value === want;
    }
    if (op === '!=') {
      return value !== want;
    }
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${want})$`);
    } catch {
      return true;
    }
    return op === '=~' ? re.test(value) : !re.test(value);
  });
}

const severityRank: Record<string, number> = { critical: 0, page: 0, error: 1, warning: 2, info: 3, none: 4 };

export function alertItems(prometheus: PrometheusAlert[], alertmanager: AlertmanagerAlert[] | undefined, options: AlertListOptions): AlertItem[] {
  const items: AlertItem[] = [];
  const matched = new Set<AlertmanagerAlert>();
  for (const alert of prometheus) {
    if (alert.state !== 'firing' && alert.state !== 'pending') {
      continue;
    }
    const am = alertmanager?.find((a) => carries(a.labels, alert.labels));
    if (am) {
      matched.add(am);
    }
    items.push({
      key: `p:${labelKey(alert.labels)}`,
      name: alert.labels.alertname ?? '(no alertname)',
      state: alert.state,
      activeAt: Date.parse(alert.activeAt ?? ''),
      labels: alert.labels,
      summary: alert.annotations?.summary,
      routing: alertmanager === undefined ? undefined : am ? routingOf(am) : alert.state === 'firing' ? 'not in Alertmanager' : undefined,
    });
  }
  for (const am of alertmanager ?? []) {
    if (!matched.has(am)) {
      items.push({
        key: `a:${labelKey(am.labels)}`,
        name: am.labels.alertname ?? '(no alertname)',
        state: 'firing',
        activeAt: Date.parse(am.startsAt ?? ''),
        labels: am.labels,
        summary: am.annotations?.summary,
        routing: routingOf(am),
      });
    }
  }
  const filter = options.stateFilter ?? { firing: true, pending: true };
  const nameFilter = (options.alertName ?? '').toLowerCase();
  const kept = items.filter(
    (i) => Boolean(filter[i.state]) && i.name.toLowerCase().includes(nameFilter) && matchesLabelFilter(i.labels, options.alertInstanceLabelFilter)
  );
  const time = (i: AlertItem) => (Number.isNaN(i.activeAt) ? -Infinity : i.activeAt);
  const byName = (a: AlertItem, b: AlertItem) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
  const compare: Record<number, (a: AlertItem, b: AlertItem) => number> = {
    1: byName,
    2: (a, b) => byName(b, a),
    3: (a, b) =>
      (a.state === b.state ? 0 : a.state === 'firing' ? -1 : 1) ||
      (severityRank[a.labels.severity] ?? 5) - (severityRank[b.labels.severity] ?? 5) ||
      byName(a, b),
    4: (a, b) => time(a) - time(b) || byName(a, b),
    5: (a, b) => time(b) - time(a) || byName(a, b),
  };
  kept.sort(compare[options.sortOrder ?? 1] ?? byName);
  return kept.slice(0, Math.max(0, options.maxItems ?? 10));
}

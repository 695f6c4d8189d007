// Grafana's "alertlist" panel, for the alerts of the rules pack: Prometheus' firing and pending
// alerts (Grafana's /api/prometheus/<uid>/api/v1/alerts) joined with what Alertmanager did with
// them (/api/alertmanager/<uid>/api/v2/alerts), in Grafana's list view: state and how long, the
// alert's name, its summary and labels. Read again on every refresh of the dashboard.
import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, intervalToAbbreviatedDurationString, PanelData } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv } from '@grafana/runtime';
import { Alert, Icon, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { previewSettings } from '../app/previewSettings';
import { AlertItem, AlertListOptions, alertItems, AlertmanagerAlert, PrometheusAlert } from './alerts';
import { CorePanelProps } from './types';

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0, height: '100%', overflowY: 'auto' }),
  item: css({
    display: 'flex',
    gap: theme.spacing(1),
    padding: theme.spacing(0.75, 1),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    alignItems: 'flex-start',
  }),
  main: css({ minWidth: 0, flex: 1 }),
  name: css({ fontWeight: theme.typography.fontWeightMedium }),
  state: css({ fontSize: theme.typography.bodySmall.fontSize, whiteSpace: 'nowrap' }),
  firing: css({ color: theme.colors.error.text }),
  pending: css({ color: theme.colors.warning.text }),
  summary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  labels: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5), marginTop: theme.spacing(0.5) }),
  label: css({
    fontSize: theme.typography.bodySmall.fontSize,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0, 0.5),
    color: theme.colors.text.secondary,
  }),
  empty: css({ display: 'flex', alignItems: 'center', justifyContent: 'center', height: '100%', color: theme.colors.text.secondary }),
});

interface Fetched {
  prometheus: PrometheusAlert[];
  alertmanager?: AlertmanagerAlert[];
  problems: string[];
}

const message = (source: string, err: unknown) => {
  const e = err as { data?: { message?: string; error?: string }; message?: string; status?: number };
  return `${source}: ${e?.data?.message ?? e?.data?.error ?? e?.message ?? (e?.status ? `HTTP ${e.status}` : String(err))}`;
};

async function fetchAlerts(): Promise<Fetched> {
  const prometheusUid = getDataSourceSrv().getInstanceSettings(null)?.uid ?? 'prometheus';
  const { alertmanagerUid } = previewSettings();
  const problems: string[] = [];
  const srv = getBackendSrv();
  const [prometheus, alertmanager] = await Promise.all([
    srv
      .get<{ data?: { alerts?: PrometheusAlert[] } }>(`/api/prometheus/${prometheusUid}/api/v1/alerts`, undefined, undefined, { showErrorAlert: false })
      .then((r) => r.data?.alerts ?? [])
      .catch((err: unknown) => {
        problems.push(message('Prometheus', err));
        return [] as PrometheusAlert[];
      }),
    srv
      .get<AlertmanagerAlert[]>(`/api/alertmanager/${alertmanagerUid}/api/v2/alerts`, { active: true, silenced: true, inhibited: true }, undefined, { showErrorAlert: false })
      .catch((err: unknown) => {
        problems.push(message('Alertmanager', err));
        return undefined;
      }),
  ]);
  return { prometheus, alertmanager, problems };
}

function AlertRow({ item, now }: { item: AlertItem; now: number }) {
  const styles = useStyles2(getStyles);
  const since = Number.isNaN(item.activeAt) ? '' : intervalToAbbreviatedDurationString({ start: new Date(item.activeAt), end: new Date(now) });
  const { alertname: _name, alertstate: _state, ...labels } = item.labels;
  return (
    <li className={styles.item} data-testid="preview-alert" data-alert-state={item.state} data-alert-name={item.name}>
      <Icon name={item.state === 'firing' ? 'fire' : 'hourglass'} className={item.state === 'firing' ? styles.firing : styles.pending} />
      <div className={styles.main}>
        <div className={styles.name}>{item.name}</div>
        <div className={`${styles.state} ${item.state === 'firing' ? styles.firing : styles.pending}`}>
          {item.state === 'firing' ? 'Firing' : 'Pending'}
          {since && ` for ${since}`}
          {item.routing && <span className={styles.summary}> · Alertmanager: {item.routing}</span>}
        </div>
        {item.summary && <div className={styles.summary}>{item.summary}</div>}
        <div className={styles.labels}>
          {Object.entries(labels)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => (
              <span key={k} className={styles.label}>
                {k}={v}
              </span>
            ))}
        </div>
      </div>
    </li>
  );
}

export function AlertListPanel({ options, data }: CorePanelProps<AlertListOptions> & { data: PanelData }) {
  const styles = useStyles2(getStyles);
  const [fetched, setFetched] = useState<{ at: number; result: Fetched } | undefined>();
  // `data` is new on every refresh and time range change of the dashboard: read the alerts again.
  useEffect(() => {
    let cancelled = false;
    fetchAlerts().then((result) => {
      if (!cancelled) {
        setFetched({ at: Date.now(), result });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [data]);
  if (!fetched) {
    return <LoadingPlaceholder text="Loading alerts…" />;
  }
  const items = alertItems(fetched.result.prometheus, fetched.result.alertmanager, options);
  return (
    <>
      {fetched.result.problems.map((p) => (
        <Alert key={p} severity="warning" title={p} />
      ))}
      {items.length === 0 ? (
        <div className={styles.empty}>No alerts matching the filters</div>
      ) : (
        <ul className={styles.list} data-testid="preview-alert-list">
          {items.map((item) => (
            <AlertRow key={item.key} item={item} now={fetched.at} />
          ))}
        </ul>
      )}
    </>
  );
}

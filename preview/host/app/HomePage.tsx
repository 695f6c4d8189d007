// The start page: the dashboards (dashboards/out/*.json; the preview's fixture only in tests), the plugins
// with their load checks, and the data sources.
import React, { useEffect } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { config, locationService } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';
import { previewSettings } from './previewSettings';
import { installPreviewApi } from './previewApi';
import { Toolbar } from './Toolbar';

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2, 3), display: 'grid', gap: theme.spacing(3), gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))' }),
  section: css({ h2: { fontSize: theme.typography.h4.fontSize }, li: { margin: theme.spacing(0.5, 0) }, a: { color: theme.colors.text.link } }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, marginLeft: theme.spacing(1) }),
});

function Link({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault();
        locationService.push(href);
      }}
    >
      {children}
    </a>
  );
}

export function HomePage({ onToggleTheme }: { onToggleTheme: () => void }) {
  const styles = useStyles2(getStyles);
  const settings = previewSettings();
  useEffect(() => installPreviewApi('home', undefined), []);
  return (
    <>
      <Toolbar title="Dashboards, plugins and data sources" onToggleTheme={onToggleTheme} />
      <div className={styles.page}>
        <section className={styles.section}>
          <h2>Dashboards</h2>
          <ul data-testid="preview-dashboards">
            {settings.dashboards
              .filter((d) => !d.fixture)
              .map((d) => (
                <li key={d.uid}>
                  <Link href={d.url}>{d.title}</Link>
                </li>
              ))}
          </ul>
        </section>
        <section className={styles.section}>
          <h2>Plugins</h2>
          <ul>
            {settings.plugins
              .filter((p) => !p.fixture)
              .map((p) => (
                <li key={p.id}>
                  <Link href={`/preview/plugins/${p.id}`}>{p.name}</Link>
                  <span className={styles.muted}>
                    {p.id} ({p.type})
                  </span>
                </li>
              ))}
          </ul>
        </section>
        <section className={styles.section}>
          <h2>Data sources</h2>
          <ul>
            {Object.values(config.datasources).map((ds) => (
              <li key={ds.uid}>
                <Link href={`/datasources/edit/${ds.uid}`}>{ds.name}</Link>
                <span className={styles.muted}>{ds.type}</span>
              </li>
            ))}
          </ul>
          <p className={styles.muted}>Prometheus: {settings.prometheusUrl}</p>
          <p className={styles.muted}>Alertmanager (alert list): {settings.alertmanagerUrl}</p>
        </section>
      </div>
    </>
  );
}

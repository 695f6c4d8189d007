// A dashboard: Grafana's 24-column grid (30 px rows, 8 px gaps), rows expanded, variables resolved,
// the time range from the URL, auto refresh (?refresh=30s or the dashboard's), panels resizable by
// their bottom-right corner like in Grafana.
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { AbsoluteTimeRange, EventBusSrv, GrafanaTheme2 } from '@grafana/data';
import { getBackendSrv, getTemplateSrv } from '@grafana/runtime';
import { Alert, useStyles2 } from '@grafana/ui';
import { PreviewTemplateSrv, PreviewVariable } from '../services/templateSrv';
import { resolveVariables } from '../services/variables';
import { refreshIntervalMs, setTimeRangeParams, useSearchParams, useTimeRange } from './location';
import {
  DashboardModel,
  GRID_CELL_HEIGHT,
  GRID_COLUMNS,
  GRID_MARGIN,
  layoutPanels,
  PanelModel,
  PanelStore,
  usePanels,
  useRefreshCounter,
} from './model';
import { PanelView } from './PanelView';
import { installPreviewApi } from './previewApi';
import { Toolbar } from './Toolbar';

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2) }),
  grid: css({ position: 'relative' }),
  row: css({
    position: 'absolute',
    display: 'flex',
    alignItems: 'center',
    fontSize: theme.typography.h5.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  handle: css({
    position: 'absolute',
    right: 0,
    bottom: 0,
    width: 14,
    height: 14,
    cursor: 'se-resize',
    borderRight: `2px solid ${theme.colors.border.strong}`,
    borderBottom: `2px solid ${theme.colors.border.strong}`,
    opacity: 0.6,
    zIndex: 2,
  }),
});

function useElementWidth(): [React.RefObject<HTMLDivElement>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) {
      return;
    }
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function DashboardPage({ uid, onToggleTheme }: { uid: string; onToggleTheme: () => void }) {
  const [dashboard, setDashboard] = useState<DashboardModel | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    getBackendSrv()
      .get<{ dashboard: DashboardModel }>(`/api/dashboards/uid/${encodeURIComponent(uid)}`)
      .then(({ dashboard }) => setDashboard(dashboard))
      .catch((err: { data?: { message?: string }; message?: string }) => setError(err.data?.message ?? err.message ?? 'Dashboard not found'));
  }, [uid]);
  if (error) {
    return (
      <>
        <Toolbar title="Dashboard not found" onToggleTheme={onToggleTheme} />
        <Alert title={`Dashboard ${uid}: ${error}`} />
      </>
    );
  }
  if (!dashboard) {
    return <Toolbar title="Loading…" onToggleTheme={onToggleTheme} />;
  }
  return <Dashboard key={dashboard.uid} dashboard={dashboard} onToggleTheme={onToggleTheme} />;
}

function Dashboard({ dashboard, onToggleTheme }: { dashboard: DashboardModel; onToggleTheme: () => void }) {
  const styles = useStyles2(getStyles);
  const store = useMemo(() => new PanelStore(layoutPanels(dashboard.panels)), [dashboard]);
  const panels = usePanels(store);
  const refreshCounter = useRefreshCounter(store);
  const search = useSearchParams();
  const { timeRange, error: timeError } = useTimeRange(dashboard.time, refreshCounter);
  const eventBus = useMemo(() => new EventBusSrv(), []);
  const [variables, setVariables] = useState<PreviewVariable[] | undefined>();
  const [gridRef, gridWidth] = useElementWidth();

  useEffect(() => installPreviewApi('dashboard', store), [store]);
  useEffect(() => {
    document.title = `${dashboard.title} - Headroom preview`;
  }, [dashboard.title]);

  // Variables: resolved on load and when a var-<name> parameter changes.
  const varParams = [...search.entries()].filter(([k]) => k.startsWith('var-')).map(([k, v]) => `${k}=${v}`).join('&');
  useEffect(() => {
    let cancelled = false;
    (getTemplateSrv() as PreviewTemplateSrv).updateTimeRange(timeRange);
    resolveVariables((dashboard.templating?.list ?? []) as never, new URLSearchParams(varParams)).then((resolved) => {
      if (!cancelled) {
        (getTemplateSrv() as PreviewTemplateSrv).setVariables(resolved);
        setVariables(resolved);
      }
    });
    return () => {
      cancelled = true;
    };
    // Resolved once per dashboard and variable change, not on every time range change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dashboard, varParams]);

  useEffect(() => {
    (getTemplateSrv() as PreviewTemplateSrv).updateTimeRange(timeRange);
  }, [timeRange]);

  const refreshMs = refreshIntervalMs(search.get('refresh') ?? dashboard.refresh);
  useEffect(() => {
    if (!refreshMs) {
      return;
    }
    const timer = setInterval(() => store.refresh(), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, store]);

  const onChangeTimeRange = useCallback((range: AbsoluteTimeRange) => setTimeRangeParams({ from: String(range.from), to: String(range.to) }), []);

  const colWidth = (gridWidth - GRID_MARGIN * (GRID_COLUMNS - 1)) / GRID_COLUMNS;
  const px = (panel: PanelModel) => ({
    left: Math.round(panel.gridPos.x * (colWidth + GRID_MARGIN)),
    top: panel.gridPos.y * (GRID_CELL_HEIGHT + GRID_MARGIN),
    width: Math.round(panel.gridPos.w * colWidth + (panel.gridPos.w - 1) * GRID_MARGIN),
    height: panel.gridPos.h * GRID_CELL_HEIGHT + (panel.gridPos.h - 1) * GRID_MARGIN,
  });
  const bottom = Math.max(0, ...panels.map((p) => (p.gridPos.y + p.gridPos.h) * (GRID_CELL_HEIGHT + GRID_MARGIN)));

  const startResize = (panel: PanelModel, event: React.PointerEvent) => {
    event.preventDefault();
    const start = { x: event.clientX, y: event.clientY, ...px(panel) };
    const move = (e: PointerEvent) => {
      const w = Math.round((start.width + e.clientX - start.x + GRID_MARGIN) / (colWidth + GRID_MARGIN));
      const h = Math.round((start.height + e.clientY - start.y + GRID_MARGIN) / (GRID_CELL_HEIGHT + GRID_MARGIN));
      const next = { w: Math.max(2, Math.min(GRID_COLUMNS - panel.gridPos.x, w)), h: Math.max(2, h) };
      const current = store.getPanel(panel.id)?.gridPos;
      if (current && (current.w !== next.w || current.h !== next.h)) {
        store.updatePanel(panel.id, (p) => ({ ...p, gridPos: { ...p.gridPos, ...next } }));
      }
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <>
      <Toolbar title={dashboard.title} timeRange={timeRange} variables={variables} onRefresh={() => store.refresh()} onToggleTheme={onToggleTheme} />
      <div className={styles.page}>
        {timeError && <Alert severity="warning" title={timeError} />}
        <div ref={gridRef} className={styles.grid} style={{ height: bottom }} data-testid="preview-grid">
          {gridWidth > 0 &&
            variables &&
            panels.map((panel) => {
              const box = px(panel);
              if (panel.type === 'row') {
                return (
                  <div key={panel.id} className={styles.row} style={{ ...box, height: GRID_CELL_HEIGHT }} data-testid="preview-row">
                    {getTemplateSrv().replace(panel.title ?? '')}
                  </div>
                );
              }
              return (
                <div key={panel.id} style={{ position: 'absolute', ...box }}>
                  <PanelView
                    panel={panel}
                    store={store}
                    timeRange={timeRange}
                    width={box.width}
                    height={box.height}
                    refreshCounter={refreshCounter}
                    eventBus={eventBus}
                    dashboardUID={dashboard.uid}
                    onChangeTimeRange={onChangeTimeRange}
                  />
                  <div className={styles.handle} onPointerDown={(e) => startResize(panel, e)} title="Resize" />
                </div>
              );
            })}
        </div>
      </div>
    </>
  );
}

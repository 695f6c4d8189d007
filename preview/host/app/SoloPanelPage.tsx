// One panel alone, at a given size: a dashboard's panel (/d-solo/<uid>?panelId=N, like Grafana's
// solo route) or one described in the URL (/preview/panel?type=<plugin id>&targets=[...]), which
// is what the browser tests use. Both take options=<json> (merged into the panel's options),
// fieldConfig=<json>, width/height (px, default: the window), from/to and theme.
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import { AbsoluteTimeRange, EventBusSrv } from '@grafana/data';
import { getBackendSrv, getTemplateSrv } from '@grafana/runtime';
import { Alert } from '@grafana/ui';
import { PreviewTemplateSrv } from '../services/templateSrv';
import { resolveVariables } from '../services/variables';
import { setTimeRangeParams, useSearchParams, useTimeRange } from './location';
import { DashboardModel, mergeOptions, PanelModel, PanelStore, usePanels, useRefreshCounter } from './model';
import { PanelView } from './PanelView';
import { installPreviewApi } from './previewApi';

function parseJson<T>(search: URLSearchParams, name: string): T | undefined {
  const raw = search.get(name);
  if (!raw) {
    return undefined;
  }
  try {
    return JSON.parse(raw) as T;
  } catch (err) {
    throw new Error(`The ${name} parameter is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function findPanel(panels: PanelModel[] = [], id: number): PanelModel | undefined {
  for (const panel of panels) {
    if (panel.id === id) {
      return panel;
    }
    const nested = findPanel(panel.panels, id);
    if (nested) {
      return nested;
    }
  }
  return undefined;
}

/** The panel the URL describes, with URL option/fieldConfig overrides applied. */
function panelFromSearch(search: URLSearchParams, dashboard?: DashboardModel): PanelModel {
  let panel: PanelModel;
  if (dashboard) {
    const id = Number(search.get('panelId'));
    const found = findPanel(dashboard.panels, id);
    if (!found) {
      throw new Error(`Dashboard ${dashboard.uid} has no panel with id ${search.get('panelId')}`);
    }
    panel = found;
  } else {
    const whole = parseJson<PanelModel>(search, 'panel');
    const type = search.get('type') ?? whole?.type;
    if (!type) {
      throw new Error('Say which panel: /preview/panel?type=<plugin id> (or panel=<json>)');
    }
    const datasource = search.get('datasource');
    panel = {
      id: 1,
      title: search.get('title') ?? '',
      gridPos: { x: 0, y: 0, w: 24, h: 10 },
      ...whole,
      type,
      ...(datasource ? { datasource: { uid: datasource } } : {}),
    };
    const targets = parseJson<PanelModel['targets']>(search, 'targets');
    if (targets) {
      panel.targets = targets.map((t, i) => ({ ...t, refId: t.refId ?? String.fromCharCode(65 + i) }));
    }
  }
  const options = parseJson<Record<string, unknown>>(search, 'options');
  const fieldConfig = parseJson<PanelModel['fieldConfig']>(search, 'fieldConfig');
  return {
    ...panel,
    options: options ? mergeOptions(panel.options ?? {}, options) : panel.options,
    fieldConfig: fieldConfig
      ? { defaults: mergeOptions(panel.fieldConfig?.defaults ?? {}, fieldConfig.defaults ?? {}), overrides: fieldConfig.overrides ?? panel.fieldConfig?.overrides ?? [] }
      : panel.fieldConfig,
  };
}

export function SoloPanelPage({ dashboardUid }: { dashboardUid?: string }) {
  const search = useSearchParams();
  const [state, setState] = useState<{ panel?: PanelModel; dashboard?: DashboardModel; error?: string }>({});

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const dashboard = dashboardUid
        ? (await getBackendSrv().get<{ dashboard: DashboardModel }>(`/api/dashboards/uid/${encodeURIComponent(dashboardUid)}`)).dashboard
        : undefined;
      const params = new URLSearchParams(window.location.search);
      const variables = await resolveVariables((dashboard?.templating?.list ?? []) as never, params);
      (getTemplateSrv() as PreviewTemplateSrv).setVariables(variables);
      return { panel: panelFromSearch(params, dashboard), dashboard };
    })()
      .then((result) => !cancelled && setState(result))
      .catch((err: { data?: { message?: string }; message?: string }) => !cancelled && setState({ error: err.data?.message ?? err.message ?? String(err) }));
    return () => {
      cancelled = true;
    };
    // Loaded once: later changes go through window.__preview or the time range parameters.
  }, [dashboardUid]);

  if (state.error) {
    return <Alert severity="error" title={state.error} />;
  }
  if (!state.panel) {
    return null;
  }
  return <Solo panel={state.panel} dashboard={state.dashboard} search={search} />;
}

function Solo({ panel, dashboard, search }: { panel: PanelModel; dashboard?: DashboardModel; search: URLSearchParams }) {
  const store = useMemo(() => new PanelStore([panel]), [panel]);
  const [current] = usePanels(store);
  const refreshCounter = useRefreshCounter(store);
  const { timeRange, error } = useTimeRange(dashboard?.time, refreshCounter);
  const eventBus = useMemo(() => new EventBusSrv(), []);
  const [size, setSize] = useState(() => ({
    width: Number(search.get('width')) || window.innerWidth,
    height: Number(search.get('height')) || window.innerHeight,
  }));
  useEffect(() => installPreviewApi('panel', store, (_id, width, height) => setSize({ width, height })), [store]);
  useEffect(() => {
    (getTemplateSrv() as PreviewTemplateSrv).updateTimeRange(timeRange);
  }, [timeRange]);
  const onChangeTimeRange = useCallback((range: AbsoluteTimeRange) => setTimeRangeParams({ from: String(range.from), to: String(range.to) }), []);
  return (
    <div style={{ padding: 0 }}>
      {error && <Alert severity="warning" title={error} />}
      <PanelView
        panel={current}
        store={store}
        timeRange={timeRange}
        width={size.width}
        height={size.height}
        refreshCounter={refreshCounter}
        eventBus={eventBus}
        dashboardUID={dashboard?.uid}
        onChangeTimeRange={onChangeTimeRange}
      />
    </div>
  );
}

// Grafana's own panel types, drawn with Grafana's components where @grafana/ui exports them
// (TimeSeries, BigValue, Table, VizLegend, RenderUserContentAsHTML) and with our own where it does
// not (state timeline, heatmap, alert list). A core type the preview does not draw says so.
import React from 'react';
import { useTheme2 } from '@grafana/ui';
import { AlertListPanel } from './AlertListPanel';
import { HeatmapPanel } from './HeatmapPanel';
import { StatPanel } from './StatPanel';
import { StateTimelinePanel } from './StateTimelinePanel';
import { TablePanel } from './TablePanel';
import { TextPanel } from './TextPanel';
import { TimeSeriesPanel } from './TimeSeriesPanel';
import { CorePanelProps } from './types';

const drawn: Record<string, React.ComponentType<CorePanelProps<never>>> = {
  timeseries: TimeSeriesPanel,
  stat: StatPanel,
  table: TablePanel,
  'state-timeline': StateTimelinePanel,
  heatmap: HeatmapPanel,
  alertlist: AlertListPanel,
  text: TextPanel,
};

/** Panels that draw without query data (their own content or their own requests). */
const withoutData = new Set(['text', 'alertlist', 'dashlist', 'news']);

const corePanelTypes = new Set([
  ...Object.keys(drawn),
  'gauge',
  'bargauge',
  'status-history',
  'barchart',
  'piechart',
  'histogram',
  'logs',
  'news',
  'dashlist',
  'annolist',
  'nodeGraph',
  'xychart',
  'trend',
  'candlestick',
  'canvas',
  'geomap',
  'flamegraph',
  'traces',
  'graph',
  'singlestat',
  'row',
]);

export function isCorePanel(type: string): boolean {
  return corePanelTypes.has(type);
}

export const NOT_DRAWN = 'not drawn by the preview host';

export function CorePanel(props: CorePanelProps) {
  const { type, data } = props;
  const Panel = drawn[type];
  if (!Panel) {
    return <CenteredMessage text={`Grafana core panel "${type}": ${NOT_DRAWN}`} testId="preview-not-drawn" />;
  }
  const hasData = data.series.some((f) => f.length > 0);
  if (!hasData && !withoutData.has(type)) {
    return <CenteredMessage text={String(props.fieldConfig.defaults.noValue ?? 'No data')} testId="preview-no-data" />;
  }
  return <Panel {...(props as CorePanelProps<never>)} />;
}

function CenteredMessage({ text, testId }: { text: string; testId: string }) {
  const theme = useTheme2();
  return (
    <div
      data-testid={testId}
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center', height: '100%', color: theme.colors.text.secondary, textAlign: 'center' }}
    >
      {text}
    </div>
  );
}

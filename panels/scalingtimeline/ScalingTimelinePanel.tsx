import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { PanelProps } from '@grafana/data';
import { PanelRefusal } from '../../ui/PanelRefusal';
import { useTheme2 } from '@grafana/ui';
import { scalingView } from './model/analysis';
import { RowColors } from './render/drawWorkload';
import { ScalingHeader } from './components/ScalingHeader';
import { TIME_AXIS_HEIGHT, TimeAxis } from './components/TimeAxis';
import { AXIS_LEFT, AXIS_RIGHT, WorkloadRow } from './components/WorkloadRow';
import { ScalingTimelineOptions } from './types';

const HEADER = 24;
const MIN_ROW = 70;

export function ScalingTimelinePanel(props: PanelProps<ScalingTimelineOptions>) {
  const { data, options, fieldConfig, timeRange, timeZone, width, height } = props;
  const theme = useTheme2();
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();
  const defaultUnit = fieldConfig?.defaults?.unit;
  const view = useMemo(() => scalingView(data.series, options, to, defaultUnit), [data.series, options, to, defaultUnit]);
  const colors: RowColors = useMemo(
    () => ({
      replicas: theme.visualization.getColorByName('blue'),
      desired: theme.visualization.getColorByName('purple'),
      limits: theme.colors.text.secondary,
      band: theme.isDark ? 'rgba(255,255,255,0.05)' : 'rgba(0,0,0,0.05)',
      metric: theme.visualization.getColorByName('orange'),
      target: theme.visualization.getColorByName('dark-orange'),
      atMax: theme.isDark ? 'rgba(242, 73, 92, 0.20)' : 'rgba(224, 47, 68, 0.14)',
      cooldown: theme.isDark ? 'rgba(255,255,255,0.07)' : 'rgba(0,0,0,0.06)',
      flap: theme.isDark ? 'rgba(255, 152, 48, 0.22)' : 'rgba(255, 120, 10, 0.16)',
      up: theme.visualization.getColorByName('green'),
      down: theme.visualization.getColorByName('blue'),
      capped: theme.colors.error.main,
      text: theme.colors.text.secondary,
      grid: theme.colors.border.medium,
    }),
    [theme]
  );
  if ('message' in view) {
    return <PanelRefusal panel={props} message={view.message} />;
  }
  const rows = view.analysis.workloads;
  const available = height - HEADER - TIME_AXIS_HEIGHT;
  const rowHeight = Math.max(MIN_ROW, Math.floor(available / rows.length));
  const scrolls = rowHeight * rows.length > available;
  const rowWidth = width - (scrolls ? 12 : 0);
  const warnings = [...view.problems, ...view.analysis.notes, ...view.warnings.map((w) => w.text)];
  return (
    <div style={{ width, height }}>
      <ScalingHeader rows={rows} capMessage={view.analysis.message} warnings={warnings} />
      <div className={css({ height: available, overflowY: scrolls ? 'auto' : 'hidden' })}>
        {rows.map((row) => (
          <WorkloadRow key={row.key} row={row} width={rowWidth} height={rowHeight} from={from} to={to} colors={colors} timeZone={timeZone} showTitle={rows.length > 1} />
        ))}
      </div>
      <TimeAxis from={from} to={to} width={rowWidth} left={AXIS_LEFT} right={AXIS_RIGHT} color={theme.colors.text.secondary} timeZone={timeZone} />
    </div>
  );
}

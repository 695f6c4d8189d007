// Grafana's "state-timeline" panel, our own (Grafana's TimelineChart is not exported by
// @grafana/ui): one row per series, each value held until the next sample (merged when
// mergeValues), coloured and named by the field's display processor (value mappings, thresholds),
// the value's text inside when it fits, and @grafana/ui's VizLegend of the mapped states.
import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, Field, FieldType, getFieldDisplayName, GrafanaTheme2, MappingType, ValueMapping } from '@grafana/data';
import { LegendDisplayMode, useStyles2, useTheme2, VizLegend, VizLegendItem } from '@grafana/ui';
import { stateSegments } from './stateTimeline';
import { TIME_AXIS_HEIGHT, TimeAxis } from './TimeAxis';
import { CorePanelProps } from './types';

interface StateTimelineOptions {
  mergeValues?: boolean;
  rowHeight?: number;
  showValue?: 'auto' | 'always' | 'never';
  legend?: { showLegend?: boolean };
}

const LEGEND_HEIGHT = 28;

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({ position: 'absolute', left: 0, right: 0 }),
  name: css({
    position: 'absolute',
    left: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    display: 'flex',
    alignItems: 'center',
    fontSize: theme.typography.bodySmall.fontSize,
    paddingRight: theme.spacing(1),
  }),
  segment: css({
    position: 'absolute',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
    display: 'flex',
    alignItems: 'center',
    paddingLeft: 4,
    boxSizing: 'border-box',
  }),
});

/** The legend of the states: the value mappings (in their order), as Grafana's state timeline shows. */
function mappingLegend(mappings: ValueMapping[] | undefined, theme: GrafanaTheme2): VizLegendItem[] {
  const items: Array<VizLegendItem & { index: number }> = [];
  for (const mapping of mappings ?? []) {
    if (mapping.type === MappingType.ValueToText) {
      for (const result of Object.values(mapping.options)) {
        if (result.text || result.color) {
          items.push({ label: result.text ?? '', color: theme.visualization.getColorByName(result.color ?? 'text'), yAxis: 1, index: result.index ?? 0 });
        }
      }
    }
  }
  return items.sort((a, b) => a.index - b.index);
}

export function StateTimelinePanel({ options, fieldConfig, data, width, height, timeRange }: CorePanelProps<StateTimelineOptions>) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const rows: Array<{ name: string; field: Field; time: Field }> = [];
  for (const frame of data.series) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    for (const field of frame.fields) {
      if (field !== time && field.type !== FieldType.time) {
        rows.push({ name: getFieldDisplayName(field, frame, data.series), field, time });
      }
    }
  }
  const legendItems = options.legend?.showLegend === false ? [] : mappingLegend(fieldConfig.defaults.mappings, theme);
  const legendHeight = legendItems.length ? LEGEND_HEIGHT : 0;
  const plotHeight = Math.max(0, height - TIME_AXIS_HEIGHT - legendHeight);
  const nameWidth = Math.min(Math.round(width * 0.4), 12 + 7 * Math.max(0, ...rows.map((r) => r.name.length)));
  const plotWidth = Math.max(1, width - nameWidth);
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();
  const x = (t: number) => ((Math.min(Math.max(t, from), to) - from) / (to - from)) * plotWidth;
  const rowPitch = rows.length ? plotHeight / rows.length : 0;
  const rowHeight = rowPitch * Math.min(1, Math.max(0.1, options.rowHeight ?? 0.9));
  const opacity = Math.min(1, Math.max(0, ((fieldConfig.defaults.custom as { fillOpacity?: number } | undefined)?.fillOpacity ?? 70) / 100));
  return (
    <div style={{ width, height, position: 'relative' }} data-testid="preview-state-timeline">
      <div style={{ position: 'relative', height: plotHeight }}>
        {rows.map(({ name, field, time }, r) => {
          const segments = stateSegments(time.values, field.values, { merge: options.mergeValues !== false, stepMs: time.config.interval ?? undefined });
          const top = r * rowPitch + (rowPitch - rowHeight) / 2;
          return (
            <div key={`${name}-${r}`} className={styles.row} style={{ top, height: rowHeight }}>
              <div className={styles.name} style={{ width: nameWidth, height: rowHeight }} title={name}>
                {name}
              </div>
              {segments
                .filter((s) => s.end > from && s.start < to)
                .map((s) => {
                  const display = field.display!(s.value);
                  const left = nameWidth + x(s.start);
                  const w = Math.max(1, x(s.end) - x(s.start));
                  const text = display.text;
                  const showText = options.showValue === 'always' || (options.showValue !== 'never' && w > 8 * text.length + 8);
                  return (
                    <div
                      key={s.start}
                      className={styles.segment}
                      data-testid="preview-state"
                      data-state-text={text}
                      title={`${name}: ${text} (${dateTimeFormat(s.start, { format: 'HH:mm:ss', timeZone: 'browser' })} – ${dateTimeFormat(s.end, { format: 'HH:mm:ss', timeZone: 'browser' })})`}
                      style={{
                        left,
                        width: w,
                        height: rowHeight,
                        background: display.color,
                        opacity,
                        color: theme.colors.getContrastText(display.color ?? theme.colors.background.primary),
                      }}
                    >
                      {showText ? text : ''}
                    </div>
                  );
                })}
            </div>
          );
        })}
      </div>
      <TimeAxis from={from} to={to} left={nameWidth} width={plotWidth} />
      {legendItems.length > 0 && <VizLegend placement="bottom" displayMode={LegendDisplayMode.List} items={legendItems} />}
    </div>
  );
}

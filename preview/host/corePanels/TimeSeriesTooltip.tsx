// The time series tooltip (Grafana's TimeSeriesTooltip is not exported): the hovered time and,
// per series (all, or the nearest one in single mode), its colour, name and formatted value,
// sorted as the panel's tooltip options say; laid out with @grafana/ui's SeriesTable and placed by
// its TooltipPlugin2.
import React from 'react';
import { css } from '@emotion/css';
import { DataFrame, dateTimeFormat, FieldType, formattedValueToString, getFieldDisplayName, getFieldSeriesColor, GrafanaTheme2 } from '@grafana/data';
import { SeriesTable, SeriesTableRowProps, useStyles2, useTheme2 } from '@grafana/ui';

export interface TooltipOptions {
  mode?: 'single' | 'multi' | 'none';
  sort?: 'none' | 'asc' | 'desc';
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    background: theme.colors.background.elevated,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    padding: theme.spacing(1),
  }),
});

export function TimeSeriesTooltip({
  frame,
  dataIdxs,
  seriesIdx,
  options,
}: {
  frame: DataFrame;
  dataIdxs: Array<number | null>;
  seriesIdx: number | null;
  options: TooltipOptions;
}) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const time = frame.fields[0];
  const at = dataIdxs[0] ?? dataIdxs.find((i) => i !== null);
  if (at === null || at === undefined || time?.type !== FieldType.time) {
    return null;
  }
  const rows: Array<SeriesTableRowProps & { raw: number }> = [];
  frame.fields.forEach((field, i) => {
    const index = dataIdxs[i];
    if (i === 0 || field.type !== FieldType.number || index === null || index === undefined) {
      return;
    }
    if (options.mode === 'single' && seriesIdx !== null && i !== seriesIdx) {
      return;
    }
    const value = field.values[index];
    if (value === null || value === undefined) {
      return;
    }
    rows.push({
      color: getFieldSeriesColor(field, theme).color,
      label: getFieldDisplayName(field, frame),
      value: field.display ? formattedValueToString(field.display(value)) : String(value),
      isActive: seriesIdx === i,
      raw: value,
    });
  });
  if (options.sort === 'desc') {
    rows.sort((a, b) => b.raw - a.raw);
  } else if (options.sort === 'asc') {
    rows.sort((a, b) => a.raw - b.raw);
  }
  return (
    <div className={styles.box} data-testid="preview-timeseries-tooltip">
      <SeriesTable timestamp={dateTimeFormat(time.values[at], { format: 'YYYY-MM-DD HH:mm:ss', timeZone: 'browser' })} series={rows} />
    </div>
  );
}

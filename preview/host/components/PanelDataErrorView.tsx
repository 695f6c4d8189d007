// Grafana's PanelDataErrorView (public/app/features/panel/components/PanelDataErrorView.tsx) minus
// the panel-editor suggestions: the explicit message, else "No data" (or the field config's
// noValue) for empty results, else what the data lacks.
import React from 'react';
import { css } from '@emotion/css';
import { FieldType, GrafanaTheme2 } from '@grafana/data';
import { PanelDataErrorViewProps } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';

export function getMessageFor({ data, fieldConfig, message, needsNumberField, needsTimeField, needsStringField }: PanelDataErrorViewProps): string {
  if (message) {
    return message;
  }
  const series = data.series ?? [];
  if (series.length === 0 || series.every((frame) => frame.length === 0)) {
    return fieldConfig?.defaults.noValue ?? 'No data';
  }
  const has = (type: FieldType) => series.some((frame) => frame.fields.some((field) => field.type === type));
  if (needsStringField && !has(FieldType.string)) {
    return 'Data is missing a string field';
  }
  if (needsNumberField && !has(FieldType.number)) {
    return 'Data is missing a number field';
  }
  if (needsTimeField && !has(FieldType.time)) {
    return 'Data is missing a time field';
  }
  return 'Cannot visualize data';
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ display: 'flex', flexDirection: 'column', justifyContent: 'center', alignItems: 'center', height: '100%', width: '100%' }),
  message: css({ textAlign: 'center', color: theme.colors.text.secondary, fontSize: theme.typography.size.lg, width: '100%' }),
});

export function PanelDataErrorView(props: PanelDataErrorViewProps) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.wrapper}>
      <div className={styles.message} data-testid="data-testid Panel data error message">
        {getMessageFor(props)}
      </div>
    </div>
  );
}

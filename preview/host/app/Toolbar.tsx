// The top bar, in one row (the title gives way first): navigation, the dashboard's variables, Grafana's time range picker, refresh and the
// light/dark switch (also ?theme=light|dark).
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, TimeRange } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Button, TimeRangePicker, useStyles2, useTheme2 } from '@grafana/ui';
import { PreviewVariable } from '../services/templateSrv';
import { setTimeRangeParams, shiftTimeRange } from './location';

interface Props {
  title: string;
  timeRange?: TimeRange;
  variables?: PreviewVariable[];
  onRefresh?: () => void;
  onToggleTheme: () => void;
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'nowrap',
    gap: theme.spacing(1),
    minWidth: 0,
    padding: theme.spacing(1, 2),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    background: theme.colors.background.primary,
  }),
  title: css({
    fontSize: theme.typography.h4.fontSize,
    margin: 0,
    marginRight: 'auto',
    minWidth: 80,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  home: css({ color: theme.colors.text.link, marginRight: theme.spacing(1), whiteSpace: 'nowrap' }),
  variable: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5), fontSize: theme.typography.bodySmall.fontSize, whiteSpace: 'nowrap' }),
  fixed: css({ flexShrink: 0 }),
  select: css({
    background: theme.components.input.background,
    color: theme.colors.text.primary,
    border: `1px solid ${theme.components.input.borderColor}`,
    borderRadius: theme.shape.radius.default,
    height: theme.spacing(theme.components.height.md),
    padding: theme.spacing(0, 1),
    width: 'auto',
    maxWidth: 160,
  }),
});

export function Toolbar({ title, timeRange, variables = [], onRefresh, onToggleTheme }: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  return (
    <div className={styles.bar} data-testid="preview-toolbar">
      <a className={styles.home} href="/" onClick={(e) => { e.preventDefault(); locationService.push('/'); }}>
        Headroom preview
      </a>
      <h1 className={styles.title} title={title}>
        {title}
      </h1>
      {variables
        .filter((v) => v.hide !== 2)
        .map((v) => (
          <label key={v.name} className={styles.variable}>
            {v.label || v.name}
            <select
              className={styles.select}
              aria-label={`Variable ${v.name}`}
              multiple={false}
              value={Array.isArray(v.current.value) ? v.current.value[0] : v.current.value}
              onChange={(e) => locationService.partial({ [`var-${v.name}`]: e.currentTarget.value })}
            >
              {v.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.text}
                </option>
              ))}
            </select>
          </label>
        ))}
      {timeRange && (
        <div className={styles.fixed}>
          <TimeRangePicker
            value={timeRange}
            timeZone="browser"
            onChange={(range) => setTimeRangeParams(range.raw)}
            onMoveBackward={() => shiftTimeRange(timeRange, -1)}
            onMoveForward={() => shiftTimeRange(timeRange, 1)}
            onZoom={() => shiftTimeRange(timeRange, 0)}
            onChangeTimeZone={() => {}}
          />
        </div>
      )}
      {onRefresh && (
        <Button variant="secondary" icon="sync" onClick={onRefresh} aria-label="Refresh" tooltip="Refresh" className={styles.fixed} />
      )}
      <Button variant="secondary" icon="palette" onClick={onToggleTheme} aria-label="Toggle theme" className={styles.fixed}>
        {theme.isDark ? 'Light' : 'Dark'}
      </Button>
    </div>
  );
}

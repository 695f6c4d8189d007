import { GrafanaTheme2 } from '@grafana/data';

/**
 * The header strip above a Headroom panel's drawing: a row of small text, `height` px tall, what
 * does not fit clipped. Each panel adds how its items wrap and align.
 */
export function panelHeaderCss(theme: GrafanaTheme2, height: number) {
  return {
    display: 'flex',
    gap: theme.spacing(1.5),
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: `${height}px`,
    height,
    overflow: 'hidden',
  } as const;
}

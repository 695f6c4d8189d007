import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, TimeZone } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { PanelTooltip } from '../../../ui/PanelTooltip';
import { formatBucketAmount, formatLatency, formatPercent, formatTime, percentileLabel } from '../render/format';

export interface HoverInfo {
  left: number;
  top: number;
  time: number;
  lower: number;
  upper: number;
  count: number;
  /** What count measures, and the column's interval (ms) for a rate's requests. */
  valueKind: 'rate' | 'count' | 'unknown';
  intervalMs: number;
  columnTotal: number;
  percentiles: Array<{ q: number; value: number; color: string }>;
}

interface Props {
  hover: HoverInfo;
  unit: string;
  decimals?: number;
  timeZone: TimeZone;
  containerWidth: number;
  containerHeight: number;
}

/**
 * The hovered bucket: its range, count and share of its time column, and that column's
 * percentiles. Placed below-right of the pointer, flipped left near the right edge and above the
 * pointer in the lower half (the panel clips what overflows it).
 */
export function HoverTooltip({ hover, unit, decimals, timeZone, containerWidth, containerHeight }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <PanelTooltip pointer={hover} width={containerWidth} height={containerHeight} flipWidth={230} testId="headroom-latency-tooltip">
      <div className={styles.title}>{formatTime(hover.time, timeZone, 0)}</div>
      <div>
        {formatLatency(hover.lower, unit, decimals)} – {formatLatency(hover.upper, unit, decimals)}
      </div>
      <div>
        <strong>{formatBucketAmount(hover.count, hover.valueKind, hover.intervalMs)}</strong> · share{' '}
        <strong>{formatPercent(hover.columnTotal > 0 ? hover.count / hover.columnTotal : NaN)}</strong>
      </div>
      {hover.percentiles.map((p) => (
        <div key={p.q}>
          <span className={styles.swatch} style={{ background: p.color }} />
          {percentileLabel(p.q)} {formatLatency(p.value, unit, decimals)}
        </div>
      ))}
    </PanelTooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  title: css({ fontWeight: theme.typography.fontWeightMedium, marginBottom: 2 }),
  swatch: css({ display: 'inline-block', width: 10, height: 3, marginRight: 4, verticalAlign: 'middle' }),
});

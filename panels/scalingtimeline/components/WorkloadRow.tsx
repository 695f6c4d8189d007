import React, { useLayoutEffect, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2, TimeZone } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { formatNumber, summaryItems, WorkloadResult } from '../../../core/scaling';
import { PanelTooltip, TooltipLines } from '../../../ui/PanelTooltip';
import { drawWorkload, RowColors, RowScales } from '../render/drawWorkload';
import { eventLines, eventNear, sampleLines } from '../render/hoverText';
import { devicePixelRatio, sizedContext } from '../../../ui/canvas';

export const AXIS_LEFT = 36;
export const AXIS_RIGHT = 40;

interface Props {
  row: WorkloadResult;
  width: number;
  height: number;
  from: number;
  to: number;
  colors: RowColors;
  timeZone: TimeZone;
  showTitle: boolean;
}

/** One workload: a title line with its own numbers, and its timeline canvas with a tooltip. */
export function WorkloadRow({ row, width, height, from, to, colors, timeZone, showTitle }: Props) {
  const styles = useStyles2(getStyles);
  const ref = useRef<HTMLCanvasElement>(null);
  const scales = useRef<RowScales | null>(null);
  const [hover, setHover] = useState<{ left: number; top: number; lines: string[] } | null>(null);
  const titleHeight = showTitle ? 18 : 0;
  const plotHeight = Math.max(20, height - titleHeight);
  const dpr = devicePixelRatio();

  useLayoutEffect(() => {
    const ctx = sizedContext(ref.current, width, plotHeight, dpr);
    if (!ctx) return;
    scales.current = drawWorkload(ctx, row.analysis, { width, height: plotHeight, left: AXIS_LEFT, right: AXIS_RIGHT, from, to }, dpr, colors);
  }, [row, width, plotHeight, from, to, colors, dpr]);

  const when = (ms: number) => dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm:ss', timeZone });
  const onMove = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const s = scales.current;
    if (!s) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - rect.left - AXIS_LEFT;
    if (px < 0 || px > s.plotWidth) return setHover(null);
    const e = eventNear(row.analysis.events, px, s.x);
    const lines = e ? eventLines(e, when) : sampleLines(row.analysis, s.t(px), when);
    setHover(lines ? { left: event.clientX - rect.left, top: event.clientY - rect.top + titleHeight, lines } : null);
  };

  const items = summaryItems(row.analysis.summary);
  return (
    <div className={styles.row} style={{ height }} data-testid="headroom-scaling-row">
      {showTitle && (
        <div className={styles.title}>
          <strong>{row.name}</strong>
          {row.disappeared && <span className={styles.warn}> · no data since {when(row.lastSeenMs)}</span>}
          <span className={styles.items}>
            {items.map((i) => `${i.label} ${i.text}`).join(' · ')} · mean {formatNumber(row.analysis.summary.meanReplicas, 1)}
          </span>
        </div>
      )}
      <canvas
        ref={ref}
        style={{ width, height: plotHeight, display: 'block' }}
        aria-label={`Replicas of ${row.name}: ${row.analysis.events.length} scale events`}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      />
      {hover && (
        <PanelTooltip pointer={hover} width={width} height={height} flipWidth={300} gap={10} testId="headroom-scaling-tooltip">
          <TooltipLines lines={hover.lines} />
        </PanelTooltip>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({ position: 'relative' }),
  title: css({
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: '18px',
    height: 18,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  items: css({ color: theme.colors.text.secondary, marginLeft: theme.spacing(1) }),
  warn: css({ color: theme.colors.warning.text }),
});

import React, { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2, TimeZone } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { LinesHover, PanelTooltip, TooltipLines } from '../../../ui/PanelTooltip';
import { timeTickFormat } from '../../../ui/timeTicks';
import { CostModel } from '../model/build';
import { bucketize, hoverWindow } from '../model/perRequest';
import { AXIS_LEFT, DrawnStack, drawStack } from '../render/drawStack';
import { ComparisonTable } from './ComparisonTable';
import { Headline } from './Headline';
import { devicePixelRatio, sizedContext } from '../../../ui/canvas';

const HEADER = 28;
const LEGEND = 20;
const SIDE_TABLE = 470;

interface Props {
  model: CostModel;
  per: number;
  minRequests: number;
  budget: number | null;
  showComparison: boolean;
  money: (v: number) => string;
  count: (v: number) => string;
  from: number;
  to: number;
  timeZone: TimeZone;
  width: number;
  height: number;
}

export function perLabelOf(per: number): string {
  return per === 1_000_000 ? '1M' : per === 1000 ? '1k' : String(per);
}

export function CostView({ model, per, minRequests, budget, showComparison, money, count, from, to, timeZone, width, height }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<DrawnStack | null>(null);
  const [hover, setHover] = useState<LinesHover | null>(null);
  const perLabel = perLabelOf(per);

  const rows = 'rows' in model.comparison ? model.comparison.rows.length : 1;
  const tableHeight = 26 + rows * 22 + 20;
  const side = showComparison && width >= 1000;
  const below = showComparison && !side && height - HEADER - LEGEND - tableHeight >= 120;
  const chartW = side ? width - SIDE_TABLE - 12 : width;
  const chartH = Math.max(40, height - HEADER - LEGEND - (below ? tableHeight : 0));
  const dpr = devicePixelRatio();
  const plotW = Math.max(10, Math.floor(chartW - AXIS_LEFT));

  const cols = useMemo(() => bucketize(model.prepared, from, to, plotW, per, minRequests), [model.prepared, from, to, plotW, per, minRequests]);
  // A group's fixed colour (the dashboard's, e.g. compute blue on every panel), else the palette's.
  const palette = useMemo(() => {
    const fixed = new Map(model.inputs.groups.map((g) => [g.name, g.color]));
    return model.prepared.groups.map((name, i) =>
      theme.visualization.getColorByName(fixed.get(name) ?? theme.visualization.palette[i % theme.visualization.palette.length])
    );
  }, [model.inputs.groups, model.prepared.groups, theme]);

  useLayoutEffect(() => {
    const ctx = sizedContext(canvasRef.current, chartW, chartH, dpr);
    if (!ctx) {
      return;
    }
    drawn.current = drawStack(
      ctx,
      cols,
      chartW,
      chartH,
      dpr,
      {
        groups: palette,
        budget: theme.colors.error.main,
        lowTraffic: theme.isDark ? 'rgba(255, 255, 255, 0.06)' : 'rgba(0, 0, 0, 0.06)',
        text: theme.colors.text.secondary,
        grid: theme.colors.border.medium,
      },
      { value: money, time: (ms, span) => dateTimeFormat(ms, { format: timeTickFormat(span), timeZone }) },
      budget
    );
  }, [cols, chartW, chartH, dpr, palette, theme, money, timeZone, budget]);

  const onMove = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const plot = drawn.current;
    if (!plot) {
      return;
    }
    const rect = event.currentTarget.getBoundingClientRect();
    const c = plot.columnAtPx(event.clientX - rect.left - plot.left);
    if (c < 0) {
      setHover(null);
      return;
    }
    const span = hoverWindow(cols, model.prepared, c);
    // Seconds only where a bound is not on a whole minute (a 15 s step, or narrow columns).
    const seconds = span.start % 60_000 !== 0 || span.end % 60_000 !== 0;
    const when = (ms: number, date: boolean) => dateTimeFormat(ms, { format: `${date ? 'YYYY-MM-DD ' : ''}HH:mm${seconds ? ':ss' : ''}`, timeZone });
    const lines = [`${when(span.start, true)} – ${when(span.end, false)}`];
    const total = cols.total[c];
    if (Number.isFinite(total)) {
      lines.push(`total ${money(total)} per ${perLabel} requests`);
      model.prepared.groups.forEach((g, k) => {
        const v = cols.value[k][c];
        const share = total > 0 ? (v / total) * 100 : 0;
        lines.push(`${g} ${money(v)} (${share.toFixed(1)} %)`);
      });
      lines.push(`${count(span.requests)} requests`);
    } else if (cols.lowTraffic[c]) {
      lines.push(`not enough traffic: ${count(span.requests)} requests (at least ${count(minRequests)})`);
    } else {
      lines.push('no data');
    }
    setHover({ left: event.clientX - rect.left, top: event.clientY - rect.top + HEADER, lines });
  };

  let plotted = false;
  for (let c = 0; c < cols.count && !plotted; c++) {
    plotted = Number.isFinite(cols.total[c]);
  }
  const notes = [...model.inputs.notes];
  if (showComparison && !side && !below) {
    notes.push('Pricing comparison hidden: make the panel taller or wider');
  }

  return (
    <div className={styles.root} style={{ width, height }}>
      <Headline headline={model.headline} perLabel={perLabel} minRequests={minRequests} money={money} count={count} notes={notes} />
      <div className={styles.body}>
        <div style={{ width: chartW }}>
          <canvas
            ref={canvasRef}
            style={{ width: chartW, height: chartH, display: 'block' }}
            data-testid="headroom-costperrequest-canvas"
            aria-label={`Cost per ${perLabel} requests by ${model.prepared.groups.join(', ')}`}
            onMouseMove={onMove}
            onMouseLeave={() => setHover(null)}
          />
          {!plotted && (
            <div className={styles.empty} style={{ width: chartW, top: HEADER, height: chartH }} data-testid="headroom-costperrequest-empty">
              {model.prepared.t.length ? 'Not enough traffic in any part of the range to plot a cost per request' : 'No requests in the range: not enough traffic for a cost per request'}
            </div>
          )}
          <div className={styles.legend} data-testid="headroom-costperrequest-legend">
            {model.prepared.groups.map((g, i) => (
              <span key={g}>
                <i className={styles.swatch} style={{ background: palette[i] }} />
                {g}
              </span>
            ))}
            {budget !== null && (
              <span>
                <i className={styles.dash} style={{ borderColor: theme.colors.error.main }} />
                budget
              </span>
            )}
          </div>
        </div>
        {side && <ComparisonTable comparison={model.comparison} perLabel={perLabel} money={money} width={SIDE_TABLE} />}
      </div>
      {below && <ComparisonTable comparison={model.comparison} perLabel={perLabel} money={money} width={width} />}
      {hover && (
        <PanelTooltip pointer={hover} width={width} height={height} flipWidth={280 + width - chartW} testId="headroom-costperrequest-tooltip">
          <TooltipLines lines={hover.lines} />
        </PanelTooltip>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ position: 'relative', overflow: 'hidden' }),
  body: css({ display: 'flex', gap: 12 }),
  legend: css({
    display: 'flex',
    gap: theme.spacing(1.5),
    height: LEGEND,
    lineHeight: `${LEGEND}px`,
    paddingLeft: AXIS_LEFT,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  }),
  empty: css({
    position: 'absolute',
    left: 0,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    paddingLeft: AXIS_LEFT,
    color: theme.colors.text.secondary,
    pointerEvents: 'none',
  }),
  swatch: css({ display: 'inline-block', width: 10, height: 10, marginRight: 4, borderRadius: 2 }),
  dash: css({ display: 'inline-block', width: 14, height: 0, marginRight: 4, borderTop: '2px dashed', verticalAlign: 'middle' }),
});

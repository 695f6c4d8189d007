import React, { useLayoutEffect, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, formattedValueToString, getValueFormat, TimeRange, TimeZone } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { CapacityForecast } from '../model/runForecast';
import { DrawnForecast, drawForecast } from '../render/drawForecast';
import { nearestIndex } from '../../../core/series/search';
import { LinesHover, PanelTooltip, TooltipLines } from '../../../ui/PanelTooltip';
import { ForecastHeader } from './ForecastHeader';
import { devicePixelRatio, sizedContext } from '../../../ui/canvas';

const HEADER = 26;

interface Props {
  result: CapacityForecast;
  unit?: string;
  decimals?: number;
  horizon: string;
  timeRange: TimeRange;
  timeZone: TimeZone;
  width: number;
  height: number;
}

export function ForecastView({ result, unit, decimals, horizon, timeRange, timeZone, width, height }: Props) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<DrawnForecast | null>(null);
  const [hover, setHover] = useState<LinesHover | null>(null);
  const bodyHeight = Math.max(10, height - HEADER);
  const dpr = devicePixelRatio();
  const fmt = getValueFormat(unit ?? 'short');
  const format = (v: number) => formattedValueToString(fmt(v, decimals));
  const fromS = timeRange.from.valueOf() / 1000;
  const toS = timeRange.to.valueOf() / 1000;

  useLayoutEffect(() => {
    const ctx = sizedContext(canvasRef.current, width, bodyHeight, dpr);
    if (!ctx) return;
    drawn.current = drawForecast(
      ctx,
      result,
      fromS,
      toS,
      width,
      bodyHeight,
      dpr,
      {
        history: theme.visualization.getColorByName('blue'),
        forecast: theme.visualization.getColorByName('purple'),
        band: theme.isDark ? 'rgba(184, 119, 217, 0.22)' : 'rgba(143, 59, 184, 0.16)',
        capacity: theme.colors.error.main,
        exhaustion: theme.colors.warning.main,
        scenario: theme.colors.text.secondary,
        text: theme.colors.text.secondary,
        grid: theme.colors.border.medium,
      },
      unit,
      timeZone
    );
  }, [result, fromS, toS, width, bodyHeight, dpr, theme, unit, timeZone]);

  const onMove = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const plot = drawn.current;
    if (!plot) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - rect.left - plot.left;
    if (px < 0) return setHover(null);
    const t = plot.x.invert(px);
    const f = result.forecast;
    const when = (s: number) => dateTimeFormat(s * 1000, { format: 'YYYY-MM-DD HH:mm', timeZone });
    let lines: string[];
    if (f.t.length && t > f.lastT) {
      const i = nearestIndex(f.t, t);
      lines = [
        when(f.t[i]),
        `forecast ${format(f.mean[i])}`,
        `${Math.round(f.level * 100)} % interval ${format(f.lower[i])} – ${format(f.upper[i])}`,
        `model ${f.model}${f.backtest ? ` · backtest MAE ${format(f.backtest.mae)}${f.backtest.mase != null ? `, MASE ${f.backtest.mase.toFixed(2)}` : ''}` : ''}`,
      ];
      for (const s of result.scenarios) lines.push(`at ${s.growthPercent} %/year ${format(s.forecast.mean[i])}`);
    } else {
      const i = nearestIndex(result.inputs.t, t);
      if (i < 0) return setHover(null);
      lines = [when(result.inputs.t[i]), `${result.inputs.label} ${format(result.inputs.values[i])}`];
    }
    if (result.inputs.capacity !== null) lines.push(`capacity ${format(result.inputs.capacity)}`);
    setHover({ left: event.clientX - rect.left, top: event.clientY - rect.top + HEADER, lines });
  };

  return (
    <div className={styles.root} style={{ width, height }}>
      <ForecastHeader result={result} format={format} timeZone={timeZone} horizon={horizon} />
      <canvas
        ref={canvasRef}
        style={{ width, height: bodyHeight, display: 'block' }}
        data-testid="headroom-forecast-canvas"
        aria-label={`Forecast of ${result.inputs.label} with model ${result.forecast.model}`}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      />
      {hover && (
        <PanelTooltip pointer={hover} width={width} height={height} testId="headroom-forecast-tooltip">
          <TooltipLines lines={hover.lines} />
        </PanelTooltip>
      )}
    </div>
  );
}

const getStyles = () => ({
  root: css({ position: 'relative', overflow: 'hidden' }),
});

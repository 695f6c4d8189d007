import React, { useLayoutEffect, useRef } from 'react';
import { dateTimeFormat, TimeZone } from '@grafana/data';
import { timeTickFormat, timeTicks } from '../../../ui/timeTicks';
import { devicePixelRatio, sizedContext } from '../../../ui/canvas';

interface Props {
  from: number;
  to: number;
  width: number;
  left: number;
  right: number;
  color: string;
  timeZone: TimeZone;
}

export const TIME_AXIS_HEIGHT = 18;

/** The shared time axis under the rows. */
export function TimeAxis({ from, to, width, left, right, color, timeZone }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const dpr = devicePixelRatio();
  useLayoutEffect(() => {
    const ctx = sizedContext(ref.current, width, TIME_AXIS_HEIGHT, dpr);
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, left * dpr, 0);
    const plotWidth = Math.max(10, width - left - right);
    ctx.font = '11px sans-serif';
    ctx.fillStyle = color;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const format = timeTickFormat(to - from);
    for (const t of timeTicks(from, to, plotWidth)) {
      ctx.fillText(dateTimeFormat(t, { format, timeZone }), ((t - from) / (to - from)) * plotWidth, 3);
    }
  }, [from, to, width, left, right, color, timeZone, dpr]);
  return <canvas ref={ref} style={{ width, height: TIME_AXIS_HEIGHT, display: 'block' }} />;
}

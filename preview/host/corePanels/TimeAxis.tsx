// A time axis under our own drawings (state timeline, heatmap): round ticks from ui/timeTicks,
// 24-hour labels in the browser's time zone, spaced so they never overlap.
import React from 'react';
import { dateTimeFormat } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';
import { timeTickFormat, timeTicks } from '../../../ui/timeTicks';

export const TIME_AXIS_HEIGHT = 22;

export function TimeAxis({ from, to, left, width }: { from: number; to: number; left: number; width: number }) {
  const theme = useTheme2();
  const ticks = timeTicks(from, to, width);
  const format = timeTickFormat(to - from);
  return (
    <div style={{ position: 'relative', height: TIME_AXIS_HEIGHT, marginLeft: left, width, color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }}>
      {ticks.map((t) => (
        <span key={t} style={{ position: 'absolute', left: ((t - from) / (to - from)) * width, transform: 'translateX(-50%)', top: 4, whiteSpace: 'nowrap' }}>
          {dateTimeFormat(t, { format, timeZone: 'browser' })}
        </span>
      ))}
    </div>
  );
}

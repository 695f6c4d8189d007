import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2, TimeZone } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { CapacityForecast } from '../model/runForecast';

interface Props {
  result: CapacityForecast;
  format: (v: number) => string;
  timeZone: TimeZone;
  horizon: string;
}

function when(t: number | null, timeZone: TimeZone): string {
  return t === null ? 'not within the horizon' : dateTimeFormat(t * 1000, { format: 'YYYY-MM-DD HH:mm', timeZone });
}

/** Capacity, headroom, exhaustion times with their probability, and the model. Text only. */
export function ForecastHeader({ result, format, timeZone, horizon }: Props) {
  const styles = useStyles2(getStyles);
  const { inputs, exhaustion: ex, headroom, forecast } = result;
  const level = headroom === null ? styles.muted : headroom < 0.1 ? styles.bad : headroom < 0.3 ? styles.warn : styles.ok;
  return (
    <div className={styles.header} data-testid="headroom-forecast-header">
      {inputs.capacity !== null ? (
        <>
          <span>
            Capacity <strong>{format(inputs.capacity)}</strong>
          </span>
          <span>
            Headroom <strong className={level}>{headroom === null ? 'n/a' : `${(headroom * 100).toFixed(1)} %`}</strong>
          </span>
          <span data-testid="headroom-forecast-exhaustion">
            {ex?.alreadyExceeded ? (
              <strong className={styles.bad}>Already at capacity</strong>
            ) : (
              <>
                Exhaustion <strong>{when(ex?.tMean ?? null, timeZone)}</strong> (mean), {when(ex?.tUpper ?? null, timeZone)} (upper),{' '}
                p {ex ? `${(ex.probability * 100).toFixed(0)} %` : 'n/a'} within {horizon}
              </>
            )}
          </span>
        </>
      ) : (
        <span className={styles.muted}>No capacity set: choose a fixed value or a capacity query.</span>
      )}
      <span className={styles.model} title={forecast.warnings.join(' ')}>
        {forecast.model}
        {forecast.backtest?.mase != null ? ` · MASE ${forecast.backtest.mase.toFixed(2)}` : ''}
      </span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: '22px',
    height: 22,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  }),
  ok: css({ color: theme.colors.success.text }),
  warn: css({ color: theme.colors.warning.text }),
  bad: css({ color: theme.colors.error.text }),
  muted: css({ color: theme.colors.text.secondary }),
  model: css({ marginLeft: 'auto', color: theme.colors.text.secondary }),
});

import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, GrafanaTheme2, TimeZone } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { panelHeaderCss } from '../../../ui/panelHeader';
import { CapacityForecast, typicalErrorShare } from '../model/runForecast';

interface Props {
  result: CapacityForecast;
  format: (v: number) => string;
  timeZone: TimeZone;
  horizon: string;
}

function when(t: number | null, timeZone: TimeZone): string {
  return t === null ? 'not within the horizon' : dateTimeFormat(t * 1000, { format: 'YYYY-MM-DD HH:mm', timeZone });
}

/** "Runs out at 0 %/y: not within the horizon · 50 %/y: 2027-03-01 10:00 · ...", or '' without scenarios or capacity. */
export function scenarioSummary(result: CapacityForecast, timeZone: TimeZone): string {
  if (result.scenarios.length === 0 || result.inputs.capacity === null) return '';
  const each = result.scenarios.map((s) => `${s.growthPercent} %/y: ${s.exhaustion?.alreadyExceeded ? 'already' : when(s.exhaustion?.tMean ?? null, timeZone)}`);
  return `Runs out at ${each.join(' · ')}`;
}

/**
 * Capacity, headroom, exhaustion times with their probability, and the model. Text only, on one
 * line: when it is too narrow the exhaustion text ends in an ellipsis (its full text is the
 * title), so the model stays in view.
 */
export function ForecastHeader({ result, format, timeZone, horizon }: Props) {
  const styles = useStyles2(getStyles);
  const { inputs, exhaustion: ex, headroom, forecast } = result;
  const typical = typicalErrorShare(forecast, inputs.values);
  const quality = typical === null ? 'error not measured (short history)' : `typical error ± ${typical < 0.095 ? (typical * 100).toFixed(1) : Math.round(typical * 100)} %`;
  const modelDetail = `model ${forecast.model}${forecast.backtest ? `; backtest over ${forecast.backtest.folds} folds of ${forecast.backtest.horizon} steps${forecast.backtest.mase != null ? `, MASE ${forecast.backtest.mase.toFixed(2)}` : ''}` : ''}${forecast.warnings.length ? `. ${forecast.warnings.join(' ')}` : ''}`;
  const level = headroom === null ? styles.muted : headroom < 0.1 ? styles.bad : headroom < 0.3 ? styles.warn : styles.ok;
  const scenarioText = scenarioSummary(result, timeZone);
  const exhaustionText = ex?.alreadyExceeded
    ? 'Already at capacity'
    : `Exhaustion ${when(ex?.tMean ?? null, timeZone)} (mean), ${when(ex?.tUpper ?? null, timeZone)} (upper), p ${ex ? `${(ex.probability * 100).toFixed(0)} %` : 'n/a'} within ${horizon}`;
  return (
    <div className={styles.header} data-testid="headroom-forecast-header">
      {inputs.capacity !== null ? (
        <>
          <span className={styles.fixed}>
            Capacity <strong>{format(inputs.capacity)}</strong>
          </span>
          <span className={styles.fixed}>
            Headroom <strong className={level}>{headroom === null ? 'n/a' : `${(headroom * 100).toFixed(1)} %`}</strong>
          </span>
          <span className={styles.shrink} title={exhaustionText} data-testid="headroom-forecast-exhaustion">
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
        <span className={`${styles.muted} ${styles.shrink}`}>No capacity set: choose a fixed value or a capacity query.</span>
      )}
      {scenarioText && (
        <span className={styles.shrink} title={scenarioText} data-testid="headroom-forecast-scenarios">
          {scenarioText}
        </span>
      )}
      <span className={styles.model} title={modelDetail} data-testid="headroom-forecast-model" data-model={forecast.model}>
        {quality}
      </span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({ ...panelHeaderCss(theme, 22), flexWrap: 'nowrap', whiteSpace: 'nowrap' }),
  ok: css({ color: theme.colors.success.text }),
  warn: css({ color: theme.colors.warning.text }),
  bad: css({ color: theme.colors.error.text }),
  muted: css({ color: theme.colors.text.secondary }),
  fixed: css({ flex: 'none' }),
  shrink: css({ flex: '0 1 auto', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis' }),
  model: css({ flex: 'none', marginLeft: 'auto', color: theme.colors.text.secondary }),
});

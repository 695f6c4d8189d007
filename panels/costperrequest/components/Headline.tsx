import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { panelHeaderCss } from '../../../ui/panelHeader';
import { HOURS_PER_MONTH } from '../../../core/cost/types';
import { Headline as HeadlineModel } from '../model/headline';

interface Props {
  headline: HeadlineModel;
  perLabel: string;
  minRequests: number;
  money: (v: number) => string;
  count: (v: number) => string;
  notes: string[];
}

const pct = (x: number) => `${Math.abs(x) < 10 ? Math.abs(x).toFixed(1) : Math.round(Math.abs(x))} %`;

/** Current cost per N requests, change vs the previous period and vs the budget, projected month. Text only. */
export function Headline({ headline: h, perLabel, minRequests, money, count, notes }: Props) {
  const styles = useStyles2(getStyles);
  const c = h.current;
  return (
    <div className={styles.header} data-testid="headroom-costperrequest-headline">
      <span data-testid="headroom-costperrequest-current">
        Cost per {perLabel} requests{' '}
        {c.status === 'ok' ? (
          <strong className={styles.big}>{money(c.value)}</strong>
        ) : c.status === 'not_enough_traffic' ? (
          <strong className={styles.warn}>
            not enough traffic ({count(c.requests)} requests, at least {count(minRequests)} needed)
          </strong>
        ) : (
          <strong className={styles.muted}>no data</strong>
        )}
      </span>
      {h.changePercent !== null && h.previous && (
        <span data-testid="headroom-costperrequest-change" title={`${h.previous.label}: ${money(h.previous.value)}`}>
          <strong className={h.changePercent > 0.05 ? styles.bad : h.changePercent < -0.05 ? styles.ok : styles.muted}>
            {h.changePercent > 0.05 ? '▲' : h.changePercent < -0.05 ? '▼' : '='} {pct(h.changePercent)}
          </strong>{' '}
          vs {h.previous.label}
        </span>
      )}
      {h.budget !== null && (
        <span data-testid="headroom-costperrequest-budget">
          {h.budgetPercent === null ? (
            <>budget {money(h.budget)}</>
          ) : (
            <>
              <strong className={h.budgetPercent > 0 ? styles.bad : styles.ok}>
                {pct(h.budgetPercent)} {h.budgetPercent > 0 ? 'over' : 'under'}
              </strong>{' '}
              budget {money(h.budget)}
            </>
          )}
        </span>
      )}
      <span
        data-testid="headroom-costperrequest-monthly"
        title={`${HOURS_PER_MONTH} h x the cost per hour now${Number.isFinite(h.hourly) ? `; the range averaged ${money(h.hourly)} / h` : ''}`}
      >
        Projected <strong>{Number.isFinite(h.projectedMonthly) ? money(h.projectedMonthly) : 'n/a'}</strong> / month
        {Number.isFinite(h.hourlyNow) && <> at {money(h.hourlyNow)} / h</>}
      </span>
      {notes.length > 0 && (
        <span className={styles.note} title={notes.join('\n')} data-testid="headroom-costperrequest-notes">
          {notes.length === 1 ? notes[0] : `${notes.length} notes`}
        </span>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({ ...panelHeaderCss(theme, 24), flexWrap: 'wrap', alignItems: 'baseline', whiteSpace: 'nowrap' }),
  big: css({ fontSize: theme.typography.h5.fontSize }),
  ok: css({ color: theme.colors.success.text }),
  warn: css({ color: theme.colors.warning.text }),
  bad: css({ color: theme.colors.error.text }),
  muted: css({ color: theme.colors.text.secondary }),
  note: css({ marginLeft: 'auto', color: theme.colors.text.secondary, overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 320 }),
});

import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { Comparison } from '../model/comparison';

interface Props {
  comparison: Comparison;
  perLabel: string;
  money: (v: number) => string;
  width: number;
}

/** On demand vs reserved 1y / 3y vs spot (vs the mix) for the same traffic, with the savings. Text only. */
export function ComparisonTable({ comparison, perLabel, money, width }: Props) {
  const styles = useStyles2(getStyles);
  if ('message' in comparison) {
    return (
      <div className={styles.muted} style={{ width }} data-testid="headroom-costperrequest-comparison">
        {comparison.message}
      </div>
    );
  }
  const cell = (v: number, f: (x: number) => string) => (Number.isFinite(v) ? f(v) : '—');
  return (
    <div style={{ width }} className={styles.wrap} data-testid="headroom-costperrequest-comparison">
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Pricing model</th>
            <th>per month</th>
            <th>per {perLabel} req.</th>
            <th>saved / month</th>
            <th>saved</th>
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((r) => (
            <tr key={`${r.key}-${r.label}`} title={r.notes || undefined} data-testid={`headroom-costperrequest-row-${r.key}`}>
              <td>
                {r.label}
                {r.notes ? ' *' : ''}
              </td>
              <td>{cell(r.monthly, money)}</td>
              <td>{cell(r.value, money)}</td>
              <td>{r.key === 'on_demand' ? '—' : cell(r.savedMonthly, money)}</td>
              <td className={r.savedPercent > 0.05 ? styles.ok : undefined}>{r.key === 'on_demand' ? '—' : cell(r.savedPercent, (x) => `${x.toFixed(1)} %`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.source}>Prices: {comparison.source}. * hover for notes.</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ overflow: 'hidden' }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': { padding: '2px 6px', textAlign: 'right', whiteSpace: 'nowrap' },
    'th:first-child, td:first-child': { textAlign: 'left', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 180 },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium, borderBottom: `1px solid ${theme.colors.border.weak}` },
    'tbody tr:nth-child(even)': { background: theme.colors.background.secondary },
  }),
  ok: css({ color: theme.colors.success.text }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, padding: theme.spacing(1) }),
  source: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, paddingTop: 2 }),
});

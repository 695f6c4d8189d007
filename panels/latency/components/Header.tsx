import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { panelHeaderCss } from '../../../ui/panelHeader';
import { WarningsBadge } from '../../../ui/WarningsBadge';
import { formatLatency, formatPercent, percentileLabel } from '../render/format';

interface Props {
  percentiles: Array<{ q: number; value: number; color: string }>;
  unit: string;
  decimals?: number;
  sloThreshold: number;
  sloTarget: number;
  shareUnder: number;
  warnings: string[];
}

/** Current percentiles and SLO compliance over the range; warnings behind an icon. Text only. */
export function Header({ percentiles, unit, decimals, sloThreshold, sloTarget, shareUnder, warnings }: Props) {
  const styles = useStyles2(getStyles);
  const meets = shareUnder >= sloTarget;
  return (
    <div className={styles.header} data-testid="headroom-latency-header">
      {percentiles.map((p) => (
        <span key={p.q} className={styles.item}>
          <span className={styles.swatch} style={{ background: p.color }} />
          {percentileLabel(p.q)} <strong>{formatLatency(p.value, unit, decimals)}</strong>
        </span>
      ))}
      <span className={styles.slo} data-testid="headroom-latency-slo">
        <span className={meets ? styles.ok : styles.bad}>{formatPercent(shareUnder)}</span> ≤ {formatLatency(sloThreshold, unit, decimals)} (SLO{' '}
        {formatPercent(sloTarget, 1)})
      </span>
      <WarningsBadge notes={warnings} label={warnings.length} testId="headroom-latency-warnings" />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({ ...panelHeaderCss(theme, 22), flexWrap: 'wrap', alignItems: 'center' }),
  item: css({ whiteSpace: 'nowrap' }),
  swatch: css({ display: 'inline-block', width: 10, height: 3, marginRight: 4, verticalAlign: 'middle' }),
  slo: css({ marginLeft: 'auto', whiteSpace: 'nowrap' }),
  ok: css({ color: theme.colors.success.text, fontWeight: theme.typography.fontWeightMedium }),
  bad: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
});

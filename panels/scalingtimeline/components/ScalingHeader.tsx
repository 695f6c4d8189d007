import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { WarningsBadge } from '../../../ui/WarningsBadge';
import { formatDuration, formatNumber, summaryItems, WorkloadResult } from '../../../core/scaling';
import { totals } from '../model/analysis';

interface Props {
  rows: WorkloadResult[];
  capMessage: string | null;
  warnings: string[];
}

/** Events, time at max, slowest reaction, flaps and replica-hours: of the one workload, or summed over all. */
export function ScalingHeader({ rows, capMessage, warnings }: Props) {
  const styles = useStyles2(getStyles);
  const items =
    rows.length === 1
      ? summaryItems(rows[0].analysis.summary).map((i) => ({ label: i.label, text: i.text, detail: i.detail }))
      : (() => {
          const t = totals(rows);
          return [
            { label: 'Workloads', text: String(rows.length), detail: undefined },
            { label: 'Scale events', text: String(t.events), detail: undefined },
            { label: 'At max', text: `${t.workloadsAtMax} workloads, ${t.timeAtMaxMs === null ? 'n/a' : formatDuration(t.timeAtMaxMs)}`, detail: undefined },
            { label: 'Slowest reaction', text: t.slowestReactionMs === null ? 'n/a' : formatDuration(t.slowestReactionMs), detail: undefined },
            { label: 'Flaps', text: String(t.flaps), detail: undefined },
            { label: 'Replica-hours', text: formatNumber(t.replicaHours, 1), detail: undefined },
          ];
        })();
  const notes = [...(capMessage ? [capMessage] : []), ...warnings];
  return (
    <div className={styles.header} data-testid="headroom-scaling-header">
      {items.map((i) => (
        <span key={i.label} title={i.detail}>
          {i.label} <strong>{i.text}</strong>
        </span>
      ))}
      <WarningsBadge
        notes={notes}
        label={capMessage ?? `${notes.length} note${notes.length === 1 ? '' : 's'}`}
        testId="headroom-scaling-warnings"
        className={styles.warnings}
      />
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
    minHeight: 22,
    whiteSpace: 'nowrap',
  }),
  warnings: css({ marginLeft: 'auto' }),
});

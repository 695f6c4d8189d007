import React from 'react';
import { css, cx } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';

interface Props {
  /** The notes, one a line in the tooltip; nothing is drawn when there are none. */
  notes: string[];
  /** What stands beside the icon (a count, or the most important note). */
  label: React.ReactNode;
  testId: string;
  className?: string;
}

/** A panel header's warnings: a warning icon and a short label, the notes behind a tooltip. */
export function WarningsBadge({ notes, label, testId, className }: Props) {
  const styles = useStyles2(getStyles);
  if (notes.length === 0) {
    return null;
  }
  return (
    <Tooltip content={<div>{notes.map((n) => <div key={n}>{n}</div>)}</div>}>
      <span className={cx(styles.warning, className)} data-testid={testId} aria-label={notes.join(' ')}>
        <Icon name="exclamation-triangle" size="sm" /> {label}
      </span>
    </Tooltip>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  warning: css({ color: theme.colors.warning.text, cursor: 'default', whiteSpace: 'nowrap' }),
});

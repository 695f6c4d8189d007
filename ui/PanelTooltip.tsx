import React, { CSSProperties, ReactNode } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/**
 * Where a tooltip goes, relative to the pointer inside a box of width x height (the panel clips
 * what overflows it): below-right of the pointer, flipped to its left within `flipWidth` of the
 * right edge, and above it in the lower half.
 */
export function tooltipPlacement(pointer: { left: number; top: number }, width: number, height: number, flipWidth = 260, gap = 12): CSSProperties {
  const flip = pointer.left > width - flipWidth;
  const above = pointer.top > height / 2;
  return {
    top: above ? undefined : pointer.top + gap,
    bottom: above ? height - pointer.top + gap : undefined,
    left: flip ? undefined : pointer.left + gap,
    right: flip ? width - pointer.left + gap : undefined,
  };
}

/** Where the pointer is in the panel, in px. */
export interface TooltipPointer {
  left: number;
  top: number;
}

/** A hover that shows lines of text (TooltipLines) at the pointer. */
export interface LinesHover extends TooltipPointer {
  lines: string[];
}

interface Props {
  pointer: TooltipPointer;
  width: number;
  height: number;
  flipWidth?: number;
  /** Distance from the pointer, in px. */
  gap?: number;
  testId: string;
  children: ReactNode;
}

/** The hover tooltip every Headroom panel uses: text content on Grafana's elevated surface. */
export function PanelTooltip({ pointer, width, height, flipWidth, gap, testId, children }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.tooltip} style={tooltipPlacement(pointer, width, height, flipWidth, gap)} data-testid={testId} role="tooltip">
      {children}
    </div>
  );
}

/** One line of text per string. */
export function TooltipLines({ lines }: { lines: string[] }) {
  return (
    <>
      {lines.map((line, i) => (
        <div key={i}>{line}</div>
      ))}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
    position: 'absolute',
    zIndex: 2,
    pointerEvents: 'none',
    padding: theme.spacing(1),
    // Grafana's tooltip surface: background.elevated from 11.6 on; the theme of 10.4-11.5 has no
    // `elevated` colour, but has this one (test/grafana-api checks every version).
    background: theme.components.tooltip.background,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
  }),
});

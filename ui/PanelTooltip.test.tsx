import { createTheme } from '@grafana/data';
import { tooltipPlacement } from './PanelTooltip';

describe('tooltipPlacement', () => {
  it('goes below-right of the pointer in the upper-left of the box', () => {
    expect(tooltipPlacement({ left: 10, top: 10 }, 800, 300)).toEqual({ top: 22, bottom: undefined, left: 22, right: undefined });
  });

  it('flips left near the right edge and above in the lower half', () => {
    expect(tooltipPlacement({ left: 700, top: 250 }, 800, 300)).toEqual({ top: undefined, bottom: 62, left: undefined, right: 112 });
  });
});

describe('tooltip surface', () => {
  // The tooltip uses theme.components.tooltip.background (every Grafana from 10.4); on the pinned
  // 12.4 it is the elevated surface the tooltip used before, so nothing changes there.
  it.each(['dark', 'light'] as const)('is the elevated background in the %s theme of the pinned Grafana', (mode) => {
    const theme = createTheme({ colors: { mode } });
    expect(theme.components.tooltip.background).toBe(theme.colors.background.elevated);
  });
});

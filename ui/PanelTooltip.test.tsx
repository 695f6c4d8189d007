import { tooltipPlacement } from './PanelTooltip';

describe('tooltipPlacement', () => {
  it('goes below-right of the pointer in the upper-left of the box', () => {
    expect(tooltipPlacement({ left: 10, top: 10 }, 800, 300)).toEqual({ top: 22, bottom: undefined, left: 22, right: undefined });
  });

  it('flips left near the right edge and above in the lower half', () => {
    expect(tooltipPlacement({ left: 700, top: 250 }, 800, 300)).toEqual({ top: undefined, bottom: 62, left: undefined, right: 112 });
  });
});

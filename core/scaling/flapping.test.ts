import { detectFlapping } from './flapping';
import { cooldownIntervals } from './cooldown';
import { detectScaleEvents } from './events';
import { normaliseSeries } from './series';
import { MIN, regular } from './testSupport';

// one sample per minute
const events = (vals: number[]) => detectScaleEvents(normaliseSeries(regular(vals, MIN)));

describe('detectFlapping', () => {
  it('counts direction reversals within the window', () => {
    const ev = events([5, 6, 6, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5]);
    const f = detectFlapping(ev, 5 * MIN);
    expect(f.count).toBe(2);
    expect(f.intervals).toEqual([{ start: 1 * MIN, end: 5 * MIN }]);
  });
  it('ignores same-direction steps and a non-positive window', () => {
    expect(detectFlapping(events([3, 4, 5, 6])).count).toBe(0);
    expect(detectFlapping(events([3, 4, 3]), 0).count).toBe(0);
  });
});

describe('cooldownIntervals', () => {
  it('clips to the data end and counts events inside a cooldown', () => {
    const ev = events([1, 2, 3, 3, 3, 3, 2]);
    const c = cooldownIntervals(ev, 7 * MIN, 3 * MIN);
    expect(c.perEvent).toEqual([
      { start: 1 * MIN, end: 4 * MIN },
      { start: 2 * MIN, end: 5 * MIN },
      { start: 6 * MIN, end: 7 * MIN },
    ]);
    expect(c.intervals).toEqual([
      { start: 1 * MIN, end: 5 * MIN },
      { start: 6 * MIN, end: 7 * MIN },
    ]);
    expect(c.eventsInCooldown).toBe(1);
    expect(cooldownIntervals(ev, 7 * MIN, 0).intervals).toEqual([]);
  });
});

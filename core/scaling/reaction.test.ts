import { buildMetricView } from './metric';
import { detectScaleEvents } from './events';
import { normaliseSeries } from './series';
import { reactionDelays } from './reaction';
import { MIN, regular, rep } from './testSupport';

const view = (vals: (number | null)[], target = 75) =>
  buildMetricView(normaliseSeries(regular(vals)), target, { scale: 100 });

describe('reactionDelays', () => {
  it('measures each crossing to the first rise and picks the slowest', () => {
    const cpu = [...rep(0.5, 4), ...rep(0.9, 8), ...rep(0.5, 4), ...rep(0.9, 12)];
    const replicas = [...rep(3, 6), ...rep(4, 10), ...rep(4, 8), ...rep(6, 4)];
    const events = detectScaleEvents(normaliseSeries(regular(replicas)));
    const r = reactionDelays(view(cpu), events);
    expect(r.reactions.map((x) => [x.crossingT / MIN, x.delayMs! / MIN, x.outcome])).toEqual([
      [2, 1, 'reacted'],
      [8, 4, 'reacted'],
    ]);
    expect(r.slowest?.delayMs).toBe(4 * MIN);
  });

  it('labels blocked (already at max), subsided and pending crossings', () => {
    const current = normaliseSeries(regular(rep(12, 20)));
    const max = new Float64Array(20).fill(12);
    const blocked = reactionDelays(view([0.5, 0.9, 0.9]), [], { current, max });
    expect(blocked.reactions[0].outcome).toBe('blocked');
    const subsided = reactionDelays(view([0.5, 0.9, 0.5]), []);
    expect(subsided.reactions[0].outcome).toBe('subsided');
    const pending = reactionDelays(view([0.5, 0.9, 0.9, 0.9]), []);
    expect(pending.reactions[0].outcome).toBe('pending');
    expect(pending.longestPendingMs).toBe(MIN);
    expect(pending.slowest).toBeNull();
  });

  it('does not count a start above target, and hysteresis suppresses noise', () => {
    expect(reactionDelays(view([0.9, 0.9, 0.8]), []).reactions).toEqual([]);
    const noisy = view([0.5, 0.76, 0.74, 0.76, 0.74, 0.76]);
    expect(reactionDelays(noisy, []).reactions).toHaveLength(3);
    expect(reactionDelays(noisy, [], { hysteresis: 5 }).reactions).toHaveLength(1);
  });
});

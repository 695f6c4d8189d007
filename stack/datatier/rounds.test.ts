import { inOneSecondRounds } from './rounds';

describe('inOneSecondRounds', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('one round a second until the time is up, numbered from 0', async () => {
    const seen: number[] = [];
    const done = inOneSecondRounds(3, async (i) => void seen.push(i));
    await jest.advanceTimersByTimeAsync(5000);
    await done;
    expect(seen).toEqual([0, 1, 2]);
  });

  test('a round longer than a second is followed by the next at once', async () => {
    const startedAt: number[] = [];
    const done = inOneSecondRounds(4, async () => {
      startedAt.push(Date.now());
      await new Promise((r) => setTimeout(r, 1500));
    });
    await jest.advanceTimersByTimeAsync(6000);
    await done;
    expect(startedAt.map((t) => t - startedAt[0])).toEqual([0, 1500, 3000]);
  });

  test('stops after the round under way once aborted', async () => {
    const stop = new AbortController();
    const seen: number[] = [];
    const done = inOneSecondRounds(60, async (i) => {
      seen.push(i);
      if (i === 1) stop.abort();
    }, stop.signal);
    await jest.advanceTimersByTimeAsync(5000);
    await done;
    expect(seen).toEqual([0, 1]);
  });
});

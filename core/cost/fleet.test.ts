import { averageFleet, currentFleet } from './fleet';
import { InventorySeries } from './types';

const MIN = 60_000;
const t = Array.from({ length: 10 }, (_, i) => i * MIN);
const series = (type: string, v: number[], times = t): InventorySeries => ({ type, component: 'compute', t: times, v });

describe('currentFleet', () => {
  it('is the last sample of every series, where the average is the time-weighted mean', () => {
    // 5 nodes, then 10 for the last 4 minutes.
    const inv = [series('t3.large', t.map((_, i) => (i < 6 ? 5 : 10)))];
    expect(currentFleet(inv)).toEqual([{ kind: 'instance', type: 't3.large', component: 'compute', region: undefined, count: 10 }]);
    expect(averageFleet(inv)[0].count).toBeCloseTo((6 * 5 + 3 * 10) / 9, 12);
  });

  it('counts a series that stopped before the latest sample (its nodes gone) as 0, and stops at `end`', () => {
    const inv = [series('t3.large', t.map(() => 3)), series('m5.large', [2, 2, 2], t.slice(0, 3))];
    expect(currentFleet(inv).map((x) => [x.type, x.count])).toEqual([['t3.large', 3], ['m5.large', 0]]);
    expect(currentFleet(inv, 2.5 * MIN).map((x) => [x.type, x.count])).toEqual([['t3.large', 3], ['m5.large', 2]]);
    expect(currentFleet(inv, -1)).toEqual([]);
    expect(currentFleet([series('t3.large', [1, NaN], t.slice(0, 2))])[0].count).toBe(0);
  });
});

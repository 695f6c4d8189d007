// A fleet: how many of each type, as one number (a static inventory, or the time-average of an
// inventory series over a window). Projections and savings work on fleets.
//
// Edge cases: the average divides instance-hours by the window's hours, so a type that ran for
// half the window counts as half an instance (that is what it cost). A window of zero length uses
// the last sample of each series instead. Items with the same kind/type/component/region merge.
import { InventorySeries, TimeWindow } from './types';
import { holdWeights, integrateStep, MS_PER_HOUR } from './integrate';

export interface FleetItem {
  kind?: 'instance' | 'storage' | 'network';
  type: string;
  component?: string;
  region?: string;
  /** Instances, GB stored, or GB/h transferred. */
  count: number;
}

const itemKey = (x: FleetItem) => `${x.kind ?? 'instance'}\u0000${x.type}\u0000${x.component ?? ''}\u0000${x.region ?? ''}`;

/** Merges items that name the same thing, summing counts; keeps first-seen order. */
export function mergeFleet(items: readonly FleetItem[]): FleetItem[] {
  const out = new Map<string, FleetItem>();
  for (const x of items) {
    const k = itemKey(x);
    const prev = out.get(k);
    if (prev) {
      prev.count += x.count;
    } else {
      out.set(k, { ...x });
    }
  }
  return [...out.values()];
}

/** The span covered by a set of series: first to last timestamp. */
export function spanOf(inventory: readonly InventorySeries[]): TimeWindow | null {
  let start = Infinity;
  let end = -Infinity;
  for (const s of inventory) {
    if (s.t.length > 0) {
      start = Math.min(start, s.t[0]);
      end = Math.max(end, s.t[s.t.length - 1]);
    }
  }
  return Number.isFinite(start) ? { start, end } : null;
}

/**
 * How much of `window` (ms) the inventory has data for: the union over every series of the time its
 * samples hold (as integrateStep holds them: until the next sample, at most the lookback or step).
 * Less than the window when Prometheus holds no data for part of it (retention, a fresh or a
 * stopped Prometheus). Edge cases: no samples: 0; overlapping series count once; O(n log n).
 */
export function coveredMs(inventory: readonly InventorySeries[], window: TimeWindow): number {
  let n = 0;
  for (const s of inventory) {
    n += s.t.length;
  }
  const from = new Float64Array(n);
  const to = new Float64Array(n);
  let k = 0;
  for (const s of inventory) {
    const w = holdWeights(s.t, window.start, window.end);
    for (let i = 0; i < w.length; i++) {
      if (w[i] > 0) {
        from[k] = Math.max(s.t[i], window.start);
        to[k] = from[k] + w[i];
        k++;
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => from[a] - from[b]);
  let covered = 0;
  let a = -Infinity;
  let b = -Infinity;
  for (const i of order) {
    if (from[i] > b) {
      covered += b - a > 0 ? b - a : 0;
      a = from[i];
      b = to[i];
    } else if (to[i] > b) {
      b = to[i];
    }
  }
  return covered + (b - a > 0 ? b - a : 0);
}

/**
 * Time-average fleet of an inventory over `window` (default: the inventory's own span): its
 * instance-hours divided by the window's hours, or by `overMs` when given (the time the inventory
 * has data for, see coveredMs, so that a range longer than the data does not dilute the fleet).
 */
export function averageFleet(inventory: readonly InventorySeries[], window?: TimeWindow, overMs?: number): FleetItem[] {
  const w = window ?? spanOf(inventory);
  if (!w) {
    return [];
  }
  const hours = (overMs ?? w.end - w.start) / MS_PER_HOUR;
  const items: FleetItem[] = [];
  for (const s of inventory) {
    let count: number;
    if (hours > 0) {
      count = integrateStep(s.t, s.v, w.start, w.end) / hours;
    } else {
      count = s.v.length > 0 ? s.v[s.v.length - 1] : 0;
      count = Number.isFinite(count) ? count : 0;
    }
    items.push({ kind: s.kind ?? 'instance', type: s.type, component: s.component, region: s.region, count });
  }
  return mergeFleet(items);
}

/**
 * The fleet now: each series' value at the latest sample time at or before `end` (all series of
 * one range query share their grid). What a run rate ("the bill if the fleet stayed as it is now")
 * and the savings "for the current fleet" price.
 * Edge cases: a series whose last sample is older than the latest (a node gone) counts 0;
 * non-finite values count 0; no sample at or before `end` → an empty fleet.
 */
export function currentFleet(inventory: readonly InventorySeries[], end = Infinity): FleetItem[] {
  const last = inventory.map((s) => {
    for (let i = Math.min(s.t.length, s.v.length) - 1; i >= 0; i--) {
      if (s.t[i] <= end) {
        return { t: s.t[i], v: s.v[i] };
      }
    }
    return null;
  });
  const latest = Math.max(...last.map((x) => (x ? x.t : -Infinity)));
  if (!Number.isFinite(latest)) {
    return [];
  }
  return mergeFleet(
    inventory.map((s, k) => {
      const x = last[k];
      const count = x && x.t === latest && Number.isFinite(x.v) ? x.v : 0;
      return { kind: s.kind ?? 'instance', type: s.type, component: s.component, region: s.region, count };
    })
  );
}

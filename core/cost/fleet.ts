// A fleet: how many of each type, as one number (a static inventory, or the time-average of an
// inventory series over a window). Projections and savings work on fleets.
//
// Edge cases: the average divides instance-hours by the window's hours, so a type that ran for
// half the window counts as half an instance (that is what it cost). A window of zero length uses
// the last sample of each series instead. Items with the same kind/type/component/region merge.
import { InventorySeries, TimeWindow } from './types';
import { integrateStep, MS_PER_HOUR } from './integrate';

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

/** Time-average fleet of an inventory over `window` (default: the inventory's own span). */
export function averageFleet(inventory: readonly InventorySeries[], window?: TimeWindow): FleetItem[] {
  const w = window ?? spanOf(inventory);
  if (!w) {
    return [];
  }
  const hours = (w.end - w.start) / MS_PER_HOUR;
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

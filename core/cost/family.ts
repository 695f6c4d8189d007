// Instance families for right-sizing: which types are sizes of the same thing.
//
// AWS: `t3.large` -> `t3`, `db.r5.large` -> `db.r5`, `cache.r6g.large` -> `cache.r6g` (everything
// before the last dot). GCP: `n2-standard-4` -> `n2-standard` (everything before the last dash when
// the tail is a number). Azure and anything else: the entry's explicit `family`, else the type
// itself (a family of one, so nothing is ever suggested across families by accident).
import { InstanceEntry } from './types';

export function familyOf(entry: Pick<InstanceEntry, 'type' | 'family'>): string {
  if (entry.family) {
    return entry.family;
  }
  const t = entry.type;
  const dot = t.lastIndexOf('.');
  if (dot > 0) {
    return t.slice(0, dot);
  }
  const m = /^(.+)-\d+$/.exec(t);
  if (m) {
    return m[1];
  }
  return t;
}

/** Entries of the same family and region as `entry`, smallest first (by vCPU, then memory). */
export function familyMembers(entries: readonly InstanceEntry[], entry: InstanceEntry): InstanceEntry[] {
  const fam = familyOf(entry);
  return entries
    .filter((e) => e.region === entry.region && familyOf(e) === fam)
    .sort((a, b) => a.vcpu - b.vcpu || a.memoryGiB - b.memoryGiB || a.prices.on_demand.hourly - b.prices.on_demand.hourly);
}

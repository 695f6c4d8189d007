// Right-sizing: from utilisation and size per type, the smallest size of the same family that would
// run the same load at the target utilisation — and what that saves.
//
// needed vCPU = cpu utilisation × vCPU / target, needed GiB = memory utilisation × GiB / target;
// the suggestion is the smallest family member (same region, by vCPU then memory) meeting both.
// Feed a high percentile (p95) of utilisation, not the mean, or daily peaks will be cut off.
//
// Edge cases:
// - Unknown memory utilisation keeps at least the current memory: t3.large → t3.medium differ only
//   in memory, so a CPU-only answer would halve RAM blindly.
// - Utilisation must be a 0..1 ratio; values above 1.5 look like percents and are rejected.
// - Over the target and no bigger size in the family → 'upsize' with no suggestion.
// - Unknown type → 'unpriced'; no CPU utilisation → 'unknown'. Savings are on demand (list) prices
//   unless a mix is given.
import { HOURS_PER_MONTH, Mix, PriceBook } from './types';
import { indexPriceBook, PriceIndex } from './lookup';
import { familyMembers } from './family';
import { mixRate } from './rates';

export interface UsageItem {
  type: string;
  region?: string;
  count: number;
  /** CPU utilisation 0..1 (a p95 is best). */
  cpu: number;
  /** Memory utilisation 0..1; omit when unknown. */
  memory?: number;
}

export interface RightSizingOptions {
  /** Utilisation to size for, 0..1 (default 0.7). */
  target?: number;
  mix?: Mix;
}

export interface RightSizingAdvice {
  type: string;
  region: string;
  count: number;
  action: 'downsize' | 'keep' | 'upsize' | 'unknown' | 'unpriced' | 'invalid';
  suggested: string | null;
  neededVcpu: number;
  neededMemoryGiB: number;
  /** Money per month saved by the change (negative for an upsize). */
  monthlySaving: number;
  reason: string;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

export function rightSizing(usage: readonly UsageItem[], book: PriceBook | PriceIndex, opts: RightSizingOptions = {}): RightSizingAdvice[] {
  const index = 'instance' in book ? book : indexPriceBook(book);
  const target = opts.target ?? 0.7;
  const mix = opts.mix ?? {};
  return usage.map((u): RightSizingAdvice => {
    const region = u.region || index.book.defaultRegion;
    const base = { type: u.type, region, count: u.count, suggested: null, neededVcpu: NaN, neededMemoryGiB: NaN, monthlySaving: 0 };
    if (!(target > 0 && target <= 1)) {
      return { ...base, action: 'invalid', reason: `target utilisation must be in (0, 1], got ${target}` };
    }
    const entry = index.instance(u.type, region);
    if (!entry) {
      return { ...base, action: 'unpriced', reason: index.explainMissing('instance', u.type, region) };
    }
    if (!(entry.vcpu > 0) || !(entry.memoryGiB > 0)) {
      return { ...base, action: 'unknown', reason: `the price book doesn't give the size (vCPU, memory) of ${entry.type}` };
    }
    if (!Number.isFinite(u.cpu)) {
      return { ...base, action: 'unknown', reason: 'no CPU utilisation for this type' };
    }
    for (const [name, x] of [['cpu', u.cpu], ['memory', u.memory]] as const) {
      if (x !== undefined && Number.isFinite(x) && (x < 0 || x > 1.5)) {
        return { ...base, action: 'invalid', reason: `${name} utilisation must be a ratio 0..1, got ${x} (a percent?)` };
      }
    }
    const memKnown = u.memory !== undefined && Number.isFinite(u.memory);
    const neededVcpu = (u.cpu * entry.vcpu) / target;
    const neededMemoryGiB = memKnown ? ((u.memory as number) * entry.memoryGiB) / target : entry.memoryGiB;
    const members = familyMembers(index.book.instances, entry);
    const fit = members.find((m) => m.vcpu >= neededVcpu - 1e-9 && m.memoryGiB >= neededMemoryGiB - 1e-9);
    const rate = (e: typeof entry) => mixRate(e, mix).hourly;
    const usageText = `cpu ${pct(u.cpu)}${memKnown ? `, memory ${pct(u.memory as number)}` : ', memory unknown (kept)'} of ${entry.vcpu} vCPU / ${entry.memoryGiB} GiB`;
    const needText = `needs ${round1(neededVcpu)} vCPU / ${round1(neededMemoryGiB)} GiB at ${pct(target)}`;
    if (!fit) {
      return { ...base, neededVcpu, neededMemoryGiB, action: 'upsize', reason: `${usageText}: ${needText}; no larger size of this family in the price book` };
    }
    const monthlySaving = u.count * (rate(entry) - rate(fit)) * HOURS_PER_MONTH;
    if (fit.type === entry.type) {
      return { ...base, neededVcpu, neededMemoryGiB, action: 'keep', reason: `${usageText}: ${needText}; ${entry.type} is the smallest that fits` };
    }
    const smaller = fit.vcpu < entry.vcpu || (fit.vcpu === entry.vcpu && fit.memoryGiB < entry.memoryGiB);
    return {
      ...base,
      neededVcpu,
      neededMemoryGiB,
      suggested: fit.type,
      monthlySaving,
      action: smaller ? 'downsize' : 'upsize',
      reason: `${usageText}: ${needText}; ${fit.type} (${fit.vcpu} vCPU / ${fit.memoryGiB} GiB) fits`,
    };
  });
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

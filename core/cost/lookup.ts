// Finding prices in a book by type and region.
//
// Edge cases: matching is exact on type (case-insensitive, since labels and consoles disagree on
// case) and region; a missing region means the book's defaultRegion. No silent cross-region
// fallback: a type priced only in another region is reported as unpriced with a hint naming the
// regions it is priced in, because region price gaps (10-30 %) would make the report quietly wrong.
import { InstanceEntry, NetworkEntry, PriceBook, StorageEntry } from './types';

export interface PriceIndex {
  book: PriceBook;
  instance(type: string, region?: string): InstanceEntry | undefined;
  storage(cls: string, region?: string): StorageEntry | undefined;
  network(cls: string, region?: string): NetworkEntry | undefined;
  /** Why a lookup failed, in words: "no price for x1.large in us-east-1 (priced in: eu-west-1)". */
  explainMissing(kind: 'instance' | 'storage' | 'network', name: string, region?: string): string;
}

const key = (name: string, region: string) => `${name.toLowerCase()}\u0000${region.toLowerCase()}`;

export function indexPriceBook(book: PriceBook): PriceIndex {
  const maps = {
    instance: new Map<string, InstanceEntry>(),
    storage: new Map<string, StorageEntry>(),
    network: new Map<string, NetworkEntry>(),
  };
  const regionsOf = {
    instance: new Map<string, string[]>(),
    storage: new Map<string, string[]>(),
    network: new Map<string, string[]>(),
  };
  const add = <T extends { region: string }>(kind: keyof typeof maps, name: string, e: T) => {
    (maps[kind] as unknown as Map<string, T>).set(key(name, e.region), e);
    const list = regionsOf[kind].get(name.toLowerCase()) ?? [];
    list.push(e.region);
    regionsOf[kind].set(name.toLowerCase(), list);
  };
  book.instances.forEach((e) => add('instance', e.type, e));
  book.storage.forEach((e) => add('storage', e.class, e));
  book.network.forEach((e) => add('network', e.class, e));
  const region = (r?: string) => (r && r !== '' ? r : book.defaultRegion);
  return {
    book,
    instance: (type, r) => maps.instance.get(key(type, region(r))),
    storage: (cls, r) => maps.storage.get(key(cls, region(r))),
    network: (cls, r) => maps.network.get(key(cls, region(r))),
    explainMissing(kind, name, r) {
      const where = region(r);
      const elsewhere = regionsOf[kind].get(name.toLowerCase());
      const what = kind === 'instance' ? 'instance type' : `${kind} class`;
      return elsewhere
        ? `no price for ${what} ${name} in ${where} in price book "${book.name}" (priced in: ${elsewhere.join(', ')})`
        : `no price for ${what} ${name} in price book "${book.name}"`;
    },
  };
}

import type { Tags } from '@chaos/config';
import type { StringTable } from './StringTable.js';

/** Tag set id of a record without tags (`undefined` or `{}`). */
export const NO_TAGS = 0;

/**
 * Interns the distinct tag sets of a store, as the string table interns names: a record
 * stores one tag set id, and the summary reads each set's (key, value) pairs as string
 * ids. Sets are compared by content; each keeps one frozen `Tags` object with its keys
 * sorted, which every record of the set gives back.
 */
export class TagSetTable {
  readonly #strings: StringTable;
  readonly #ids = new Map<string, number>();
  /** Frozen tag objects already interned, by identity: records of one injector share one. */
  readonly #byObject = new WeakMap<object, number>();
  /** Per set: `[keyId, valueId, keyId, valueId, …]`, keys in name order. */
  readonly #pairs: Int32Array[] = [new Int32Array(0)];
  readonly #tags: (Tags | undefined)[] = [undefined];

  constructor(strings: StringTable) {
    this.#strings = strings;
  }

  /** Distinct sets, the empty set (id 0) included. */
  get size(): number {
    return this.#pairs.length;
  }

  /**
   * The id of a validated tag set, added if new. A frozen object is remembered by
   * identity, so recording many records with the same tags costs one lookup each.
   */
  intern(tags: Tags | undefined): number {
    if (tags === undefined) return NO_TAGS;
    const known = this.#byObject.get(tags);
    if (known !== undefined) return known;
    const keys = Object.keys(tags).sort();
    let id: number = NO_TAGS;
    if (keys.length > 0) {
      const canonical = JSON.stringify(keys.map((key) => [key, tags[key]]));
      const existing = this.#ids.get(canonical);
      if (existing !== undefined) id = existing;
      else {
        id = this.#pairs.length;
        this.#ids.set(canonical, id);
        const pairs = new Int32Array(2 * keys.length);
        const sorted: Record<string, string> = {};
        keys.forEach((key, k) => {
          const value = tags[key] as string;
          pairs[2 * k] = this.#strings.intern(key);
          pairs[2 * k + 1] = this.#strings.intern(value);
          sorted[key] = value;
        });
        this.#pairs.push(pairs);
        this.#tags.push(Object.freeze(sorted));
      }
    }
    if (Object.isFrozen(tags)) this.#byObject.set(tags, id);
    return id;
  }

  /** The set's `[keyId, valueId, …]` pairs (string ids), keys in name order. */
  pairs(id: number): Int32Array {
    return this.#pairs[id] as Int32Array;
  }

  /** The set as a frozen object with sorted keys, `undefined` for {@link NO_TAGS}. */
  tags(id: number): Tags | undefined {
    return this.#tags[id];
  }
}

/**
 * Interns strings to small integer ids, so a column of agent names costs 4 bytes a
 * record. Ids are dense, from 0, in order of first appearance.
 */
export class StringTable {
  readonly #ids = new Map<string, number>();
  readonly #strings: string[] = [];

  /** The id of `value`, added if new. */
  intern(value: string): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.#strings.length;
      this.#strings.push(value);
      this.#ids.set(value, id);
    }
    return id;
  }

  /** The id of `value`, or `undefined` when it was never interned. */
  lookup(value: string): number | undefined {
    return this.#ids.get(value);
  }

  /** The string of `id`. */
  get(id: number): string {
    const value = this.#strings[id];
    if (value === undefined) throw new RangeError(`No interned string has id ${id}`);
    return value;
  }

  get size(): number {
    return this.#strings.length;
  }
}

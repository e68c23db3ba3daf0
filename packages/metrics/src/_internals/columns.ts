/**
 * Growable typed-array columns. A store of a million records keeps each field in one
 * contiguous typed array (8 or 4 bytes a value) instead of a million objects.
 */

const INITIAL_CAPACITY = 64;

function grownCapacity(current: number, needed: number): number {
  let capacity = Math.max(current, INITIAL_CAPACITY);
  while (capacity < needed) capacity *= 2;
  return capacity;
}

/** A `Float64Array` that grows by doubling. */
export class Float64Column {
  data = new Float64Array(INITIAL_CAPACITY);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.#grow(this.length + 1);
    this.data[this.length++] = value;
  }

  /** The filled part, without copying. */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  #grow(needed: number): void {
    const next = new Float64Array(grownCapacity(this.data.length, needed));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** An `Int32Array` that grows by doubling. */
export class Int32Column {
  data = new Int32Array(INITIAL_CAPACITY);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.#grow(this.length + 1);
    this.data[this.length++] = value;
  }

  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }

  #grow(needed: number): void {
    const next = new Int32Array(grownCapacity(this.data.length, needed));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** A `Uint8Array` that grows by doubling. */
export class Uint8Column {
  data = new Uint8Array(INITIAL_CAPACITY);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) this.#grow(this.length + 1);
    this.data[this.length++] = value;
  }

  view(): Uint8Array {
    return this.data.subarray(0, this.length);
  }

  #grow(needed: number): void {
    const next = new Uint8Array(grownCapacity(this.data.length, needed));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/**
 * Sorting for the summary: one radix argsort of a `Float64Array`, and stable counting
 * sorts that split an order into buckets (runs, groups) without re-sorting.
 */

const SMALL = 256;

/** Maps a double's high word to an unsigned key with the same order (sign handled). */
function orderedHigh(high: number): number {
  return (high & 0x80000000) !== 0 ? ~high >>> 0 : (high | 0x80000000) >>> 0;
}

/** The radix digits of an ordered high word: bits 0–10, 11–21 and 22–31. */
const DIGIT_SHIFTS = [0, 11, 22] as const;
const DIGIT_BUCKETS = 2048;

/**
 * Sorts `values` ascending and permutes `payload` the same way: the payload that sat
 * beside a value stays beside it. Equal values keep their input order. Takes ownership
 * of both arrays: the result may be them, sorted in place, or new arrays.
 *
 * Radix sort on the high 32 bits of each double (sign, exponent, 20 mantissa bits: three
 * passes of 11 bits, their counts taken in one read, values and payloads carried along so
 * reads stay sequential; 2,048 buckets keep the scattered writes within the caches), then
 * an exact sort on full values within each run of equal high words. A pass whose digit is
 * the same for every value is skipped. `values` must hold no `NaN`.
 */
export function sortWithPayload(values: Float64Array, payload: Uint32Array): { sorted: Float64Array; payload: Uint32Array } {
  const n = values.length;
  if (payload.length !== n) throw new RangeError('`payload` must be as long as `values`');
  if (n < SMALL) {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
    const sorted = new Float64Array(n);
    const carried = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      sorted[i] = values[order[i] as number] as number;
      carried[i] = payload[order[i] as number] as number;
    }
    return { sorted, payload: carried };
  }
  let sorted: Float64Array = values;
  let carried: Uint32Array = payload;
  let spareValues: Float64Array | undefined;
  let spareCarried: Uint32Array | undefined;
  const counts = countAllDigits(values);
  for (let d = 0; d < DIGIT_SHIFTS.length; d++) {
    const offsets = counts.subarray(d * DIGIT_BUCKETS, (d + 1) * DIGIT_BUCKETS);
    if (!toOffsets(offsets)) continue; // every key has the same digit
    spareValues ??= new Float64Array(n);
    spareCarried ??= new Uint32Array(n);
    scatter(sorted, carried, DIGIT_SHIFTS[d] as number, offsets, spareValues, spareCarried);
    const values2 = sorted;
    sorted = spareValues;
    spareValues = values2;
    const carried2 = carried;
    carried = spareCarried;
    spareCarried = carried2;
  }
  fixEqualHighWords(sorted, carried);
  return { sorted, payload: carried };
}

/**
 * Counts the three digits of each value's ordered high word in one read: digit `d`'s
 * counts are `counts[d·2048 .. d·2048 + 2047]`. Each radix step is its own small
 * function so V8 optimises it quickly.
 */
function countAllDigits(values: Float64Array): Uint32Array {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const counts = new Uint32Array(3 * DIGIT_BUCKETS);
  for (let i = 0; i < n; i++) {
    const key = orderedHigh(words[2 * i + 1] as number);
    counts[key & 0x7ff]! += 1;
    counts[DIGIT_BUCKETS + ((key >>> 11) & 0x7ff)]! += 1;
    counts[2 * DIGIT_BUCKETS + (key >>> 22)]! += 1;
  }
  return counts;
}

/**
 * Turns one digit's counts into start offsets, in place. Returns false (and leaves them)
 * when all values share one digit: no pass needed.
 */
function toOffsets(counts: Uint32Array): boolean {
  let distinct = 0;
  for (let k = 0; k < DIGIT_BUCKETS && distinct < 2; k++) if (counts[k] !== 0) distinct += 1;
  if (distinct < 2) return false;
  let sum = 0;
  for (let k = 0; k < DIGIT_BUCKETS; k++) {
    const count = counts[k] as number;
    counts[k] = sum;
    sum += count;
  }
  return true;
}

/** Moves each value and its payload to its digit's next slot (stable). */
function scatter(
  values: Float64Array,
  carried: Uint32Array,
  shift: number,
  offsets: Uint32Array,
  outValues: Float64Array,
  outCarried: Uint32Array,
): void {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  for (let i = 0; i < n; i++) {
    const slot = offsets[(orderedHigh(words[2 * i + 1] as number) >>> shift) & 0x7ff]!++;
    outValues[slot] = values[i] as number;
    outCarried[slot] = carried[i] as number;
  }
}

/** Sorts exactly within each run of values that share a high word (stable). */
function fixEqualHighWords(sorted: Float64Array, carried: Uint32Array): void {
  const n = sorted.length;
  const words = new Uint32Array(sorted.buffer, sorted.byteOffset, n * 2);
  let start = 0;
  while (start < n) {
    const high = words[2 * start + 1];
    let end = start + 1;
    while (end < n && words[2 * end + 1] === high) end++;
    if (end - start > 1) sortSegment(sorted, carried, start, end);
    start = end;
  }
}

function sortSegment(sorted: Float64Array, carried: Uint32Array, start: number, end: number): void {
  if (end - start <= 16) {
    // Insertion sort: stable, since it moves only strictly greater values.
    for (let i = start + 1; i < end; i++) {
      const value = sorted[i] as number;
      const item = carried[i] as number;
      let j = i - 1;
      while (j >= start && (sorted[j] as number) > value) {
        sorted[j + 1] = sorted[j] as number;
        carried[j + 1] = carried[j] as number;
        j--;
      }
      sorted[j + 1] = value;
      carried[j + 1] = item;
    }
    return;
  }
  // Array#sort is stable.
  const pairs = Array.from({ length: end - start }, (_, k) => [sorted[start + k] as number, carried[start + k] as number] as const);
  pairs.sort((a, b) => a[0] - b[0]);
  for (let k = 0; k < pairs.length; k++) {
    const pair = pairs[k] as readonly [number, number];
    sorted[start + k] = pair[0];
    carried[start + k] = pair[1];
  }
}

/** An order split into buckets: bucket `b` is `items[offsets[b]]` to `items[offsets[b + 1] - 1]`. */
export interface Buckets {
  readonly items: Uint32Array;
  readonly offsets: Int32Array;
}

/**
 * Stable counting sort: splits `order` (indices) into `bucketCount` buckets by
 * `bucketOf[index]`, keeping the order within each bucket. Indices whose bucket is
 * negative are dropped.
 */
export function bucketize(order: Uint32Array, bucketOf: Int32Array, bucketCount: number): Buckets {
  const n = order.length;
  const offsets = new Int32Array(bucketCount + 1);
  // One random read of `bucketOf` per index; the placing pass then reads sequentially.
  const keys = new Int32Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const bucket = bucketOf[order[i] as number] as number;
    keys[i] = bucket;
    if (bucket >= 0) {
      offsets[bucket + 1]! += 1;
      kept += 1;
    }
  }
  for (let b = 0; b < bucketCount; b++) offsets[b + 1]! += offsets[b] as number;
  const cursor = offsets.slice(0, bucketCount);
  const items = new Uint32Array(kept);
  for (let i = 0; i < n; i++) {
    const bucket = keys[i] as number;
    if (bucket >= 0) items[cursor[bucket]!++] = order[i] as number;
  }
  return { items, offsets };
}

/** `0, 1, …, n - 1`. */
export function identityOrder(n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/**
 * Sorts each bucket by `time[index]` (ties in index order), in place. Buckets that are
 * already in order — the usual case, since records arrive in clock order — cost one
 * pass.
 */
export function sortBucketsByTime(buckets: Buckets, time: Float64Array): void {
  const { items, offsets } = buckets;
  for (let b = 0; b + 1 < offsets.length; b++) {
    const start = offsets[b] as number;
    const end = offsets[b + 1] as number;
    let ordered = true;
    for (let i = start + 1; i < end; i++) {
      if ((time[items[i - 1] as number] as number) > (time[items[i] as number] as number)) {
        ordered = false;
        break;
      }
    }
    if (!ordered) items.subarray(start, end).sort((a, b2) => (time[a] as number) - (time[b2] as number) || a - b2);
  }
}

/**
 * Indices ordered by run, then by time within a run (ties in index order), split into
 * one bucket per run. Records usually arrive run after run in clock order; then this
 * is one check and no sort.
 */
export function orderByRunAndTime(runOf: Int32Array, time: Float64Array, runCount: number): Buckets {
  const n = runOf.length;
  const offsets = new Int32Array(runCount + 1);
  let ordered = true;
  for (let i = 0; i < n; i++) {
    const run = runOf[i] as number;
    offsets[run + 1]! += 1;
    if (ordered && i > 0) {
      const previous = runOf[i - 1] as number;
      if (run < previous || (run === previous && (time[i] as number) < (time[i - 1] as number))) ordered = false;
    }
  }
  if (!ordered) {
    const buckets = bucketize(identityOrder(n), runOf, runCount);
    sortBucketsByTime(buckets, time);
    return buckets;
  }
  for (let run = 0; run < runCount; run++) offsets[run + 1]! += offsets[run] as number;
  return { items: identityOrder(n), offsets };
}

import type { Segments } from './RunOrder.js';

/*
 * Ordering for the summary: runs numbered densely, records put in run and time order,
 * and the stable counting sort that splits an order into buckets (runs) without
 * re-sorting.
 */

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
 * Dense run indices, numbered by first appearance over the run id columns given in
 * turn (faults, then recoveries, then results), kept as a map from string id to run
 * index rather than as a column per record: a summary reads a record's run through it.
 */
export class RunIndex {
  /** A string id's run index, -1 for ids that are not runs. */
  readonly denseOf: Int32Array;
  count = 0;

  /** @param idCount - how many string ids there are (run ids are among them) */
  constructor(idCount: number) {
    this.denseOf = new Int32Array(idCount).fill(-1);
  }

  /**
   * Numbers the runs of `ids` not seen before. With the column's segments (see
   * `RunOrder`), only the runs they list are read: each run's records come together.
   */
  number(ids: Int32Array, segments?: Segments): void {
    if (segments !== undefined) {
      for (const id of segments.runs) if ((this.denseOf[id] as number) < 0) this.denseOf[id] = this.count++;
      return;
    }
    const denseOf = this.denseOf;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if ((denseOf[id] as number) < 0) denseOf[id] = this.count++;
    }
  }

  /** Each record's run index (a column; for the few records of the scenario results, or records out of order). */
  of(ids: Int32Array): Int32Array {
    const out = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = this.denseOf[ids[i] as number] as number;
    return out;
  }
}

/**
 * The buckets of records already in run and time order, from their segments alone —
 * when the runs come in run index order too (recoveries can come in another order than
 * the faults that numbered the runs); otherwise `undefined`.
 */
function bucketsOfSegments(segments: Segments, runs: RunIndex, identity: Uint32Array): Buckets | undefined {
  const offsets = new Int32Array(runs.count + 1);
  let previous = -1;
  for (let k = 0; k < segments.runs.length; k++) {
    const run = runs.denseOf[segments.runs[k] as number] as number;
    if (run <= previous) return undefined;
    const end = k + 1 < segments.starts.length ? (segments.starts[k + 1] as number) : segments.count;
    offsets[run + 1] = end - (segments.starts[k] as number);
    previous = run;
  }
  for (let run = 0; run < runs.count; run++) offsets[run + 1]! += offsets[run] as number;
  return { items: identity.subarray(0, segments.count), offsets };
}

/**
 * Indices ordered by run, then by time within a run (ties in index order), split into
 * one bucket per run. Records usually arrive run after run in clock order; then this
 * is one check, no sort, and the order is `identity` (`0, 1, …`, shared by the
 * columns of one summary so that a million records do not cost a fresh array each).
 */
export function orderByRunAndTime(runIds: Int32Array, runs: RunIndex, time: Float64Array, identity: Uint32Array, segments?: Segments): Buckets {
  const n = runIds.length;
  const { denseOf, count: runCount } = runs;
  if (segments !== undefined) {
    const buckets = bucketsOfSegments(segments, runs, identity);
    if (buckets !== undefined) return buckets;
  }
  const offsets = new Int32Array(runCount + 1);
  let ordered = true;
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const run = denseOf[runIds[i] as number] as number;
    offsets[run + 1]! += 1;
    if (ordered && (run < previous || (run === previous && (time[i] as number) < (time[i - 1] as number)))) ordered = false;
    previous = run;
  }
  if (!ordered) {
    const buckets = bucketize(identity.subarray(0, n), runs.of(runIds), runCount);
    sortBucketsByTime(buckets, time);
    return buckets;
  }
  for (let run = 0; run < runCount; run++) offsets[run + 1]! += offsets[run] as number;
  return { items: identity.subarray(0, n), offsets };
}

import { describe, expect, it } from 'vitest';
import { bucketize, identityOrder, orderByRunAndTime, RunIndex } from '../../src/_internals/sort.js';

describe('bucketize and orderByRunAndTime', () => {
  it('splits an order into stable buckets and drops negative buckets', () => {
    const buckets = bucketize(Uint32Array.of(4, 3, 2, 1, 0), Int32Array.of(1, -1, 0, 1, 0), 2);
    expect(Array.from(buckets.items)).toEqual([4, 2, 3, 0]);
    expect(Array.from(buckets.offsets)).toEqual([0, 2, 4]);
  });

  /** Runs whose string ids 0..count-1 are their run indices. */
  function runsNumbered(count: number): RunIndex {
    const runs = new RunIndex(count);
    runs.number(Int32Array.from({ length: count }, (_, i) => i));
    return runs;
  }

  it('numbers runs by first appearance over the columns given in turn', () => {
    const runs = new RunIndex(6);
    runs.number(Int32Array.of(4, 4, 2));
    runs.number(Int32Array.of(5, 2, 4));
    expect(runs.count).toBe(3);
    expect(Array.from(runs.of(Int32Array.of(2, 4, 5)))).toEqual([1, 0, 2]);
    expect(runs.denseOf[0]).toBe(-1);
  });

  it('keeps records already in run and time order as they are', () => {
    const identity = identityOrder(8);
    const buckets = orderByRunAndTime(Int32Array.of(0, 0, 1, 1, 1), runsNumbered(2), Float64Array.of(1, 2, 0, 0, 5), identity);
    expect(Array.from(buckets.items)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(buckets.offsets)).toEqual([0, 2, 5]);
  });

  it('orders interleaved runs and out-of-order times', () => {
    const buckets = orderByRunAndTime(Int32Array.of(1, 0, 1, 0, 1), runsNumbered(2), Float64Array.of(5, 2, 3, 1, 3), identityOrder(5));
    expect(Array.from(buckets.items)).toEqual([3, 1, 2, 4, 0]);
    expect(Array.from(buckets.offsets)).toEqual([0, 2, 5]);
    expect(Array.from(identityOrder(3))).toEqual([0, 1, 2]);
  });
});

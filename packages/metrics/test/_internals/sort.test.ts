import { createRandom } from '@chaos/config';
import { describe, expect, it } from 'vitest';
import { bucketize, identityOrder, orderByRunAndTime, sortWithPayload } from '../../src/_internals/sort.js';

/** The reference: a stable sort of (value, payload) pairs by value. */
function reference(values: Float64Array, payload: Uint32Array): { sorted: number[]; payload: number[] } {
  const pairs = Array.from(values, (value, i) => [value, payload[i] as number, i] as const);
  pairs.sort((a, b) => a[0] - b[0] || a[2] - b[2]);
  return { sorted: pairs.map((p) => p[0]), payload: pairs.map((p) => p[1]) };
}

function check(values: Float64Array): void {
  const payload = Uint32Array.from(values, (_, i) => i);
  const result = sortWithPayload(values, payload);
  const expected = reference(values, payload);
  expect(Array.from(result.sorted)).toEqual(expected.sorted);
  expect(Array.from(result.payload)).toEqual(expected.payload);
}

describe('sortWithPayload', () => {
  const random = createRandom('sort-tests');
  it('sorts small arrays (comparison path)', () => {
    check(Float64Array.of());
    check(Float64Array.of(3, 1, 2, 1));
    check(Float64Array.from({ length: 200 }, () => Math.floor(random.next() * 20)));
  });

  it('sorts large arrays of mixed signs and magnitudes (radix path)', () => {
    check(Float64Array.from({ length: 5_000 }, () => (random.next() - 0.5) * 10 ** Math.floor(random.next() * 12 - 4)));
  });

  it('sorts values that share their high 32 bits exactly, stably', () => {
    // 1 + k·2⁻⁴⁰ all have the same high word: only the exact pass can order them
    check(Float64Array.from({ length: 3_000 }, () => 1 + Math.floor(random.next() * 64) * 2 ** -40));
    check(Float64Array.from({ length: 1_000 }, () => 30 + Math.floor(random.next() * 8) * 2 ** -45));
  });

  it('keeps the input order of equal values', () => {
    check(new Float64Array(1_000).fill(7));
    check(Float64Array.from({ length: 2_000 }, (_, i) => (i % 3) * 0.5));
  });

  it('orders −0 before +0 and handles extremes', () => {
    const values = Float64Array.of(0, -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, ...new Array<number>(300).fill(1));
    const result = sortWithPayload(values, Uint32Array.from(values, (_, i) => i));
    expect(Array.from(result.sorted.subarray(0, 4))).toEqual([-Number.MAX_VALUE, -0, 0, Number.MIN_VALUE]);
    expect(Object.is(result.sorted[1], -0)).toBe(true);
    expect(result.sorted[result.sorted.length - 1]).toBe(Number.MAX_VALUE);
  });
});

describe('bucketize and orderByRunAndTime', () => {
  it('splits an order into stable buckets and drops negative buckets', () => {
    const buckets = bucketize(Uint32Array.of(4, 3, 2, 1, 0), Int32Array.of(1, -1, 0, 1, 0), 2);
    expect(Array.from(buckets.items)).toEqual([4, 2, 3, 0]);
    expect(Array.from(buckets.offsets)).toEqual([0, 2, 4]);
  });

  it('keeps records already in run and time order as they are', () => {
    const buckets = orderByRunAndTime(Int32Array.of(0, 0, 1, 1, 1), Float64Array.of(1, 2, 0, 0, 5), 2);
    expect(Array.from(buckets.items)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(buckets.offsets)).toEqual([0, 2, 5]);
  });

  it('orders interleaved runs and out-of-order times', () => {
    const buckets = orderByRunAndTime(Int32Array.of(1, 0, 1, 0, 1), Float64Array.of(5, 2, 3, 1, 3), 2);
    expect(Array.from(buckets.items)).toEqual([3, 1, 2, 4, 0]);
    expect(Array.from(buckets.offsets)).toEqual([0, 2, 5]);
    expect(Array.from(identityOrder(3))).toEqual([0, 1, 2]);
  });
});

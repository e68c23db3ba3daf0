/**
 * Delta debugging (Zeller and Hildebrandt's ddmin) over a list of items, with a test
 * that says whether a subset still fails. Subsets keep the items' original order.
 */

/** Says whether a subset (of indices into the items) still fails. */
export type FailureTest = (subset: readonly number[]) => Promise<boolean>;

/** Splits `items` into `n` chunks of nearly equal size, in order. */
function split(items: readonly number[], n: number): number[][] {
  const chunks: number[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = start + Math.floor((items.length - start) / (n - i));
    chunks.push(items.slice(start, end));
    start = end;
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

/**
 * A subset of `all` that still fails and is minimal for ddmin: no single chunk, and no
 * complement of one, at the finest granularity (single items) fails, so removing any one
 * item makes it pass. `all` must fail; an empty set is tried first (a failure no fault
 * is needed for).
 */
export async function ddmin(all: readonly number[], fails: FailureTest): Promise<number[]> {
  if (await fails([])) return [];
  let current = [...all];
  let n = 2;
  while (current.length >= 2) {
    const chunks = split(current, Math.min(n, current.length));
    let reduced = false;
    for (const chunk of chunks) {
      if (chunk.length < current.length && (await fails(chunk))) {
        current = chunk;
        n = 2;
        reduced = true;
        break;
      }
    }
    if (!reduced && chunks.length > 2) {
      for (const chunk of chunks) {
        const complement = current.filter((item) => !chunk.includes(item));
        if (await fails(complement)) {
          current = complement;
          n = Math.max(n - 1, 2);
          reduced = true;
          break;
        }
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(current.length, n * 2);
    }
  }
  return current;
}

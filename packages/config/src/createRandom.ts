import alea from 'seedrandom/lib/alea.js';

/** A seeded, reproducible stream of random numbers. */
export interface RandomSource {
  /** The seed this stream was made from (forks report `seed/label`). */
  readonly seed: string;
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [0, `maxExclusive`). */
  nextInt(maxExclusive: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /**
   * An independent stream derived from this stream's seed and `label` only, not from
   * how many numbers were drawn so far: `fork('agent:product')` gives the same stream
   * in every run with the same seed, whatever else the run did first.
   */
  fork(label: string): RandomSource;
}

/**
 * Creates a seeded random stream on seedrandom's Alea generator (about ten times
 * cheaper a draw than seedrandom's default ARC4, and ample for fault decisions).
 *
 * @param seed - any non-empty string or a finite number
 * @throws `TypeError` when the seed is empty or not a string or finite number
 * @example
 * ```ts
 * const random = createRandom('campaign-42');
 * random.next(); // the same value on every machine
 * const product = random.fork('agent:product');
 * ```
 */
export function createRandom(seed: string | number): RandomSource {
  if (typeof seed === 'number' ? !Number.isFinite(seed) : typeof seed !== 'string' || seed.trim() === '') {
    throw new TypeError(`Expected \`seed\` to be a non-empty string or a finite number, got \`${String(seed)}\``);
  }
  return makeStream(String(seed));
}

function makeStream(seed: string): RandomSource {
  const generator = alea(seed);
  return {
    seed,
    next: () => generator(),
    nextInt(maxExclusive: number): number {
      if (!Number.isInteger(maxExclusive) || maxExclusive <= 0) {
        throw new RangeError(`Expected \`maxExclusive\` to be a positive integer, got \`${String(maxExclusive)}\``);
      }
      return Math.floor(generator() * maxExclusive);
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('Expected `items` to be a non-empty array');
      return items[Math.floor(generator() * items.length)] as T;
    },
    fork: (label: string) => makeStream(`${seed}/${label}`),
  };
}

/**
 * A fresh seed from the operating system's entropy, for runs that were given none. It
 * is recorded like any other seed, so such a run can still be replayed.
 */
export function freshSeed(): string {
  const [high, low] = globalThis.crypto.getRandomValues(new Uint32Array(2)) as unknown as [number, number];
  return high.toString(36) + low.toString(36);
}

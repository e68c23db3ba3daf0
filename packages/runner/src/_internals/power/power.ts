/**
 * How many runs a comparison of MTTR-A needs, by simulation from a pilot campaign's
 * recovery times (bootstrap): campaigns A and B of n runs each are drawn from the
 * pilot's runs with replacement, B's recovery times scaled by (1 + change); the power
 * is the share of simulated pairs where `chaos compare`'s test (two-sided Mann–Whitney
 * U of the recovery times, p < alpha) detects the difference.
 */
import { createRandom, type RandomSource } from '@chaos/config';
import { mannWhitneyU } from '@chaos/metrics';

/** Options of a power simulation. */
export interface PowerOptions {
  /** The relative change of MTTR-A to detect: -0.1 for 10 % faster. */
  readonly change: number;
  /** @defaultValue `0.05` */
  readonly alpha?: number;
  /** Simulated pairs of campaigns per size. @defaultValue `1000` */
  readonly simulations?: number;
  /** @defaultValue `'chaos-plan'` */
  readonly seed?: string;
}

/** Draws `n` runs from `runs` with replacement and flattens their times, each times `scale`. */
function draw(runs: readonly (readonly number[])[], n: number, scale: number, random: RandomSource, into: number[]): number[] {
  into.length = 0;
  for (let i = 0; i < n; i++) {
    const run = runs[Math.floor(random.next() * runs.length)] as readonly number[];
    for (const t of run) into.push(t * scale);
  }
  return into;
}

/**
 * The simulated power of comparing a campaign of `runsA` runs with one of `runsB`, both
 * like the pilot, B changed by `options.change`. The same seed gives the same draws for
 * every size (common random numbers), so powers at nearby sizes compare smoothly.
 */
export function simulatedPower(pilotRuns: readonly (readonly number[])[], runsA: number, runsB: number, options: PowerOptions): number {
  const alpha = options.alpha ?? 0.05;
  const simulations = options.simulations ?? 1000;
  const random = createRandom(options.seed ?? 'chaos-plan');
  const a: number[] = [];
  const b: number[] = [];
  let detected = 0;
  for (let s = 0; s < simulations; s++) {
    draw(pilotRuns, runsA, 1, random, a);
    draw(pilotRuns, runsB, 1 + options.change, random, b);
    if (a.length === 0 || b.length === 0) continue;
    if (mannWhitneyU(a, b).p < alpha) detected += 1;
  }
  return detected / simulations;
}

/** What {@link runsForPower} found. */
export interface RunsForPower {
  /** Runs per scenario in each campaign; `null` when even `maxRuns` does not reach the power. */
  readonly runs: number | null;
  /** The simulated power at `runs` (at `maxRuns` when `runs` is null). */
  readonly power: number;
  /** Every size tried, with its power, in increasing size. */
  readonly curve: readonly { readonly runs: number; readonly power: number }[];
}

/**
 * The fewest runs per campaign at which the simulated power reaches `target`: doubling
 * from 4 runs, then bisection between the last two sizes.
 */
export function runsForPower(pilotRuns: readonly (readonly number[])[], target: number, options: PowerOptions & { readonly maxRuns?: number }): RunsForPower {
  const maxRuns = options.maxRuns ?? 100_000;
  const tried = new Map<number, number>();
  const powerAt = (n: number): number => {
    let p = tried.get(n);
    if (p === undefined) tried.set(n, (p = simulatedPower(pilotRuns, n, n, options)));
    return p;
  };
  const curve = () => [...tried].sort((x, y) => x[0] - y[0]).map(([runs, power]) => ({ runs, power }));
  let low = 2;
  let high = 4;
  while (powerAt(high) < target) {
    if (high >= maxRuns) return { runs: null, power: powerAt(high), curve: curve() };
    low = high;
    high = Math.min(maxRuns, high * 2);
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (powerAt(mid) >= target) high = mid;
    else low = mid;
  }
  return { runs: high, power: powerAt(high), curve: curve() };
}

import { createRandom } from '@chaos/config';
import { describe, expect, it } from 'vitest';
import { ResilienceMetrics } from '../../src/ResilienceMetrics.js';
import { BOOTSTRAP_MAX_UNITS, bootstrapMeanIntervals } from '../../src/_internals/bootstrap.js';

/** `n` draws from uniform(low, high), from a seeded stream. */
function uniformSample(seed: string, n: number, low: number, high: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length: n }, () => low + (high - low) * random.next());
}

describe('bootstrapMeanIntervals', () => {
  it('covers the true mean of uniform(0, 10) in about 95 % of 200 seeds', () => {
    let covered = 0;
    for (let s = 0; s < 200; s++) {
      const units = uniformSample(`data-${s}`, 40, 0, 10);
      const [interval] = bootstrapMeanIntervals([units], 2_000, `boot-${s}`);
      if (interval !== null && interval !== undefined && interval.low <= 5 && 5 <= interval.high) covered += 1;
    }
    // Percentile intervals of a mean of 40 draws cover about 94 %; measured 97 %.
    expect(covered / 200).toBeGreaterThanOrEqual(0.9);
    expect(covered / 200).toBeLessThanOrEqual(0.99);
  });

  it('covers the true MTTR-A of a 60-run campaign in about 95 % of 200 seeds (runs resampled)', () => {
    let covered = 0;
    for (let s = 0; s < 200; s++) {
      const random = createRandom(`campaign-${s}`);
      const metrics = new ResilienceMetrics({ bootstrapSeed: `boot-${s}` });
      for (let run = 0; run < 60; run++) {
        for (let k = 0; k < 3; k++) {
          const faultAt = k * 100_000;
          // Δt uniform in [1, 9] s: every run mean has expectation 5 s
          const recoveredAt = faultAt + 1_000 + 8_000 * random.next();
          metrics.recordRecovery({ agentId: 'a', threadId: 't', faultType: 'crash', runId: `r${run}`, faultAt, detectedAt: faultAt, recoveredAt, success: true });
        }
      }
      const interval = metrics.getSummary().mttrCi95;
      if (interval !== null && interval.low <= 5 && 5 <= interval.high) covered += 1;
    }
    // Expected about 94 % (a percentile interval from 60 run means); measured 93 %.
    expect(covered / 200).toBeGreaterThanOrEqual(0.9);
    expect(covered / 200).toBeLessThanOrEqual(0.99);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const units = uniformSample('data', 25, 0, 1);
    const first = bootstrapMeanIntervals([units], 1_000, 'a');
    expect(bootstrapMeanIntervals([units], 1_000, 'a')).toEqual(first);
    expect(bootstrapMeanIntervals([units], 1_000, 'b')).not.toEqual(first);
  });

  it('gives a sample the same interval alone or among others', () => {
    const a = uniformSample('a', 30, 0, 1);
    const b = uniformSample('b', 30, 5, 6);
    const c = uniformSample('c', 12, 0, 1);
    const [alone] = bootstrapMeanIntervals([a], 500, 'seed');
    const together = bootstrapMeanIntervals([c, b, a], 500, 'seed');
    expect(together[2]).toEqual(alone);
    expect(together[1]?.low).toBeGreaterThan(5);
  });

  it('gives null below two units', () => {
    expect(bootstrapMeanIntervals([new Float64Array(0), Float64Array.of(3)], 500, 's')).toEqual([null, null]);
  });

  it('gives a degenerate interval for constant units', () => {
    expect(bootstrapMeanIntervals([new Float64Array(10).fill(2.5)], 500, 's')).toEqual([{ low: 2.5, high: 2.5 }]);
  });

  it(`merges more than ${BOOTSTRAP_MAX_UNITS} units into blocks and stays close to the normal interval`, () => {
    const n = 25_000; // blocks of 3: 8,334 blocks, the last one of 1 unit
    const units = uniformSample('big', n, 0, 12);
    let mean = 0;
    for (const value of units) mean += value;
    mean /= n;
    let squares = 0;
    for (const value of units) squares += (value - mean) ** 2;
    const halfWidth = (1.96 * Math.sqrt(squares / (n - 1))) / Math.sqrt(n);
    const [interval] = bootstrapMeanIntervals([units], 500, 'blocks');
    expect(interval).not.toBeNull();
    expect(interval!.low).toBeLessThan(mean);
    expect(interval!.high).toBeGreaterThan(mean);
    expect((interval!.high - interval!.low) / 2).toBeGreaterThan(halfWidth * 0.8);
    expect((interval!.high - interval!.low) / 2).toBeLessThan(halfWidth * 1.2);
  });
});

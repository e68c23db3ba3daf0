import { createRandom, type RandomSource } from '@chaos/config';
import { quantileSorted } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { ResilienceMetrics } from '../src/ResilienceMetrics.js';
import type { FaultRecord, MetricsGroupSummary, RecoveryRecord } from '../src/types.js';

/*
 * The summary against a plain reference computed from the records themselves: every
 * group's Δt sorted for its quantiles, extremes and deviation, and every successful
 * recovery paired with its group's next fault by looking it up. The summary finds the
 * order statistics through histograms and pairs by walking runs backwards, so the data
 * is made to test those: ties, Δt of 0, values many orders of magnitude apart, groups
 * of one value, runs mixed out of order, failed recoveries and faults never recovered.
 */

/** Every group a record belongs to, as `dimension/name`. */
function groupsOf(record: FaultRecord | RecoveryRecord): string[] {
  const groups = ['all', `type/${record.faultType}`, `agent/${record.agentId}`];
  if (record.scenario !== undefined) groups.push(`scenario/${record.scenario}`);
  for (const [key, value] of Object.entries(record.tags ?? {})) groups.push(`tag:${key}/${value}`);
  return groups;
}

interface ReferenceFigures {
  readonly successes: number;
  readonly sorted: number[];
  readonly runMeans: number[];
  readonly intervals: number[];
}

/** The reference figures of every group, straight from the definitions. */
function reference(metrics: ResilienceMetrics): Map<string, ReferenceFigures> {
  const faults = [...metrics.iterateFaults()];
  const recoveries = [...metrics.iterateRecoveries()];
  const figures = new Map<string, ReferenceFigures>();
  const figuresOf = (group: string): ReferenceFigures => {
    let entry = figures.get(group);
    if (entry === undefined) figures.set(group, (entry = { successes: 0, sorted: [], runMeans: [], intervals: [] }));
    return entry;
  };
  const runs = [...new Set([...faults, ...recoveries].map((record) => record.runId))];
  for (const run of runs) {
    const groups = new Set([...faults, ...recoveries].filter((record) => record.runId === run).flatMap(groupsOf));
    for (const group of groups) {
      const entry = figuresOf(group);
      const successes = recoveries.filter((r) => r.runId === run && r.success && groupsOf(r).includes(group));
      const groupFaults = faults.filter((f) => f.runId === run && groupsOf(f).includes(group));
      const durations = successes.map((r) => (r.recoveredAt - r.faultAt) / 1000);
      (entry as { successes: number }).successes += successes.length;
      entry.sorted.push(...durations);
      if (durations.length > 0) entry.runMeans.push(durations.reduce((a, b) => a + b, 0) / durations.length);
      for (const recovery of successes) {
        // The next fault: at or after the recovery (a fault at the same moment comes
        // after it), strictly after it when the recovery took no time (its own fault
        // is at that moment).
        const instant = recovery.faultAt === recovery.recoveredAt;
        const next = groupFaults
          .map((fault) => fault.at)
          .filter((at) => (instant ? at > recovery.recoveredAt : at >= recovery.recoveredAt))
          .sort((a, b) => a - b)[0];
        if (next !== undefined) entry.intervals.push((next - recovery.recoveredAt) / 1000);
      }
    }
  }
  for (const entry of figures.values()) entry.sorted.sort((a, b) => a - b);
  return figures;
}

/** The summary's group for a `dimension/name` key. */
function summaryGroup(metrics: ReturnType<ResilienceMetrics['getSummary']>, group: string): MetricsGroupSummary | undefined {
  if (group === 'all') return metrics;
  const [dimension, name] = group.split('/') as [string, string];
  if (dimension === 'type') return metrics.byFaultType[name];
  if (dimension === 'agent') return metrics.byAgent[name];
  if (dimension === 'scenario') return metrics.byScenario[name];
  return metrics.byTag[dimension.slice('tag:'.length)]?.[name];
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

function expectClose(actual: number | null, expected: number, what: string): void {
  expect(actual, what).not.toBeNull();
  const tolerance = 1e-12 * Math.max(1, Math.abs(expected));
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function checkAgainstReference(metrics: ResilienceMetrics): number {
  const summary = metrics.getSummary();
  const figures = reference(metrics);
  let checked = 0;
  for (const [group, entry] of figures) {
    const actual = summaryGroup(summary, group);
    expect(actual, group).toBeDefined();
    const s = actual as MetricsGroupSummary;
    expect(s.successfulRecoveries, group).toBe(entry.successes);
    if (entry.sorted.length === 0) {
      expect([s.mttrMedian, s.mttrP90, s.mttrMin, s.mttrMax, s.mttrStd], group).toEqual([null, null, null, null, null]);
    } else {
      // The same order statistics and the same formula: equal, not merely close.
      expect(s.mttrMedian, `${group} median`).toBe(quantileSorted(entry.sorted, 0.5));
      expect(s.mttrP90, `${group} P90`).toBe(quantileSorted(entry.sorted, 0.9));
      expect(s.mttrP95, `${group} P95`).toBe(quantileSorted(entry.sorted, 0.95));
      expect(s.mttrP99, `${group} P99`).toBe(quantileSorted(entry.sorted, 0.99));
      expect(s.mttrMin, `${group} min`).toBe(entry.sorted[0]);
      expect(s.mttrMax, `${group} max`).toBe(entry.sorted[entry.sorted.length - 1]);
      expectClose(s.mttrAvg, mean(entry.runMeans), `${group} MTTR-A`);
      if (entry.sorted.length < 2) expect(s.mttrStd, group).toBeNull();
      else {
        const m = mean(entry.sorted);
        expectClose(s.mttrStd, Math.sqrt(entry.sorted.reduce((sum, x) => sum + (x - m) ** 2, 0) / (entry.sorted.length - 1)), `${group} std`);
      }
    }
    if (entry.intervals.length === 0) expect(s.mtbf, `${group} MTBF`).toBeNull();
    else expectClose(s.mtbf, mean(entry.intervals), `${group} MTBF`);
    checked += 1;
  }
  return checked;
}

/** A Δt in ms from a mix meant to break histograms: repeats, zeros, tiny and huge values. */
function duration(random: RandomSource): number {
  const pick = random.next();
  if (pick < 0.15) return 0;
  if (pick < 0.4) return [250, 1_500, 2_000][Math.floor(random.next() * 3)] as number;
  if (pick < 0.45) return 1e-3 * (1 + random.next());
  if (pick < 0.5) return 1e9 * (1 + random.next());
  return Math.exp(random.next() * 12);
}

/** A campaign of `runs` runs, records of several runs interleaved, some faults unrecovered. */
function campaign(seed: string, runs: number, perRun: number, agents: number): ResilienceMetrics {
  const random = createRandom(seed);
  const metrics = new ResilienceMetrics({ bootstrapResamples: 200 });
  const clocks = new Array<number>(runs).fill(0);
  for (let k = 0; k < runs * perRun; k++) {
    const run = Math.floor(random.next() * runs);
    const runId = `run-${run}`;
    const identity = {
      agentId: `agent-${Math.floor(random.next() * agents)}`,
      threadId: `${runId}/t${k}`,
      faultType: ['crash', 'timeout', 'delay'][Math.floor(random.next() * 3)] as string,
      runId,
      scenario: run % 4 === 3 ? undefined : `scenario-${run % 4}`,
      tags: random.next() < 0.3 ? undefined : { model: ['a', 'b'][Math.floor(random.next() * 2)] as string },
    };
    // Faults sometimes at the same moment as the run's last recovery.
    const faultAt = (clocks[run] as number) + (random.next() < 0.2 ? 0 : Math.floor(random.next() * 5_000));
    if (random.next() < 0.1) {
      metrics.recordFailure({ ...identity, at: faultAt });
      clocks[run] = faultAt;
      continue;
    }
    const recoveredAt = faultAt + duration(random);
    const success = random.next() < 0.9;
    metrics.recordRecovery({ ...identity, faultAt, detectedAt: faultAt, recoveredAt, success });
    clocks[run] = recoveredAt;
  }
  return metrics;
}

describe('getSummary against a reference computed from the records', () => {
  it.each(['reference-1', 'reference-2', 'reference-3'])('agrees on every group of a mixed campaign (seed %s)', (seed) => {
    expect(checkAgainstReference(campaign(seed, 12, 60, 5))).toBeGreaterThan(10);
  });

  it('agrees with many groups (fewer histogram buckets each) and groups of one value', () => {
    expect(checkAgainstReference(campaign('reference-many', 30, 40, 400))).toBeGreaterThan(300);
  });

  it('agrees when every Δt is the same', () => {
    const metrics = new ResilienceMetrics({ bootstrapResamples: 200 });
    for (let k = 0; k < 500; k++) {
      metrics.recordRecovery({ agentId: `a${k % 3}`, threadId: 't', faultType: 'crash', runId: `r${k % 7}`, faultAt: k * 10, detectedAt: k * 10, recoveredAt: k * 10 + 7, success: true });
    }
    expect(checkAgainstReference(metrics)).toBe(1 + 1 + 3);
  });
});

/**
 * One probe of a sweep: runs at one value of the knob, in batches, until the interval
 * of the objective's figure lies on one side of its threshold.
 */
import type { Interval } from '@chaos/metrics';
import type { RunnerConfig, RunnerSummary } from '../../types.js';
import { compare, type Objective } from '../objectives.js';
import { runInBatches } from '../until/runUntil.js';

/** Where a probe landed: the objective met or broken with 95 % confidence, or not decided within its runs. */
export type ProbeDecision = 'met' | 'broken' | 'undecided';

/** One probe of a sweep. */
export interface SweepProbe {
  /** The knob's value. */
  readonly value: number;
  /** Runs it took. */
  readonly runs: number;
  /** The figure's estimate, in its unit; `null` when not measured. */
  readonly estimate: number | null;
  /** Its 95 % interval (Wilson for rates, bootstrap for MTTR-A). */
  readonly interval: Interval | null;
  readonly decision: ProbeDecision;
}

/** Whether `estimate` alone meets the objective (the side an undecided probe leans to). */
export function leansMet(objective: Objective, estimate: number | null): boolean {
  return estimate !== null && compare(estimate, objective.operator, objective.threshold);
}

/** The decision an interval gives: met when all of it meets the objective, broken when none of it does. */
export function decisionOf(objective: Objective, interval: Interval | null): ProbeDecision {
  if (interval === null) return 'undecided';
  const low = compare(interval.low, objective.operator, objective.threshold);
  const high = compare(interval.high, objective.operator, objective.threshold);
  if (low && high) return 'met';
  if (!low && !high) return 'broken';
  return 'undecided';
}

/** Reads the objective's figure, with its interval, in the one scenario of a probe's campaign. */
function readProbe(objective: Objective, summary: RunnerSummary): { estimate: number | null; interval: Interval | null } {
  const group = summary.scenarios[0];
  if (group === undefined) return { estimate: null, interval: null };
  return { estimate: objective.figure.value(group), interval: objective.figure.interval?.(group) ?? null };
}

/**
 * Runs one probe: `config.runsPerScenario` runs, then twice as many, and so on until
 * decided, or `maxRuns`.
 * `config` is the probe's campaign (one scenario, the knob set).
 */
export async function probe(value: number, config: RunnerConfig, objective: Objective, maxRuns: number, signal?: AbortSignal): Promise<SweepProbe> {
  const { summary } = await runInBatches(config, {
    maxRuns,
    stop: (s) => decisionOf(objective, readProbe(objective, s).interval) !== 'undecided',
    // Doubling: a handful of looks at the interval, so stopping once it excludes the
    // threshold changes its confidence little.
    next: (runs) => runs * 2,
    ...(signal === undefined ? {} : { signal }),
  });
  const { estimate, interval } = readProbe(objective, summary);
  return { value, runs: summary.totalRuns, estimate, interval, decision: decisionOf(objective, interval) };
}

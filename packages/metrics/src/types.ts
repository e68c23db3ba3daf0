/**
 * The records and summaries of `@chaos/metrics`. These shapes are a contract with
 * `@chaos/export` (files and JSON Schemas) and `@chaos/runner`: change them only with a
 * `schemaVersion` bump.
 *
 * Units: every `...At` field is milliseconds on the run's clock (virtual or real);
 * every duration in a summary is in seconds; every rate is a percentage 0..100.
 * An empty sample gives `null`, never `NaN`.
 */

import type { Tags } from '@chaos/config';

/**
 * The version of the JSON shape written by `toJSON()` and by the exporters. Version 2
 * added `tags` to records, `faultTimeSource` to recoveries, `output` to scenario
 * results and `accuracyThreshold` to snapshots; version 1 snapshots are still read.
 */
export const METRICS_SCHEMA_VERSION = 2;

/**
 * Where a recovery's t_fault comes from, so a reader knows which Δt run from the fault
 * and which are recovery-only:
 *
 * - `recorded`: a fault recorded in the store (`recordFailure`, a fault event);
 * - `given`: given by the caller (`faultAt`, an injected error's time, `recordRecovery`);
 * - `measurement-start`: no fault time was known, so the outage is taken to start when
 *   the measurement did (`measureRecovery` / `beginRecovery` was called): Δt is the
 *   recovery's own duration.
 *
 * More sources may be added in later versions; read unknown ones as fault-to-recovery.
 */
export type FaultTimeSource = 'recorded' | 'given' | 'measurement-start';

/**
 * Who and where a record is about: the fields a fault and its recoveries share, and by
 * which the summary groups them. Every record type picks them from here.
 */
export interface RecordIdentity {
  readonly agentId: string;
  /** The conversation, task or thread the agent was working on. */
  readonly threadId: string;
  /** `crash`, `timeout`, … (a `FaultKind`) or a user's own label. */
  readonly faultType: string;
  /** The run the record belongs to; `'default'` outside campaigns. */
  readonly runId: string;
  readonly scenario: string | undefined;
}

/** A fault that struck an agent (injected, or observed by a supervisor). */
export interface FaultRecord extends RecordIdentity {
  /** When the fault struck, ms on the clock. */
  readonly at: number;
  readonly error: string | undefined;
  /** Labels of the user's (`{ model: 'gpt-4o' }`); `undefined` without any. */
  readonly tags: Tags | undefined;
}

/** One recovery attempt from one fault. */
export interface RecoveryRecord extends RecordIdentity {
  /**
   * When the fault struck (t_fault), ms. Never invented: it is a recorded or given
   * fault time, or the start of the measurement (see `faultTimeSource`).
   */
  readonly faultAt: number;
  /** Where `faultAt` comes from. */
  readonly faultTimeSource: FaultTimeSource;
  /** When the fault was detected (t_detected), ms; `faultAt <= detectedAt`. */
  readonly detectedAt: number;
  /** When the agent was back (t_recovered), or when the attempt was given up, ms. */
  readonly recoveredAt: number;
  readonly success: boolean;
  /** How much of the agent's true state was restored, 0..1, when it was scored. */
  readonly reconstructionAccuracy: number | undefined;
  readonly usedPeerContext: boolean;
  /** The error text of a failed recovery. */
  readonly error: string | undefined;
  readonly notes: string | undefined;
  /**
   * Labels of the user's (the reflex, the model…): those of the fault it recovers
   * from, with its own on top; `undefined` without any.
   */
  readonly tags: Tags | undefined;
  /**
   * `automatic` when no one measured this recovery: the detector saw the faulted
   * target complete a call again (or the run end first: a failed recovery). Absent on
   * measured and recorded recoveries.
   */
  readonly detection?: RecoveryDetection;
}

/** How a recovery was found: `automatic` (see `ResilienceMetrics#detectRecoveries`). */
export type RecoveryDetection = 'automatic';

/** The part of a scenario run's result that metrics need (`ScenarioResult` satisfies it). */
export interface ScenarioOutcome {
  readonly scenario: string;
  readonly runId: string;
  readonly seed?: string | undefined;
  /** Every steady-state check held. */
  readonly success: boolean;
  /** Every fault that needed a recovery got one. */
  readonly recovered: boolean;
  readonly taskCompleted: boolean;
  /** The planned fault never fired: neither a pass nor a fail. */
  readonly inconclusive?: boolean | undefined;
  readonly mttrSeconds: number | null;
  readonly durationSeconds?: number | undefined;
  readonly error?: string | undefined;
  /**
   * What the workflow returned (`WorkflowOutcome.output`), as plain JSON data, when the
   * scenario kept it (it keeps small, structured-cloneable outputs).
   */
  readonly output?: unknown;
}

/** A 95 % interval. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** The statistics of one group of records (all, one scenario, one fault type, one agent). */
export interface MetricsGroupSummary {
  readonly totalFaults: number;
  readonly totalRecoveries: number;
  readonly successfulRecoveries: number;
  readonly failedRecoveries: number;
  readonly totalRuns: number;
  /** MTTR-A: mean over runs of each run's mean Δt (successful recoveries), seconds. */
  readonly mttrAvg: number | null;
  /** MedTTR-A: median Δt, seconds. */
  readonly mttrMedian: number | null;
  readonly mttrP50: number | null;
  readonly mttrP90: number | null;
  readonly mttrP95: number | null;
  readonly mttrP99: number | null;
  readonly mttrMin: number | null;
  readonly mttrMax: number | null;
  /** Sample standard deviation of Δt (n − 1), seconds; null below two samples. */
  readonly mttrStd: number | null;
  /** Seeded bootstrap 95 % percentile interval of MTTR-A. */
  readonly mttrCi95: Interval | null;
  /** Mean fault-to-detection time (successful recoveries, nested over runs like MTTR-A), seconds. */
  readonly mttdAvg: number | null;
  /** Mean repair time (detected to recovered; nested like MTTR-A, so MTTD + repair = MTTR-A), seconds. */
  readonly mttrRepairAvg: number | null;
  /** Mean stable interval from a recovery to the next fault of the same run, seconds. */
  readonly mtbf: number | null;
  /**
   * Runs in which MTBF is defined (a successful recovery of the group followed by a
   * fault of the group): the runs NRR and uptime are computed over.
   */
  readonly pairedRuns: number;
  /** MTTR-A over the paired runs only (the MTTR-A that NRR and uptime use), seconds. */
  readonly pairedMttrAvg: number | null;
  /** MedTTR-A over the paired runs only (the median that `nrrMedian` uses), seconds. */
  readonly pairedMttrMedian: number | null;
  /** 1 − MTTR-A / MTBF, both over the paired runs. */
  readonly nrr: number | null;
  /** 1 − MedTTR-A / MTBF, both over the paired runs: the form of the MTTR-A paper's Table II. */
  readonly nrrMedian: number | null;
  /** MTBF / (MTBF + MTTR-A), both over the paired runs, 0..1. */
  readonly uptime: number | null;
  /** Successful / all recovery attempts, %. */
  readonly recoverySuccessRate: number | null;
  /** Mean reconstruction accuracy of the scored recoveries, 0..1. */
  readonly reconstructionAccuracyAvg: number | null;
  /** Recovery attempts whose reconstruction accuracy was scored: the denominator of `correctRecoveryRate`. */
  readonly scoredRecoveries: number;
  /** Successful recoveries whose reconstruction accuracy is at least `accuracyThreshold`. */
  readonly correctRecoveries: number;
  /** `correctRecoveries / scoredRecoveries`, %: recoveries that brought the agent back with the right state. */
  readonly correctRecoveryRate: number | null;
  /**
   * Recovery attempts with no known fault time, measured from the start of their
   * measurement (`faultTimeSource: 'measurement-start'`): their Δt is recovery-only.
   */
  readonly measurementStartRecoveries: number;
  /** Runs whose task completed / runs with a conclusive recorded result (not `inconclusive`), %. */
  readonly taskCompletionRate: number | null;
  /** Recoveries that used peer context / all recovery attempts, %. */
  readonly peerContextUsageRate: number | null;
}

/** `getSummary()`: the whole and its breakdowns. */
export interface MetricsSummary extends MetricsGroupSummary {
  /** The reconstruction accuracy a successful recovery needs to count as correct, 0..1. */
  readonly accuracyThreshold: number;
  readonly byScenario: Readonly<Record<string, MetricsGroupSummary>>;
  readonly byFaultType: Readonly<Record<string, MetricsGroupSummary>>;
  readonly byAgent: Readonly<Record<string, MetricsGroupSummary>>;
  /** `byTag[key][value]`: the records tagged `key: value`, for every tag key recorded. */
  readonly byTag: Readonly<Record<string, Readonly<Record<string, MetricsGroupSummary>>>>;
}

/** What `toJSON()` returns and `fromJSON()` takes. */
export interface MetricsSnapshot {
  readonly schemaVersion: typeof METRICS_SCHEMA_VERSION;
  /** `startMeasurement()` time, ms on the clock, or null. */
  readonly startedAt: number | null;
  /** The seed used for the bootstrap interval. */
  readonly bootstrapSeed: string;
  /** The threshold of correct recovery (absent in version 1 snapshots: the default then). */
  readonly accuracyThreshold?: number;
  readonly faults: readonly FaultRecord[];
  readonly recoveries: readonly RecoveryRecord[];
  readonly scenarioResults: readonly ScenarioOutcome[];
}

/**
 * What readers of a metrics store rely on (`@chaos/export`, `@chaos/runner`).
 * `ResilienceMetrics` implements it. The iterators stream: they must not copy the
 * whole store, so a million records export in bounded memory.
 */
export interface MetricsSource {
  getSummary(): MetricsSummary;
  toJSON(): MetricsSnapshot;
  /** Faults in the order they were recorded. */
  iterateFaults(): IterableIterator<FaultRecord>;
  /** Recoveries in the order they were recorded. */
  iterateRecoveries(): IterableIterator<RecoveryRecord>;
  readonly scenarioResults: readonly ScenarioOutcome[];
  readonly faultCount: number;
  readonly recoveryCount: number;
  readonly startedAt: number | null;
  readonly bootstrapSeed: string;
}

import {
  currentChaos,
  onChaosEvent,
  processRecoveryDetector,
  setProcessRecoveryDetector,
  type ChaosEvent,
  type ChaosEventSink,
  type ChaosRuntime,
  type Clock,
  type Disposable,
  type RecoveryDetector,
} from '@chaos/config';
import { checkMetricsOptions, failureOfEvent } from './_internals/metricsOptions.js';
import type { FailureInput, RecoveryInput, RecoveryOptions, ResilienceMetricsOptions } from './inputs.js';
import { METRICS_SCHEMA_VERSION, type FaultRecord, type MetricsSnapshot, type MetricsSource, type MetricsSummary, type RecoveryRecord, type ScenarioOutcome } from './types.js';
import type { RecoveryAttempt, RecoveryHandle } from './RecoveryHandle.js';
import { OutcomeStore } from './_internals/OutcomeStore.js';
import { RecordStore } from './_internals/RecordStore.js';
import { RecoveryDetection } from './_internals/RecoveryDetection.js';
import { beginRecovery, type RecoveryHost } from './_internals/beginRecovery.js';
import { parseSnapshot } from './_internals/snapshot.js';
import { summarize } from './_internals/summarize.js';
import { Validator } from './_internals/validate.js';
import { type Unsourced, validateFailure, validateOutcome, validateRecovery } from './_internals/validateRecords.js';

export type { FailureInput, RecoveryInput, RecoveryOptions, ResilienceMetricsOptions } from './inputs.js';

/**
 * Records faults and recoveries of agents and summarises them as MTTR-A and related
 * resilience metrics (see the package README for every definition).
 *
 * Storage is columnar (typed arrays, interned names): about 45 bytes a recovery and
 * 20 a fault, and a million recoveries summarise in a few hundred milliseconds.
 *
 * @example
 * ```ts
 * const metrics = new ResilienceMetrics();
 * const runtime = createChaosRuntime({ clock: createVirtualClock(), emit: metrics.sink, runId: 'run-1' });
 * await runInChaosScope(runtime, async () => {
 *   await workflow.run(); // injected faults arrive through `sink`
 *   await metrics.measureRecovery('product', 'run-1', 'crash', async (event) => {
 *     await reconstructor.restore();
 *     event.reconstructionAccuracy = 0.95;
 *   });
 * });
 * console.log(metrics.getSummary().mttrAvg); // seconds
 * ```
 */
export class ResilienceMetrics implements MetricsSource {
  readonly #bootstrapSeed: string;
  readonly #bootstrapResamples: number;
  readonly #clock: Clock | undefined;
  readonly #accuracyThreshold: number;
  #listening: Disposable | undefined;
  #store = new RecordStore();
  #outcomes = new OutcomeStore(this.#store.strings);
  #startedAt: number | null = null;
  #detection: RecoveryDetection | undefined;

  /**
   * An event sink, bound to this instance, to pass as a runtime's `emit` (or to
   * `onChaosEvent`): every {@link FaultEvent} becomes a fault record.
   */
  readonly sink: ChaosEventSink = (event: ChaosEvent): void => {
    this.handleEvent(event);
  };

  /**
   * @throws {@link MetricsValidationError} when an option is invalid
   */
  constructor(options: ResilienceMetricsOptions = {}) {
    const settings = checkMetricsOptions(options);
    this.#bootstrapSeed = settings.bootstrapSeed;
    this.#bootstrapResamples = settings.bootstrapResamples;
    this.#clock = settings.clock;
    this.#accuracyThreshold = settings.accuracyThreshold;
  }

  /** The reconstruction accuracy a successful recovery needs to be a correct recovery. */
  get accuracyThreshold(): number {
    return this.#accuracyThreshold;
  }

  /** Whether this store records the process-wide fault events (see {@link ResilienceMetrics.listen}). */
  get listening(): boolean {
    return this.#listening !== undefined;
  }

  /**
   * Records every fault event of runtimes without a sink of their own — faults fired
   * outside any chaos scope among them — until the returned handle is disposed (or
   * {@link ResilienceMetrics.stopListening} is called). `getMetrics()` does this for the
   * process-wide store. Idempotent: a second call returns the same handle.
   */
  listen(): Disposable {
    if (this.#listening === undefined) {
      const subscription = onChaosEvent(this.sink);
      const stop = (): void => {
        subscription.dispose();
        if (this.#listening === handle) {
          this.#listening = undefined;
          const detector = this.#detection?.detector;
          if (detector !== undefined && processRecoveryDetector() === detector) setProcessRecoveryDetector(undefined);
        }
      };
      const handle: Disposable = { dispose: stop, [Symbol.dispose]: stop };
      this.#listening = handle;
      if (this.#detection !== undefined) setProcessRecoveryDetector(this.#detection.detector);
    }
    return this.#listening;
  }

  /** Stops recording the process-wide fault events. Does nothing when not listening. */
  stopListening(): void {
    this.#listening?.dispose();
  }

  /**
   * Turns automatic recovery detection on (opt-in) and returns the detector, to pass
   * as a runtime's `recoveries` (`createChaosRuntime({ emit: metrics.sink, recoveries })`).
   * While this store {@link ResilienceMetrics.listen listens} (`getMetrics()` does), the
   * detector also watches the runtimes without a sink of their own, the process-wide
   * default among them. Idempotent.
   *
   * After a fault at a target in a run (thread), the next call there that completes is
   * recorded as its recovery, `detection: 'automatic'`; {@link ResilienceMetrics.endRun}
   * records the faults still open as failed ones. Explicit recoveries of the same fault
   * take precedence. The README gives t_detected and the rules.
   *
   * @example
   * ```ts
   * const metrics = new ResilienceMetrics();
   * const runtime = createChaosRuntime({ emit: metrics.sink, recoveries: metrics.detectRecoveries(), runId: 'run-1' });
   * await runInChaosScope(runtime, () => graph.invoke(input, config));
   * metrics.endRun(runtime);
   * ```
   */
  detectRecoveries(): RecoveryDetector {
    if (this.#detection === undefined) {
      this.#detection = new RecoveryDetection(() => this.#store);
      if (this.#listening !== undefined) setProcessRecoveryDetector(this.#detection.detector);
    }
    return this.#detection.detector;
  }

  /**
   * Ends a run for automatic detection: each fault of the run still open becomes a
   * failed recovery at the clock's time. Does nothing when detection is off.
   *
   * @param runtime - the run's runtime @defaultValue the active one
   * @returns how many failed recoveries were recorded
   */
  endRun(runtime: ChaosRuntime = currentChaos()): number {
    return this.#detection?.detector.endRun(runtime) ?? 0;
  }

  readonly #recoveryHost: RecoveryHost = {
    clock: () => this.#clock,
    store: () => this.#store,
    detection: () => this.#detection,
    add: (store, candidate, faultIndex) => this.#addRecovery(store, candidate, faultIndex),
  };

  /** Stores a recovery with its fault; with detection on, never twice for one fault. */
  #addRecovery(store: RecordStore, candidate: RecoveryRecord | Unsourced, faultIndex: number | undefined): RecoveryRecord {
    return this.#detection === undefined ? store.addRecoveryWithFault(candidate, faultIndex) : this.#detection.add(store, candidate, faultIndex);
  }

  /** The bootstrap seed (also in `toJSON()`). */
  get bootstrapSeed(): string {
    return this.#bootstrapSeed;
  }

  /** Resamples per bootstrap interval. */
  get bootstrapResamples(): number {
    return this.#bootstrapResamples;
  }

  /** When `startMeasurement()` was last called, ms on the clock, or `null`. */
  get startedAt(): number | null {
    return this.#startedAt;
  }

  /** Faults recorded (including those implied by a recovery; see `recordRecovery`). */
  get faultCount(): number {
    return this.#store.faultCount;
  }

  /** Recovery attempts recorded, successful or not. */
  get recoveryCount(): number {
    return this.#store.recoveryCount;
  }

  /** The scenario results recorded, in order (normalised copies; do not mutate). */
  get scenarioResults(): readonly ScenarioOutcome[] {
    return this.#outcomes.outcomes;
  }

  #now(clock: Clock = this.#clock ?? currentChaos().clock): number {
    return clock.now();
  }

  /** Marks the start of the measurement (`startedAt`) at the clock's current time. */
  startMeasurement(): void {
    this.#startedAt = this.#now();
  }

  /**
   * Records a fault that struck an agent.
   *
   * @returns the stored record
   * @throws {@link MetricsValidationError} (nothing is stored) when an id is missing or
   * empty, or `at` is not a finite number
   * @example
   * ```ts
   * metrics.recordFailure({ agentId: 'product', threadId: 't-1', faultType: 'crash', error });
   * ```
   */
  recordFailure(input: FailureInput): FaultRecord {
    const record = validateFailure(input, new Validator('', typeof input?.runId === 'string' ? input.runId : undefined), () => this.#now());
    this.#store.addFault(record);
    return record;
  }

  /**
   * Feeds a runtime event in: a {@link FaultEvent} becomes a fault record (`agentId` =
   * `target`, `threadId` = the event's `threadId`, else `runId ?? 'default'`, `faultType` = `fault`, `at` = `at`,
   * `scenario` and `tags` = the event's);
   * other events are ignored.
   *
   * @returns the fault recorded, or `undefined` for an event that is not a fault
   * @throws {@link MetricsValidationError} when the fault event is malformed
   */
  handleEvent(event: ChaosEvent): FaultRecord | undefined {
    const failure = failureOfEvent(event);
    return failure === undefined ? undefined : this.recordFailure(failure);
  }

  /**
   * Records a recovery attempt that already happened. If no unrecovered fault of the
   * same run, agent and thread was recorded at exactly `faultAt`, the fault is recorded
   * too (from the recovery's fields), so every recovery has its fault.
   *
   * @returns the stored record
   * @throws {@link MetricsValidationError} (nothing is stored) when an id is missing, a
   * time is missing or not finite, `detectedAt < faultAt`, `recoveredAt < detectedAt`,
   * or `reconstructionAccuracy` is outside [0, 1]
   * @example
   * ```ts
   * metrics.recordRecovery({ agentId: 'product', threadId: 't-1', faultType: 'crash',
   *   faultAt: 1000, detectedAt: 1500, recoveredAt: 4000, success: true });
   * ```
   */
  recordRecovery(input: RecoveryInput): RecoveryRecord {
    const record = validateRecovery(input, new Validator('', typeof input?.runId === 'string' ? input.runId : undefined), false);
    return this.#addRecovery(this.#store, record, undefined);
  }

  /**
   * Starts timing a recovery; settle the handle with `succeed()` or `fail(error)`.
   * Disposing it unsettled (`using`, `dispose()`) records a failure.
   *
   * t_fault is `options.faultAt`, or the time an injected error carries
   * (`options.fault`), else the latest unrecovered fault recorded for this run, agent and
   * thread; with none, the outage is taken to start now, when the measurement does
   * (`faultTimeSource: 'measurement-start'`). t_detected is `options.detectedAt` or now.
   *
   * @param options - see {@link RecoveryOptions}
   * @throws {@link MetricsValidationError} when an id is missing, `faultAt` and `fault`
   * are both given, `fault` carries no fault time, or `detectedAt < faultAt`
   * @example
   * ```ts
   * {
   *   using recovery = metrics.beginRecovery('product', 't-1', 'crash');
   *   await restore();
   *   recovery.reconstructionAccuracy = 1;
   *   recovery.succeed();
   * } // an exception before succeed() records a failed recovery
   * ```
   */
  beginRecovery(agentId: string, threadId: string, faultType: string, options: RecoveryOptions = {}): RecoveryHandle {
    return beginRecovery(this.#recoveryHost, agentId, threadId, faultType, options);
  }

  /**
   * Times a recovery: calls `fn(event)`, records a successful recovery when it
   * completes and resolves with its value; if it throws or rejects, records a failed
   * recovery with the error's text and rethrows. `fn` may set
   * `event.reconstructionAccuracy`, `event.usedPeerContext` and `event.notes`.
   *
   * @param options - see {@link RecoveryOptions}
   * @returns what `fn` returns (awaited)
   * @throws (rejects) {@link MetricsValidationError} before calling `fn` when an id is
   * missing or no fault time is known; otherwise whatever `fn` threw
   * @example
   * ```ts
   * const state = await metrics.measureRecovery('product', 't-1', 'crash', async (event) => {
   *   const restored = await reconstructor.restore('product');
   *   event.reconstructionAccuracy = restored.accuracy;
   *   event.usedPeerContext = restored.fromPeers;
   *   return restored.state;
   * });
   * ```
   */
  async measureRecovery<T>(
    agentId: string,
    threadId: string,
    faultType: string,
    fn: (event: RecoveryAttempt) => T | PromiseLike<T>,
    options: RecoveryOptions = {},
  ): Promise<Awaited<T>> {
    const handle = this.beginRecovery(agentId, threadId, faultType, options);
    let value: Awaited<T>;
    try {
      value = await fn(handle);
    } catch (error: unknown) {
      if (handle.state === 'pending') handle.fail(error);
      throw error;
    }
    if (handle.state === 'pending') handle.succeed();
    return value;
  }

  /**
   * Records the outcome of one scenario run (a `ScenarioResult` fits). Only the fields
   * of {@link ScenarioOutcome} are kept; an `error` that is an `Error` is kept as its text.
   *
   * @throws {@link MetricsValidationError} (nothing is stored) when a field is invalid
   */
  recordScenarioResult(result: ScenarioOutcome): ScenarioOutcome {
    const outcome = validateOutcome(result, new Validator('', typeof result?.runId === 'string' ? result.runId : undefined), false);
    this.#outcomes.push(outcome);
    return outcome;
  }

  /**
   * The summary of everything recorded: seconds, percentages 0..100, `null` for an
   * empty sample (never `NaN`); the same figures per scenario, fault type, agent and
   * tag value.
   */
  getSummary(): MetricsSummary {
    return summarize(
      this.#store,
      this.#outcomes.columns(),
      { bootstrapSeed: this.#bootstrapSeed, bootstrapResamples: this.#bootstrapResamples, accuracyThreshold: this.#accuracyThreshold },
    );
  }

  /** Forgets every record, result and the start time; keeps listening if it was (see `listen`). */
  reset(): void {
    this.#store = new RecordStore();
    this.#outcomes = new OutcomeStore(this.#store.strings);
    this.#startedAt = null;
    this.#detection?.reset();
  }

  /** Faults in the order they were recorded, one object at a time. */
  iterateFaults(): IterableIterator<FaultRecord> {
    return this.#store.faults();
  }

  /** Recoveries in the order they were recorded, one object at a time. */
  iterateRecoveries(): IterableIterator<RecoveryRecord> {
    return this.#store.recoveries();
  }

  /**
   * Every record, as plain data (`JSON.stringify` calls this). For very large stores,
   * stream `iterateFaults()` / `iterateRecoveries()` instead.
   */
  toJSON(): MetricsSnapshot {
    return {
      schemaVersion: METRICS_SCHEMA_VERSION,
      startedAt: this.#startedAt,
      bootstrapSeed: this.#bootstrapSeed,
      accuracyThreshold: this.#accuracyThreshold,
      faults: [...this.iterateFaults()],
      recoveries: [...this.iterateRecoveries()],
      scenarioResults: [...this.#outcomes.outcomes],
    };
  }

  /**
   * Rebuilds a store from `toJSON()` output (or its parsed JSON); its summary equals the
   * original's. Every record is validated first; one bad record rejects the snapshot.
   *
   * Reads schema versions 1 and 2: a version 1 snapshot has no tags, no
   * `faultTimeSource` (a recovery whose recorded fault is in the snapshot reads as
   * `recorded`, others as `given`) and no `accuracyThreshold` (the default applies).
   *
   * @param options - the clock and resamples of the new instance, and an
   * `accuracyThreshold` that overrides the snapshot's (the seed comes from the snapshot)
   * @throws {@link MetricsValidationError} naming the field, e.g. `recoveries[3].faultAt`,
   * or `schemaVersion` when it is neither 1 nor {@link METRICS_SCHEMA_VERSION}
   */
  static fromJSON(snapshot: unknown, options: Omit<ResilienceMetricsOptions, 'bootstrapSeed'> = {}): ResilienceMetrics {
    const parsed = parseSnapshot(snapshot, options.accuracyThreshold);
    const metrics = new ResilienceMetrics({ ...options, bootstrapSeed: parsed.bootstrapSeed, accuracyThreshold: parsed.accuracyThreshold });
    metrics.#startedAt = parsed.startedAt;
    for (const fault of parsed.faults) metrics.#store.addFault(fault);
    for (const recovery of parsed.recoveries) metrics.#store.addRecoveryWithFault(recovery, undefined);
    for (const outcome of parsed.outcomes) metrics.#outcomes.push(outcome);
    return metrics;
  }
}

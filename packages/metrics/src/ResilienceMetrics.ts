import {
  currentChaos,
  isFaultEvent,
  onChaosEvent,
  processRecoveryDetector,
  setProcessRecoveryDetector,
  type ChaosEvent,
  type ChaosEventSink,
  type ChaosRuntime,
  type Clock,
  type Disposable,
  type RecoveryDetector,
  type Tags,
} from '@chaos/config';
import { AutomaticRecoveries, type DetectedRecovery } from './_internals/AutomaticRecoveries.js';
import { AutomaticLedger } from './_internals/AutomaticLedger.js';
import { checkAccuracyThreshold } from './correctRecovery.js';
import {
  METRICS_SCHEMA_VERSION,
  type FaultRecord,
  type FaultTimeSource,
  type MetricsSnapshot,
  type MetricsSource,
  type MetricsSummary,
  type RecoveryDetection,
  type RecoveryRecord,
  type ScenarioOutcome,
} from './types.js';
import type { RecoveryAttempt, RecoveryHandle } from './RecoveryHandle.js';
import { RecoveryHandleImpl } from './_internals/RecoveryHandleImpl.js';
import { recoveryEventOf } from './RecoveryEvent.js';
import { Int32Column, Uint8Column } from './_internals/columns.js';
import { RecordStore } from './_internals/RecordStore.js';
import { resolveFaultOrigin } from './_internals/faultOrigin.js';
import { summarize } from './_internals/summarize.js';
import { Validator, errorText } from './_internals/validate.js';

/** Options of {@link ResilienceMetrics}. */
export interface ResilienceMetricsOptions {
  /**
   * Seed of the bootstrap interval (`mttrCi95`): the same records and seed give the
   * same interval on every machine.
   * @defaultValue `'chaos-bootstrap'`
   */
  readonly bootstrapSeed?: string;
  /**
   * Resamples drawn for each bootstrap interval, an integer in [100, 1,000,000].
   * @defaultValue `2000`
   */
  readonly bootstrapResamples?: number;
  /**
   * The clock that times are read from.
   * @defaultValue the active scope's clock at each call (`currentChaos().clock`), so
   * runs under virtual time record virtual times
   */
  readonly clock?: Clock;
  /**
   * The reconstruction accuracy, in [0, 1], a successful recovery needs to count as a
   * correct recovery (`correctRecoveryRate`).
   * @defaultValue `0.9` ({@link DEFAULT_ACCURACY_THRESHOLD}; the README says why)
   */
  readonly accuracyThreshold?: number;
}

/** A fault to record (`recordFailure`). */
export interface FailureInput {
  readonly agentId: string;
  readonly threadId: string;
  /** `crash`, `timeout`, … or a label of your own. */
  readonly faultType: string;
  /** When the fault struck, ms on the clock. @defaultValue the clock's current time */
  readonly at?: number;
  /** @defaultValue the scope's `runId`, else `'default'` */
  readonly runId?: string;
  readonly scenario?: string;
  /** The error the fault caused: a string, or an `Error` (recorded as `Name: message`). */
  readonly error?: unknown;
  /** Labels of the user's (`{ model: 'gpt-4o' }`): string values. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A recovery to record (`recordRecovery`). Times are ms on the clock. */
export interface RecoveryInput {
  readonly agentId: string;
  readonly threadId: string;
  readonly faultType: string;
  /** @defaultValue the scope's `runId`, else `'default'` */
  readonly runId?: string;
  readonly scenario?: string;
  /** t_fault. Required: a recovery's start is never invented. */
  readonly faultAt: number;
  /**
   * Where `faultAt` comes from.
   * @defaultValue `'recorded'` when an unrecovered fault of the run, agent and thread was
   * recorded at exactly `faultAt`, else `'given'`
   */
  readonly faultTimeSource?: FaultTimeSource;
  /** t_detected, `>= faultAt`. */
  readonly detectedAt: number;
  /** t_recovered (or when the attempt was given up), `>= detectedAt`. */
  readonly recoveredAt: number;
  readonly success: boolean;
  /** 0..1, when scored. */
  readonly reconstructionAccuracy?: number;
  /** @defaultValue `false` */
  readonly usedPeerContext?: boolean;
  /** Why the recovery failed: a string, or an `Error` (recorded as `Name: message`). */
  readonly error?: unknown;
  readonly notes?: string;
  /** Labels of the user's (the reflex, the model…): string values. */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * `automatic` when copying a recovery the detector found (from another store, a
   * worker, a journal); a recovery recorded by hand is explicit and leaves it out.
   * @defaultValue absent (explicit)
   */
  readonly detection?: RecoveryDetection;
}

/** Options of {@link ResilienceMetrics.measureRecovery} and {@link ResilienceMetrics.beginRecovery}. */
export interface RecoveryOptions {
  /** @defaultValue the scope's `runId`, else `'default'` */
  readonly runId?: string;
  /** @defaultValue the scenario of the fault recovered from */
  readonly scenario?: string;
  /**
   * t_fault, ms. Give this or `fault`, not both.
   * @defaultValue the time of the latest unrecovered fault recorded for this run, agent
   * and thread (of this fault type if there is one); with none, the time of the call:
   * the outage is taken to start when the measurement does (`faultTimeSource:
   * 'measurement-start'`), so Δt is the recovery's own duration
   */
  readonly faultAt?: number;
  /**
   * The error an injector threw (`AgentCrashError`, `AgentTimeoutError`), as caught
   * (`unknown` is fine): t_fault is its `faultAt`, the fault's time on the scope's
   * clock. Give this or `faultAt`; an error without a `faultAt` is rejected.
   */
  readonly fault?: unknown;
  /** t_detected, ms. @defaultValue the clock's time at the call */
  readonly detectedAt?: number;
  /**
   * Labels of the recovery, on top of those of the fault it recovers from (which it
   * inherits); the recovery function may still change `event.tags`.
   */
  readonly tags?: Readonly<Record<string, string>>;
}

const DEFAULT_BOOTSTRAP_SEED = 'chaos-bootstrap';
const DEFAULT_BOOTSTRAP_RESAMPLES = 2000;

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
  #results: ScenarioOutcome[] = [];
  #resultRun = new Int32Column();
  #resultScenario = new Int32Column();
  #resultCompleted = new Uint8Column();
  #resultConclusive = new Uint8Column();
  #startedAt: number | null = null;
  #detector: AutomaticRecoveries | undefined;
  #ledger = new AutomaticLedger();

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
    const v: Validator = new Validator();
    this.#bootstrapSeed = options.bootstrapSeed === undefined ? DEFAULT_BOOTSTRAP_SEED : v.id('bootstrapSeed', options.bootstrapSeed);
    const resamples = options.bootstrapResamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
    if (!Number.isInteger(resamples) || resamples < 100 || resamples > 1_000_000) {
      v.fail('bootstrapResamples', resamples, 'an integer in [100, 1000000]');
    }
    this.#bootstrapResamples = resamples;
    if (options.clock !== undefined && (typeof options.clock !== 'object' || typeof options.clock.now !== 'function')) {
      v.fail('clock', options.clock, 'a Clock (an object with now())');
    }
    this.#clock = options.clock;
    this.#accuracyThreshold = checkAccuracyThreshold(options.accuracyThreshold);
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
          if (this.#detector !== undefined && processRecoveryDetector() === this.#detector) setProcessRecoveryDetector(undefined);
        }
      };
      const handle: Disposable = { dispose: stop, [Symbol.dispose]: stop };
      this.#listening = handle;
      if (this.#detector !== undefined) setProcessRecoveryDetector(this.#detector);
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
   * After a fault fires at a target in a run (thread), the next call at that target in
   * the same run that completes — through a wrapper, a decorated method, the AI SDK
   * middleware and tools, a LangGraph node — records a recovery marked
   * `detection: 'automatic'`: t_fault the fault, t_detected when a call at the target
   * first failed after it (the injected error thrown, the hang abandoned; else when the
   * recovering call began), t_recovered the completion. {@link ResilienceMetrics.endRun}
   * records the faults still open as failed recoveries. A delay the call absorbed is no
   * outage: no recovery. An explicit recovery of the same fault (`measureRecovery`,
   * `beginRecovery`, `recordRecovery`) takes precedence: begun first it keeps the
   * automatic record from being made, recorded later it replaces it.
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
    if (this.#detector === undefined) {
      this.#detector = new AutomaticRecoveries((recovery, runtime) => this.#recordAutomatic(recovery, runtime));
      this.#ledger.enabled = true;
      if (this.#listening !== undefined) setProcessRecoveryDetector(this.#detector);
    }
    return this.#detector;
  }

  /**
   * Ends a run for automatic detection: each fault of the run still open becomes a
   * failed recovery at the clock's time. Does nothing when detection is off.
   *
   * @param runtime - the run's runtime @defaultValue the active one
   * @returns how many failed recoveries were recorded
   */
  endRun(runtime: ChaosRuntime = currentChaos()): number {
    return this.#detector?.endRun(runtime) ?? 0;
  }

  #recordAutomatic(recovery: DetectedRecovery, runtime: ChaosRuntime): void {
    if (this.#ledger.claimed(recovery)) return;
    const store = this.#store;
    const candidate: Unsourced = { ...recovery, faultTimeSource: undefined, reconstructionAccuracy: undefined, usedPeerContext: false, notes: undefined, detection: 'automatic' };
    const record = this.#insertRecovery(store, candidate, undefined);
    runtime.emit(recoveryEventOf(record));
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
    return this.#results;
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
    const v: Validator = new Validator('', typeof input?.runId === 'string' ? input.runId : undefined);
    if (typeof input !== 'object' || input === null) v.fail('input', input, 'an object');
    const record: FaultRecord = {
      agentId: v.id('agentId', input.agentId),
      threadId: v.id('threadId', input.threadId),
      faultType: v.id('faultType', input.faultType),
      runId: input.runId === undefined ? defaultRunId() : v.id('runId', input.runId),
      scenario: v.optionalId('scenario', input.scenario),
      at: input.at === undefined ? this.#now() : v.time('at', input.at),
      error: errorText(input.error),
      tags: v.tags('tags', input.tags),
    };
    this.#store.addFault(record);
    return record;
  }

  /**
   * Feeds a runtime event in: a {@link FaultEvent} becomes a fault record (`agentId` =
   * `target`, `threadId` = `runId ?? 'default'`, `faultType` = `fault`, `at` = `at`,
   * `scenario` and `tags` = the event's);
   * other events are ignored.
   *
   * @returns the fault recorded, or `undefined` for an event that is not a fault
   * @throws {@link MetricsValidationError} when the fault event is malformed
   */
  handleEvent(event: ChaosEvent): FaultRecord | undefined {
    if (!isFaultEvent(event)) return undefined;
    const detail = event.details?.['error'];
    return this.recordFailure({
      agentId: event.target,
      threadId: event.threadId ?? event.runId ?? 'default',
      faultType: event.fault,
      at: event.at,
      ...(event.runId === undefined ? {} : { runId: event.runId }),
      ...(event.scenario === undefined ? {} : { scenario: event.scenario }),
      ...(detail === undefined ? {} : { error: detail }),
      ...(event.tags === undefined ? {} : { tags: event.tags }),
    });
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
    return this.#insertRecovery(this.#store, record, undefined);
  }

  /**
   * Stores a recovery with its fault: `faultIndex`, else the open fault at exactly its
   * `faultAt`, else a fault made from the recovery's fields. A source left open
   * (`undefined`) becomes `recorded` when a recorded fault was found, else `given`.
   *
   * @returns the record as stored
   */
  #insertRecovery(store: RecordStore, candidate: RecoveryRecord | Unsourced, faultIndex: number | undefined): RecoveryRecord {
    // An explicit recovery of a fault already recovered automatically takes its place.
    const automatic = candidate.detection === undefined ? this.#ledger.explicit(candidate) : undefined;
    let fault = faultIndex ?? automatic?.fault ?? store.findOpenFaultAt(candidate.runId, candidate.agentId, candidate.threadId, candidate.faultType, candidate.faultAt);
    const record: RecoveryRecord =
      candidate.faultTimeSource === undefined ? { ...candidate, faultTimeSource: fault === undefined ? 'given' : 'recorded' } : (candidate as RecoveryRecord);
    if (automatic !== undefined) {
      store.replaceRecovery(automatic.recovery, record);
      return record;
    }
    fault ??= store.addFault({
      agentId: record.agentId,
      threadId: record.threadId,
      faultType: record.faultType,
      runId: record.runId,
      scenario: record.scenario,
      at: record.faultAt,
      error: undefined,
      tags: record.tags,
    });
    const index = store.addRecovery(record);
    if (record.success) store.closeFault(fault);
    if (record.detection !== undefined) this.#ledger.automatic(record, index, fault);
    return record;
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
    const runtime = currentChaos();
    const clock = this.#clock ?? runtime.clock;
    const v: Validator = new Validator('', typeof options.runId === 'string' ? options.runId : undefined);
    v.id('agentId', agentId);
    v.id('threadId', threadId);
    v.id('faultType', faultType);
    const runId = options.runId === undefined ? (runtime.runId ?? 'default') : v.id('runId', options.runId);
    const scenario = v.optionalId('scenario', options.scenario);
    const ownTags = v.tags('tags', options.tags);
    const store = this.#store;
    const now = clock.now();
    const origin = resolveFaultOrigin(store, v, { runId, agentId, threadId, faultType, faultAt: options.faultAt, fault: options.fault }, now);
    const detectedAt = options.detectedAt === undefined ? now : v.time('detectedAt', options.detectedAt);
    v.notBefore('detectedAt', detectedAt, 'faultAt', origin.faultAt);
    if (origin.source !== 'measurement-start') this.#ledger.claim({ runId, agentId, threadId, faultAt: origin.faultAt });
    return new RecoveryHandleImpl({
      agentId,
      threadId,
      faultType,
      runId,
      scenario: scenario ?? origin.scenario,
      faultAt: origin.faultAt,
      faultTimeSource: origin.source,
      detectedAt,
      tags: origin.tags === undefined ? ownTags : { ...origin.tags, ...ownTags },
      clock,
      settle: (candidate) => {
        const validated = validateRecovery(candidate, new Validator('', runId), true);
        // After a reset() the fault index belongs to the old store.
        const current = this.#store;
        const record = this.#insertRecovery(current, validated, current === store ? origin.faultIndex : undefined);
        runtime.emit(recoveryEventOf(record));
        return record;
      },
    });
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
    this.#pushOutcome(outcome);
    return outcome;
  }

  #pushOutcome(outcome: ScenarioOutcome): void {
    const strings = this.#store.strings;
    this.#results.push(outcome);
    this.#resultRun.push(strings.intern(outcome.runId));
    this.#resultScenario.push(strings.intern(outcome.scenario));
    this.#resultCompleted.push(outcome.taskCompleted ? 1 : 0);
    this.#resultConclusive.push(outcome.inconclusive === true ? 0 : 1);
  }

  /**
   * The summary of everything recorded: seconds, percentages 0..100, `null` for an
   * empty sample (never `NaN`); the same figures per scenario, fault type, agent and
   * tag value.
   */
  getSummary(): MetricsSummary {
    return summarize(
      this.#store,
      {
        count: this.#results.length,
        run: this.#resultRun.view(),
        scenario: this.#resultScenario.view(),
        completed: this.#resultCompleted.view(),
        conclusive: this.#resultConclusive.view(),
      },
      { bootstrapSeed: this.#bootstrapSeed, bootstrapResamples: this.#bootstrapResamples, accuracyThreshold: this.#accuracyThreshold },
    );
  }

  /** Forgets every record, result and the start time; keeps listening if it was (see `listen`). */
  reset(): void {
    this.#store = new RecordStore();
    this.#results = [];
    this.#resultRun = new Int32Column();
    this.#resultScenario = new Int32Column();
    this.#resultCompleted = new Uint8Column();
    this.#resultConclusive = new Uint8Column();
    this.#startedAt = null;
    this.#ledger = new AutomaticLedger(this.#detector !== undefined);
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
      scenarioResults: [...this.#results],
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
    const v: Validator = new Validator();
    if (typeof snapshot !== 'object' || snapshot === null) v.fail('snapshot', snapshot, 'an object from toJSON()');
    const data = snapshot as Record<string, unknown>;
    if (data['schemaVersion'] !== METRICS_SCHEMA_VERSION && data['schemaVersion'] !== 1) {
      v.fail('schemaVersion', data['schemaVersion'], `1 or ${METRICS_SCHEMA_VERSION}`);
    }
    const accuracyThreshold = options.accuracyThreshold ?? checkAccuracyThreshold(data['accuracyThreshold'] ?? undefined);
    const startedAt = data['startedAt'] === null || data['startedAt'] === undefined ? null : v.time('startedAt', data['startedAt']);
    const bootstrapSeed = v.id('bootstrapSeed', data['bootstrapSeed']);
    const list = (field: string): unknown[] => {
      const value = data[field];
      if (value === undefined) return [];
      if (!Array.isArray(value)) v.fail(field, value, 'an array');
      return value;
    };
    const faults = list('faults').map((fault, i) => validateFault(fault, new Validator(`faults[${i}].`)));
    const recoveries = list('recoveries').map((recovery, i) => validateRecovery(recovery, new Validator(`recoveries[${i}].`), true));
    const outcomes = list('scenarioResults').map((outcome, i) => validateOutcome(outcome, new Validator(`scenarioResults[${i}].`), true));
    const metrics = new ResilienceMetrics({ ...options, bootstrapSeed, accuracyThreshold });
    metrics.#startedAt = startedAt;
    for (const fault of faults) metrics.#store.addFault(fault);
    for (const recovery of recoveries) metrics.#insertRecovery(metrics.#store, recovery, undefined);
    for (const outcome of outcomes) metrics.#pushOutcome(outcome);
    return metrics;
  }
}

function defaultRunId(): string {
  return currentChaos().runId ?? 'default';
}

function asRecord(value: unknown, v: Validator): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) v.fail('input', value, 'an object');
  return value as Record<string, unknown>;
}

function validateFault(value: unknown, v: Validator): FaultRecord {
  const input = asRecord(value, v);
  return {
    agentId: v.id('agentId', input['agentId']),
    threadId: v.id('threadId', input['threadId']),
    faultType: v.id('faultType', input['faultType']),
    runId: v.id('runId', input['runId']),
    scenario: v.optionalId('scenario', input['scenario']),
    at: v.time('at', input['at']),
    error: v.optionalText('error', input['error']),
    tags: v.tags('tags', input['tags']),
  };
}

/** A recovery whose fault time source is still to be decided (it is found when stored). */
type Unsourced = Omit<RecoveryRecord, 'faultTimeSource'> & { readonly faultTimeSource: FaultTimeSource | undefined };

/**
 * Validates a recovery. `strict` (snapshots, handles): `runId` required, `error` a
 * string; otherwise `runId` defaults and `error` may be any thrown value.
 */
function validateRecovery(value: unknown, v: Validator, strict: boolean): Unsourced {
  const input = asRecord(value, v);
  const faultAt = v.time('faultAt', input['faultAt']);
  const detectedAt = v.time('detectedAt', input['detectedAt']);
  const recoveredAt = v.time('recoveredAt', input['recoveredAt']);
  const source = input['faultTimeSource'];
  const record: Unsourced = {
    agentId: v.id('agentId', input['agentId']),
    threadId: v.id('threadId', input['threadId']),
    faultType: v.id('faultType', input['faultType']),
    runId: !strict && input['runId'] === undefined ? defaultRunId() : v.id('runId', input['runId']),
    scenario: v.optionalId('scenario', input['scenario']),
    faultAt,
    faultTimeSource: source === undefined || source === null ? undefined : v.faultTimeSource('faultTimeSource', source),
    detectedAt,
    recoveredAt,
    success: v.boolean('success', input['success']),
    reconstructionAccuracy: v.accuracy('reconstructionAccuracy', input['reconstructionAccuracy']),
    usedPeerContext: v.optionalBoolean('usedPeerContext', input['usedPeerContext']) ?? false,
    error: strict ? v.optionalText('error', input['error']) : errorText(input['error']),
    notes: v.optionalText('notes', input['notes']),
    tags: v.tags('tags', input['tags']),
    ...(v.detection('detection', input['detection']) === undefined ? {} : { detection: 'automatic' as const }),
  };
  v.notBefore('detectedAt', detectedAt, 'faultAt', faultAt);
  v.notBefore('recoveredAt', recoveredAt, 'detectedAt', detectedAt);
  return record;
}

/** Validates a scenario outcome; `strict` (snapshots) requires `error` to be a string. */
function validateOutcome(value: unknown, v: Validator, strict: boolean): ScenarioOutcome {
  const input = asRecord(value, v);
  const mttr = input['mttrSeconds'];
  const outcome: Record<string, unknown> = {
    scenario: v.id('scenario', input['scenario']),
    runId: v.id('runId', input['runId']),
    success: v.boolean('success', input['success']),
    recovered: v.boolean('recovered', input['recovered']),
    taskCompleted: v.boolean('taskCompleted', input['taskCompleted']),
    mttrSeconds: mttr === null || mttr === undefined ? null : v.nonNegative('mttrSeconds', mttr),
  };
  const seed = v.optionalText('seed', input['seed']);
  if (seed !== undefined) outcome['seed'] = seed;
  const inconclusive = v.optionalBoolean('inconclusive', input['inconclusive']);
  if (inconclusive !== undefined) outcome['inconclusive'] = inconclusive;
  const duration = input['durationSeconds'];
  if (duration !== undefined && duration !== null) outcome['durationSeconds'] = v.nonNegative('durationSeconds', duration);
  const error = strict ? v.optionalText('error', input['error']) : errorText(input['error']);
  if (error !== undefined) outcome['error'] = error;
  // Kept as given: the scenario keeps only small, plain outputs (see its README).
  if (input['output'] !== undefined) outcome['output'] = input['output'];
  return Object.freeze(outcome) as unknown as ScenarioOutcome;
}

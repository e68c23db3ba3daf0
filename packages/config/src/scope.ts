import { AsyncLocalStorage } from 'node:async_hooks';
import { type ChaosConfig, mergeConfig } from './ChaosConfig.js';
import { type Clock, realClock } from './Clock.js';
import { type RandomSource, createRandom, freshSeed } from './createRandom.js';
import type { ChaosEvent, ChaosEventSink } from './events.js';
import { type FaultPlan, type FaultRule, createFaultPlan } from './FaultPlan.js';
import { getChaosConfig, onGlobalConfigChange } from './globalConfig.js';
import type { RecoveryDetector } from './recoveries.js';

/** Everything a fault, a supervisor or a metric needs from the run it belongs to. */
export interface ChaosRuntime {
  readonly config: ChaosConfig;
  readonly clock: Clock;
  /** The run's root random stream; injectors use {@link ChaosRuntime.stream}. */
  readonly random: RandomSource;
  /** The seed of `random`, for reports and replay. */
  readonly seed: string;
  readonly plan: FaultPlan;
  /** Sends an event to the run's sink. */
  readonly emit: ChaosEventSink;
  readonly runId: string | undefined;
  /** The scenario the run belongs to, reported in its events. */
  readonly scenario: string | undefined;
  /**
   * The automatic recovery detector watching this run's calls, when detection is on
   * (see {@link RecoveryDetector}).
   */
  readonly recoveries?: RecoveryDetector | undefined;
  /**
   * The conversation or thread the run's calls belong to (LangGraph's `thread_id`),
   * when it is not the run itself. Fault events carry it as `threadId`.
   */
  readonly threadId?: string | undefined;
  /**
   * The fork of `random` for `label`, made once per runtime. Each injector draws from
   * its own labelled stream, so a change to one fault's probability, or a fault firing
   * and drawing its details, never shifts another fault's decisions.
   */
  stream(label: string): RandomSource;
}

/** Options of {@link createChaosRuntime}. */
export interface ChaosRuntimeOptions {
  /**
   * Overrides applied on top of `baseConfig`.
   */
  readonly config?: Partial<ChaosConfig>;
  /**
   * The config the overrides apply to.
   * @defaultValue the process-wide config ({@link getChaosConfig})
   */
  readonly baseConfig?: ChaosConfig;
  /** @defaultValue {@link realClock} */
  readonly clock?: Clock;
  /**
   * Seed of the run's random stream. Give this or `random`, not both.
   * @defaultValue `config.randomSeed`, else a fresh seed (recorded in `seed`)
   */
  readonly seed?: string | number;
  /** A ready random stream. Give this or `seed`, not both. */
  readonly random?: RandomSource;
  /** The fault plan, as rules or as a plan already made. @defaultValue an empty plan */
  readonly plan?: FaultPlan | readonly FaultRule[];
  /** Where events go. @defaultValue the process-wide listeners ({@link onChaosEvent}) */
  readonly emit?: ChaosEventSink;
  readonly runId?: string;
  readonly scenario?: string;
  /**
   * Detects recoveries automatically: the detector of a `@chaos/metrics` store
   * (`metrics.detectRecoveries()`). It sees every event before `emit` does.
   * @defaultValue the process-wide detector for a runtime without `emit`, else none
   */
  readonly recoveries?: RecoveryDetector;
}

const globalListeners = new Set<ChaosEventSink>();
let processDetector: RecoveryDetector | undefined;

function emitToGlobalListeners(event: ChaosEvent): void {
  for (const listener of globalListeners) listener(event);
}

/**
 * Builds a runtime for {@link runInChaosScope}.
 *
 * @throws `TypeError` when both `seed` and `random` are given
 * @throws {@link ChaosConfigError} when a config override is invalid
 * @example
 * ```ts
 * const runtime = createChaosRuntime({
 *   config: { enabled: true }, clock: createVirtualClock(), seed: 'run-7',
 *   plan: [{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 3 } }],
 *   emit: (event) => events.push(event),
 * });
 * ```
 */
export function createChaosRuntime(options: ChaosRuntimeOptions = {}): ChaosRuntime {
  if (options.seed !== undefined && options.random !== undefined) {
    throw new TypeError('Expected either `seed` or `random`, not both: they would contradict each other');
  }
  const config = mergeConfig(options.baseConfig ?? getChaosConfig(), options.config ?? {});
  const random = options.random ?? createRandom(options.seed ?? config.randomSeed ?? freshSeed());
  const plan = options.plan === undefined || Array.isArray(options.plan)
    ? createFaultPlan(options.plan as readonly FaultRule[] | undefined)
    : (options.plan as FaultPlan);
  const recoveries = options.recoveries ?? (options.emit === undefined ? processDetector : undefined);
  return makeRuntime(config, options.clock ?? realClock, random, plan, options.emit ?? emitToGlobalListeners, recoveries, options.runId, options.scenario);
}

/**
 * The process-wide default runtime on `config` (kept: its random stream and plan), as
 * `createChaosRuntime({ baseConfig: config, random, plan })` makes it, without the
 * option handling the bundle of an agent author does not need.
 */
function defaultRuntimeOf(config: ChaosConfig, random?: RandomSource, plan?: FaultPlan): ChaosRuntime {
  const merged = mergeConfig(config, {});
  return makeRuntime(merged, realClock, random ?? createRandom(merged.randomSeed ?? freshSeed()), plan ?? createFaultPlan(), emitToGlobalListeners, processDetector);
}

function makeRuntime(
  config: ChaosConfig,
  clock: Clock,
  random: RandomSource,
  plan: FaultPlan,
  emit: ChaosEventSink,
  recoveries: RecoveryDetector | undefined,
  runId?: string,
  scenario?: string,
): ChaosRuntime {
  const streams = new Map<string, RandomSource>();
  return Object.freeze({
    config,
    clock,
    random,
    seed: random.seed,
    plan,
    emit: recoveries === undefined ? emit : recoveries.watch(emit),
    recoveries,
    runId,
    scenario,
    stream(label: string): RandomSource {
      let stream = streams.get(label);
      if (stream === undefined) {
        stream = random.fork(label);
        streams.set(label, stream);
      }
      return stream;
    },
  });
}

const storage = new AsyncLocalStorage<ChaosRuntime>();
let defaultRuntime: ChaosRuntime | undefined;
onGlobalConfigChange((config) => {
  // Keep the process-wide random stream unless the seed itself changed.
  const previous = defaultRuntime;
  defaultRuntime = previous !== undefined && previous.config.randomSeed === config.randomSeed
    ? defaultRuntimeOf(config, previous.random, previous.plan)
    : undefined;
});

/**
 * Runs `fn` with `runtime` bound to everything it calls, synchronously or through any
 * chain of promises and timers. Scopes nest: the innermost wins. Two scopes never see
 * each other's config, clock, random stream, plan or events.
 *
 * @returns what `fn` returns
 * @example
 * ```ts
 * const result = await runInChaosScope(runtime, () => workflow.run());
 * ```
 */
export function runInChaosScope<T>(runtime: ChaosRuntime, fn: () => T): T {
  return storage.run(runtime, fn);
}

/**
 * The runtime of the innermost active scope, or the process-wide default (the global
 * config, the real clock, a random stream seeded by `CHAOS_RANDOM_SEED` or a fresh
 * seed, an empty plan, events to {@link onChaosEvent} listeners).
 */
export function currentChaos(): ChaosRuntime {
  return storage.getStore() ?? (defaultRuntime ??= defaultRuntimeOf(getChaosConfig()));
}

/** A handle whose `dispose()` undoes what made it; idempotent, and `using`-ready. */
export interface Disposable {
  dispose(): void;
  [Symbol.dispose](): void;
}

/**
 * Listens to the events of runtimes that have no sink of their own, the process-wide
 * default among them.
 *
 * @returns a handle that stops listening
 */
export function onChaosEvent(listener: ChaosEventSink): Disposable {
  globalListeners.add(listener);
  const dispose = (): void => {
    globalListeners.delete(listener);
  };
  return { dispose, [Symbol.dispose]: dispose };
}

/**
 * The detector of runtimes that have no event sink of their own (the process-wide
 * default runtime among them), or `undefined`. Set by `@chaos/metrics` when the
 * process-wide store detects recoveries.
 */
export function processRecoveryDetector(): RecoveryDetector | undefined {
  return processDetector;
}

/**
 * Makes `detector` watch the runtimes without an event sink of their own created from
 * now on, and the process-wide default runtime (its random stream and plan are kept);
 * `undefined` stops it.
 */
export function setProcessRecoveryDetector(detector: RecoveryDetector | undefined): void {
  processDetector = detector;
  const previous = defaultRuntime;
  if (previous !== undefined) {
    defaultRuntime = defaultRuntimeOf(previous.config, previous.random, previous.plan);
  }
}

import { type ChaosRuntime, type RandomSource, type Tags, currentChaos } from '@chaos/config';
import type { AsyncFaultInjector, SignalSource } from './FaultInjector.js';
import { createInjector, isAsyncFunction } from './_internals/createInjector.js';
import {
  type CorruptionSettings,
  type DelaySettings,
  type HallucinationSettings,
  corruptArguments,
  crashError,
  delayOf,
  hallucinateValue,
  hang,
  signalOf,
  timeoutOf,
} from './_internals/effects.js';
import { type Decision, createSite, createStreamCache, decided, observing } from './_internals/site.js';
import {
  checkChoices,
  checkDuration,
  checkFields,
  checkFunction,
  checkIndex,
  checkKnownKeys,
  checkProbability,
  checkSignal,
} from './_internals/validate.js';
import type { Corruptor } from './corruption/corrupt.js';
import { HALLUCINATION_STRATEGIES, type HallucinationStrategy, type Hallucinator } from './hallucination/hallucinate.js';

/**
 * Options of {@link withChaos}. Each probability left out is read from the active
 * config at each call (`crashProb` from `crashProbability`, …); set one to `0` to
 * leave that fault out (plan rules still fire it).
 */
export interface WithChaosOptions {
  /** @defaultValue the active config's `corruptionProbability` */
  readonly corruptionProb?: number;
  /** @defaultValue the active config's `crashProbability` */
  readonly crashProb?: number;
  /** @defaultValue the active config's `timeoutProbability` */
  readonly timeoutProb?: number;
  /** @defaultValue the active config's `delayProbability` */
  readonly delayProb?: number;
  /** @defaultValue the active config's `hallucinationProbability` */
  readonly hallucinationProb?: number;
  /** Delay length in ms. @defaultValue the active config's `delayMs` */
  readonly delayMs?: number;
  /** Delay spread: `delayMs ± jitterMs`. @defaultValue `0` */
  readonly jitterMs?: number;
  /** Hang length in seconds. @defaultValue the active config's `timeoutSeconds` */
  readonly timeoutSeconds?: number;
  /** Dotted paths of the message fields to corrupt. @defaultValue `[]` (the corruptor picks) */
  readonly fields?: readonly string[];
  /** Which argument is the message. @defaultValue `0` */
  readonly argIndex?: number;
  /** Custom corruptor. @defaultValue `defaultCorruptor` */
  readonly corrupt?: Corruptor;
  /** Custom hallucinator. @defaultValue `defaultHallucinator` */
  readonly hallucinate?: Hallucinator;
  /** The kinds of hallucination allowed: `strategy` of {@link injectHallucination}. @defaultValue any */
  readonly hallucinationStrategy?: HallucinationStrategy | readonly HallucinationStrategy[];
  /**
   * Ends a delay or a hang early (the call rejects with `signal.reason`).
   * @defaultValue the `signal` of a last argument shaped `{ signal: AbortSignal }`
   */
  readonly signal?: SignalSource;
  /**
   * Target of all five faults. @defaultValue the method or function name, else `'anonymous'`
   */
  readonly target?: string;
  /** Tags carried by every fault fired here (see `InjectorOptions.tags`). @defaultValue none */
  readonly tags?: Tags;
}

const KEYS: readonly string[] = [
  'corruptionProb',
  'crashProb',
  'timeoutProb',
  'delayProb',
  'hallucinationProb',
  'delayMs',
  'jitterMs',
  'timeoutSeconds',
  'fields',
  'argIndex',
  'corrupt',
  'hallucinate',
  'hallucinationStrategy',
  'signal',
  'target',
  'tags',
];

interface Streams {
  readonly corruption: RandomSource;
  readonly crash: RandomSource;
  readonly timeout: RandomSource;
  readonly delay: RandomSource;
  readonly hallucination: RandomSource;
}

/**
 * Applies all five faults to one function, in this fixed order:
 *
 * 1. **corruption** of the message argument (a deep copy);
 * 2. **crash**: rejects with {@link AgentCrashError}, the step does not run;
 * 3. **timeout**: hangs `timeoutSeconds`, then rejects with {@link AgentTimeoutError};
 * 4. **delay**: waits `delayMs ± jitterMs`;
 * 5. the **call** itself;
 * 6. **hallucination** of the result.
 *
 * Every call decides all five at its start, drawing exactly one number from each
 * fault's own stream (the same streams as the single injectors with the same target),
 * so changing one probability never shifts another fault's decisions. A crash or a
 * timeout ends the call: the faults after it are decided but neither applied nor
 * reported. The wrapped function always returns a Promise.
 *
 * @throws `TypeError` at once when an option is invalid or unknown
 * @example
 * ```ts
 * const step = withChaos({ crashProb: 0.1, delayProb: 0.2, delayMs: 300, fields: ['items'] })(handoff);
 * ```
 */
export function withChaos(options: WithChaosOptions = {}): AsyncFaultInjector {
  checkKnownKeys(options, KEYS, 'withChaos');
  const corruptionProb = checkProbability('corruptionProb', options.corruptionProb);
  const crashProb = checkProbability('crashProb', options.crashProb);
  const timeoutProb = checkProbability('timeoutProb', options.timeoutProb);
  const delayProb = checkProbability('delayProb', options.delayProb);
  const hallucinationProb = checkProbability('hallucinationProb', options.hallucinationProb);
  const delaySettings: DelaySettings = {
    delayMs: checkDuration('delayMs', options.delayMs),
    jitterMs: checkDuration('jitterMs', options.jitterMs),
  };
  const timeoutSeconds = checkDuration('timeoutSeconds', options.timeoutSeconds);
  const corruptionSettings: CorruptionSettings = {
    fields: checkFields('fields', options.fields),
    argIndex: checkIndex('argIndex', options.argIndex),
    corrupt: checkFunction<Corruptor>('corrupt', options.corrupt),
  };
  const hallucinationSettings: HallucinationSettings = {
    hallucinate: checkFunction<Hallucinator>('hallucinate', options.hallucinate),
    strategy: checkChoices('hallucinationStrategy', options.hallucinationStrategy, HALLUCINATION_STRATEGIES),
  };
  const signalSource = checkSignal<SignalSource>('signal', options.signal);

  return createInjector('withChaos', options, true, (fn, target, tags) => {
    const corruptionSite = createSite('corruption', target, tags);
    const crashSite = createSite('crash', target, tags);
    const timeoutSite = createSite('timeout', target, tags);
    const delaySite = createSite('delay', target, tags);
    const hallucinationSite = createSite('hallucination', target, tags);
    const streamsOf = createStreamCache(
      (runtime): Streams => ({
        corruption: runtime.stream(corruptionSite.label),
        crash: runtime.stream(crashSite.label),
        timeout: runtime.stream(timeoutSite.label),
        delay: runtime.stream(delaySite.label),
        hallucination: runtime.stream(hallucinationSite.label),
      }),
    );
    const isAsync = isAsyncFunction(fn);

    /** The slow path: at least one fault fired on this call. */
    async function chaotic(
      runtime: ChaosRuntime,
      thisArg: unknown,
      args: unknown[],
      corruption: Decision,
      crash: Decision,
      timeout: Decision,
      delay: Decision,
      hallucination: Decision,
    ): Promise<unknown> {
      // The signal comes from the arguments as the caller gave them.
      const signal = timeout !== undefined || delay !== undefined ? signalOf(signalSource, thisArg, args) : undefined;
      if (corruption !== undefined) corruptArguments(runtime, corruptionSite, corruption, corruptionSettings, args);
      if (crash !== undefined) throw crashError(runtime, crashSite, crash);
      if (timeout !== undefined) {
        await hang(runtime, timeoutSite, timeout, timeoutOf(runtime, timeoutSite, timeout, timeoutSeconds), signal);
      }
      if (delay !== undefined) await runtime.clock.sleep(delayOf(runtime, delaySite, delay, delaySettings), signal);
      const value: unknown = await fn.apply(thisArg, args);
      return hallucination === undefined
        ? value
        : hallucinateValue(runtime, hallucinationSite, hallucination, hallucinationSettings, value);
    }

    return function chaosInjected(this: unknown): Promise<unknown> {
      const runtime = currentChaos();
      const config = runtime.config;
      if (config.enabled) {
        // Automatic recovery detection: the detector re-enters this function to watch the call.
        const detector = observing(runtime, chaosInjected, target);
        if (detector) return detector.observe(runtime, target, chaosInjected, this, arguments) as Promise<unknown>;
        const streams = streamsOf(runtime);
        const plan = runtime.plan;
        const planned = !plan.empty;
        // One plan count and one draw per fault, always, in the documented order.
        const corruption = decided(
          planned ? plan.take('corruption', target) : undefined,
          streams.corruption.next(),
          corruptionProb ?? config.corruptionProbability,
        );
        const crash = decided(
          planned ? plan.take('crash', target) : undefined,
          streams.crash.next(),
          crashProb ?? config.crashProbability,
        );
        const timeout = decided(
          planned ? plan.take('timeout', target) : undefined,
          streams.timeout.next(),
          timeoutProb ?? config.timeoutProbability,
        );
        const delay = decided(
          planned ? plan.take('delay', target) : undefined,
          streams.delay.next(),
          delayProb ?? config.delayProbability,
        );
        const hallucination = decided(
          planned ? plan.take('hallucination', target) : undefined,
          streams.hallucination.next(),
          hallucinationProb ?? config.hallucinationProbability,
        );
        if (
          corruption !== undefined ||
          crash !== undefined ||
          timeout !== undefined ||
          delay !== undefined ||
          hallucination !== undefined
        ) {
          const args: unknown[] = Array.prototype.slice.call(arguments);
          return chaotic(runtime, this, args, corruption, crash, timeout, delay, hallucination);
        }
      }
      // Inline in each time-based wrapper on purpose: handing `arguments` on to a shared
      // helper measurably slows the disabled path, which must cost next to nothing.
      if (isAsync) return Reflect.apply(fn, this, arguments) as Promise<unknown>;
      try {
        return Promise.resolve(Reflect.apply(fn, this, arguments));
      } catch (error: unknown) {
        return Promise.reject(error);
      }
    };
  }) as AsyncFaultInjector;
}

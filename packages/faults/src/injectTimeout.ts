import { checkOptions, currentChaos, faultOptionChecks } from '@chaos/config';
import type { AsyncFaultInjector, InjectorOptions, SignalSource } from './FaultInjector.js';
import { createInjector, isAsyncFunction } from './_internals/createInjector.js';
import { hang, signalOf, timeoutOf } from './_internals/effects.js';
import { createSite, createStreamCache, decide, observing } from './_internals/site.js';
import { INJECTOR_CHECKS, SIGNAL } from './_internals/validate.js';

/** Options of {@link injectTimeout}. */
export interface TimeoutOptions extends InjectorOptions {
  /**
   * How long the agent hangs before the call fails, in seconds on the scope's clock.
   * @defaultValue the active config's `timeoutSeconds`, read at each call
   */
  readonly timeoutSeconds?: number;
  /**
   * Ends the hang early: the call then rejects with `signal.reason`. A signal, or a
   * function of the call's arguments returning one.
   * @defaultValue the `signal` of the last argument, when that is an object with an
   *   `AbortSignal` `signal` property (`step(input, { signal })`)
   */
  readonly signal?: SignalSource;
}

const CHECKS = { ...INJECTOR_CHECKS, ...faultOptionChecks('timeout'), signal: SIGNAL };

/**
 * Makes an agent unresponsive: when the fault fires, the step does not run; the call
 * hangs `timeoutSeconds` on the scope's clock (or until its signal aborts), then
 * rejects with an {@link AgentTimeoutError}.
 *
 * The wrapped function always returns a Promise, and its type says so (see
 * {@link injectDelay}). No timer or `AbortController` is created unless the fault fires.
 *
 * @param options - `probability` (default: the active config's `timeoutProbability`),
 *   `target`, `timeoutSeconds`, `signal`
 * @throws `TypeError` at once when an option is invalid or unknown
 * @example
 * ```ts
 * const campaign = injectTimeout({ timeoutSeconds: 30, target: 'marketing' })(runCampaign);
 * await campaign(handoff, { signal: AbortSignal.timeout(5_000) });
 * ```
 */
export function injectTimeout(options: TimeoutOptions = {}): AsyncFaultInjector {
  const { probability, timeoutSeconds, signal: signalSource } = checkOptions(options, CHECKS, 'injectTimeout') as TimeoutOptions;
  return createInjector('injectTimeout', options, true, (fn, target, tags) => {
    const site = createSite('timeout', target, tags);
    const streamOf = createStreamCache((runtime) => runtime.stream(site.label));
    const isAsync = isAsyncFunction(fn);
    return function timeoutInjected(this: unknown): Promise<unknown> {
      const runtime = currentChaos();
      if (runtime.config.enabled) {
        // Automatic recovery detection: the detector re-enters this function to watch the call.
        const detector = observing(runtime, timeoutInjected, target);
        if (detector) return detector.observe(runtime, target, timeoutInjected, this, arguments) as Promise<unknown>;
        const decision = decide(runtime, site, streamOf(runtime), probability ?? runtime.config.timeoutProbability);
        if (decision !== undefined) {
          try {
            const hangFor = timeoutOf(runtime, site, decision, timeoutSeconds);
            const signal = signalOf(signalSource, this, Array.prototype.slice.call(arguments));
            return hang(runtime, site, decision, hangFor, signal);
          } catch (error: unknown) {
            return Promise.reject(error);
          }
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

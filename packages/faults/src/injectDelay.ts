import { checkOptions, currentChaos, faultOptionChecks } from '@chaos/config';
import type { AsyncFaultInjector, InjectorOptions, SignalSource } from './FaultInjector.js';
import { createInjector, isAsyncFunction } from './_internals/createInjector.js';
import { type DelaySettings, delayOf, signalOf } from './_internals/effects.js';
import { createSite, createStreamCache, decide, observing } from './_internals/site.js';
import { INJECTOR_CHECKS, SIGNAL } from './_internals/validate.js';

/** Options of {@link injectDelay}. */
export interface DelayOptions extends InjectorOptions {
  /**
   * How long the delay lasts, in milliseconds on the scope's clock.
   * @defaultValue the active config's `delayMs`, read at each call
   */
  readonly delayMs?: number;
  /**
   * Spread of the delay: it lasts `delayMs ± jitterMs` (uniform, never below 0), drawn
   * from the fault's own seeded stream.
   * @defaultValue `0`
   */
  readonly jitterMs?: number;
  /**
   * Ends the delay early: the call then rejects with `signal.reason` and the step does
   * not run. A signal, or a function of the call's arguments returning one.
   * @defaultValue the `signal` of the last argument, when that is an object with an
   *   `AbortSignal` `signal` property (`step(input, { signal })`)
   */
  readonly signal?: SignalSource;
}

const CHECKS = { ...INJECTOR_CHECKS, ...faultOptionChecks('delay'), signal: SIGNAL };

/**
 * Makes an agent step slow: when the fault fires, the call waits `delayMs ± jitterMs`
 * on the scope's clock (virtual time costs no wall time), then runs the step.
 *
 * The wrapped function always returns a Promise, and its type says so: wrapping
 * `(x: number) => number` gives `(x: number) => Promise<number>`, and decorating a
 * sync method is a type error. With chaos disabled an `async function` is called
 * directly (its own promise is returned, no extra one); a sync one's result is wrapped
 * in a resolved promise. No timer is created unless the fault fires.
 *
 * @param options - `probability` (default: the active config's `delayProbability`),
 *   `target`, `delayMs`, `jitterMs`, `signal`
 * @throws `TypeError` at once when an option is invalid or unknown
 * @example
 * ```ts
 * const upload = injectDelay({ delayMs: 500, jitterMs: 100 })(uploadItem);
 *
 * class ProductAgent {
 *   @injectDelay({ delayMs: 500 })
 *   async upload(item: Item): Promise<Receipt> { … }
 * }
 * ```
 */
export function injectDelay(options: DelayOptions = {}): AsyncFaultInjector {
  const settings = checkOptions(options, CHECKS, 'injectDelay') as DelayOptions & DelaySettings;
  const { probability, signal: signalSource } = settings;
  return createInjector('injectDelay', options, true, (fn, target, tags) => {
    const site = createSite('delay', target, tags);
    const streamOf = createStreamCache((runtime) => runtime.stream(site.label));
    const isAsync = isAsyncFunction(fn);
    return function delayInjected(this: unknown): Promise<unknown> {
      const runtime = currentChaos();
      if (runtime.config.enabled) {
        // Automatic recovery detection: the detector re-enters this function to watch the call.
        const detector = observing(runtime, delayInjected, target);
        if (detector) return detector.observe(runtime, target, delayInjected, this, arguments) as Promise<unknown>;
        const decision = decide(runtime, site, streamOf(runtime), probability ?? runtime.config.delayProbability);
        if (decision !== undefined) {
          const thisArg = this;
          const args: unknown[] = Array.prototype.slice.call(arguments);
          try {
            const ms = delayOf(runtime, site, decision, settings);
            return runtime.clock.sleep(ms, signalOf(signalSource, thisArg, args)).then(() => fn.apply(thisArg, args));
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

import { checkOptions, currentChaos } from '@chaos/config';
import type { InjectorOptions, SyncFaultInjector } from './FaultInjector.js';
import { createInjector, isAsyncFunction } from './_internals/createInjector.js';
import { crashError } from './_internals/effects.js';
import { createSite, createStreamCache, decide, observing } from './_internals/site.js';
import { INJECTOR_CHECKS } from './_internals/validate.js';

/** Options of {@link injectCrash}. */
export interface CrashOptions extends InjectorOptions {}

/**
 * Makes an agent step crash: when the fault fires, the step does not run and an
 * {@link AgentCrashError} is thrown — or, for an `async function`, returned as a
 * rejected promise. A sync function stays sync.
 *
 * The result is both a wrapper and a TS 5 method decorator. With chaos disabled the
 * original is called directly, with no random draw.
 *
 * @param options - `probability` (default: the active config's `crashProbability`,
 *   read at each call) and `target` (default: the method or function name)
 * @throws `TypeError` at once when an option is invalid or unknown
 * @example
 * ```ts
 * const step = injectCrash({ probability: 0.2, target: 'product' })(uploadItem);
 *
 * class ProductAgent {
 *   @injectCrash({ probability: 0.2 })
 *   upload(item: Item): Receipt { … }
 * }
 * ```
 */
export function injectCrash(options: CrashOptions = {}): SyncFaultInjector {
  const { probability } = checkOptions(options, INJECTOR_CHECKS, 'injectCrash') as CrashOptions;
  return createInjector('injectCrash', options, false, (fn, target, tags) => {
    const site = createSite('crash', target, tags);
    const streamOf = createStreamCache((runtime) => runtime.stream(site.label));
    const isAsync = isAsyncFunction(fn);
    return function crashInjected(this: unknown): unknown {
      const runtime = currentChaos();
      if (!runtime.config.enabled) return Reflect.apply(fn, this, arguments);
      // Automatic recovery detection: the detector re-enters this function to watch the call.
      const detector = observing(runtime, crashInjected, target);
      if (detector) return detector.observe(runtime, target, crashInjected, this, arguments);
      const decision = decide(runtime, site, streamOf(runtime), probability ?? runtime.config.crashProbability);
      if (decision === undefined) return Reflect.apply(fn, this, arguments);
      let error: unknown;
      try {
        error = crashError(runtime, site, decision);
      } catch (invalid: unknown) {
        error = invalid;
      }
      if (isAsync) return Promise.reject(error);
      throw error;
    };
  }) as SyncFaultInjector;
}

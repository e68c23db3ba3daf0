import { type HallucinationStrategy, type Hallucinator, checkOptions, currentChaos, faultOptionChecks } from '@chaos/config';
import type { InjectorOptions, SyncFaultInjector } from './FaultInjector.js';
import { createInjector, isAsyncFunction } from './_internals/createInjector.js';
import { type HallucinationSettings, hallucinateValue } from './_internals/effects.js';
import { createSite, createStreamCache, decide, observing } from './_internals/site.js';
import { INJECTOR_CHECKS } from './_internals/validate.js';

/** Options of {@link injectHallucination}. */
export interface HallucinationOptions extends InjectorOptions {
  /**
   * Makes the wrong value: `(value, random) => { value, strategy, description }`. Draw
   * any randomness from `random` (the fault's own seeded stream) so runs replay.
   * @defaultValue {@link defaultHallucinator}: a strategy per type (strings, numbers,
   *   booleans, arrays, plain objects)
   */
  readonly hallucinate?: Hallucinator;
  /**
   * The kinds of error allowed, one or several: `'number'`, `'entity'`, `'claim'`,
   * `'negate'`, `'date'`, `'drop'`, `'duplicate'` (see {@link HallucinationStrategy}).
   * The error is one of them, found wherever it applies inside the value; a value none
   * applies to is returned unchanged (and the event says so). Passed on to a custom
   * `hallucinate` as its third argument.
   * @defaultValue any that fits the value, chosen from the seeded stream
   * @example `injectHallucination({ strategy: 'number' })` — only numbers come out wrong
   */
  readonly strategy?: HallucinationStrategy | readonly HallucinationStrategy[];
}

const CHECKS = { ...INJECTOR_CHECKS, ...faultOptionChecks('hallucination') };

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Makes an agent step return a plausible but wrong value: when the fault fires, the
 * step runs and its result is replaced (for a Promise or other thenable, the resolved
 * value is). A sync function stays sync; a step that throws is left alone.
 *
 * The fault event carries the strategy, a description, and the value before and after.
 *
 * @param options - `probability` (default: the active config's
 *   `hallucinationProbability`), `target`, `hallucinate`, `strategy`
 * @throws `TypeError` at once when an option is invalid or unknown
 * @example
 * ```ts
 * const summarize = injectHallucination({ probability: 0.1 })(llmSummarize);
 * ```
 */
export function injectHallucination(options: HallucinationOptions = {}): SyncFaultInjector {
  const settings = checkOptions(options, CHECKS, 'injectHallucination') as InjectorOptions & HallucinationSettings;
  const { probability } = settings;
  return createInjector('injectHallucination', options, false, (fn, target, tags) => {
    const site = createSite('hallucination', target, tags);
    const streamOf = createStreamCache((runtime) => runtime.stream(site.label));
    const isAsync = isAsyncFunction(fn);
    return function hallucinationInjected(this: unknown): unknown {
      const runtime = currentChaos();
      if (!runtime.config.enabled) return Reflect.apply(fn, this, arguments);
      // Automatic recovery detection: the detector re-enters this function to watch the call.
      const detector = observing(runtime, hallucinationInjected, target);
      if (detector) return detector.observe(runtime, target, hallucinationInjected, this, arguments);
      const decision = decide(runtime, site, streamOf(runtime), probability ?? runtime.config.hallucinationProbability);
      if (decision === undefined) return Reflect.apply(fn, this, arguments);
      const result: unknown = Reflect.apply(fn, this, arguments);
      if (isAsync || isThenable(result)) {
        return Promise.resolve(result).then((value) => hallucinateValue(runtime, site, decision, settings, value));
      }
      return hallucinateValue(runtime, site, decision, settings, result);
    };
  }) as SyncFaultInjector;
}

import { currentChaos } from '@chaos/config';
import type { InjectorOptions, SyncFaultInjector } from './FaultInjector.js';
import { createInjector, isAsyncFunction } from './_internals/createInjector.js';
import { hallucinateValue } from './_internals/effects.js';
import { createSite, createStreamCache, decide } from './_internals/site.js';
import { checkFunction, checkKnownKeys, checkProbability, checkTarget } from './_internals/validate.js';
import type { Hallucinator } from './hallucination/hallucinate.js';

/** Options of {@link injectHallucination}. */
export interface HallucinationOptions extends InjectorOptions {
  /**
   * Makes the wrong value: `(value, random) => { value, strategy, description }`. Draw
   * any randomness from `random` (the fault's own seeded stream) so runs replay.
   * @defaultValue {@link defaultHallucinator}: a strategy per type (strings, numbers,
   *   booleans, arrays, plain objects)
   */
  readonly hallucinate?: Hallucinator;
}

const KEYS: readonly string[] = ['probability', 'target', 'hallucinate'];

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
 *   `hallucinationProbability`), `target`, `hallucinate`
 * @throws `TypeError` at once when an option is invalid or unknown
 * @example
 * ```ts
 * const summarize = injectHallucination({ probability: 0.1 })(llmSummarize);
 * ```
 */
export function injectHallucination(options: HallucinationOptions = {}): SyncFaultInjector {
  checkKnownKeys(options, KEYS, 'injectHallucination');
  const probability = checkProbability('probability', options.probability);
  const targetOption = checkTarget('target', options.target);
  const hallucinate = checkFunction<Hallucinator>('hallucinate', options.hallucinate);
  return createInjector('injectHallucination', targetOption, false, (fn, target) => {
    const site = createSite('hallucination', target);
    const streamOf = createStreamCache((runtime) => runtime.stream(site.label));
    const isAsync = isAsyncFunction(fn);
    return function hallucinationInjected(this: unknown): unknown {
      const runtime = currentChaos();
      if (!runtime.config.enabled) return Reflect.apply(fn, this, arguments);
      const decision = decide(runtime, site, streamOf(runtime), probability ?? runtime.config.hallucinationProbability);
      if (decision === undefined) return Reflect.apply(fn, this, arguments);
      const result: unknown = Reflect.apply(fn, this, arguments);
      if (isAsync || isThenable(result)) {
        return Promise.resolve(result).then((value) => hallucinateValue(runtime, site, decision, hallucinate, value));
      }
      return hallucinateValue(runtime, site, decision, hallucinate, result);
    };
  }) as SyncFaultInjector;
}

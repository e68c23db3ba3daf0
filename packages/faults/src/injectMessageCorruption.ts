import { type Corruptor, checkOptions, currentChaos, faultOptionChecks } from '@chaos/config';
import type { InjectorOptions, SyncFaultInjector } from './FaultInjector.js';
import { createInjector, isAsyncFunction } from './_internals/createInjector.js';
import { type CorruptionSettings, corruptArguments } from './_internals/effects.js';
import { createSite, createStreamCache, decide, observing } from './_internals/site.js';
import { INJECTOR_CHECKS } from './_internals/validate.js';

/** Options of {@link injectMessageCorruption}. */
export interface MessageCorruptionOptions extends InjectorOptions {
  /**
   * Dotted paths of the fields to damage (`'payload.items'`).
   * @defaultValue `[]`: the corruptor picks the fields itself
   */
  readonly fields?: readonly string[];
  /**
   * Which argument is the message.
   * @defaultValue `0`
   */
  readonly argIndex?: number;
  /**
   * Damages a message: `(message, fields, random) => { message, changes }`. Must work on
   * a deep copy and never mutate `message`.
   * @defaultValue {@link defaultCorruptor}: characters flipped, truncated, wrong type, null, field dropped
   */
  readonly corrupt?: Corruptor;
}

const CHECKS = { ...INJECTOR_CHECKS, ...faultOptionChecks('corruption') };

/**
 * Corrupts a message in transit: when the fault fires, the step is called with a
 * damaged deep copy of its message argument in place of the original (the caller's
 * object is never mutated). A sync function stays sync.
 *
 * The fault event lists every field changed, with its value before and after.
 *
 * @param options - `probability` (default: the active config's
 *   `corruptionProbability`), `target`, `fields`, `argIndex`, `corrupt`
 * @throws `TypeError` at once when an option is invalid or unknown
 * @example
 * ```ts
 * const send = injectMessageCorruption({ fields: ['items', 'meta.checksum'], target: 'handoff' })(sendHandoff);
 * ```
 */
export function injectMessageCorruption(options: MessageCorruptionOptions = {}): SyncFaultInjector {
  const settings = checkOptions(options, CHECKS, 'injectMessageCorruption') as MessageCorruptionOptions & CorruptionSettings;
  const { probability } = settings;
  return createInjector('injectMessageCorruption', options, false, (fn, target, tags) => {
    const site = createSite('corruption', target, tags);
    const streamOf = createStreamCache((runtime) => runtime.stream(site.label));
    const isAsync = isAsyncFunction(fn);
    return function corruptionInjected(this: unknown): unknown {
      const runtime = currentChaos();
      if (!runtime.config.enabled) return Reflect.apply(fn, this, arguments);
      // Automatic recovery detection: the detector re-enters this function to watch the call.
      const detector = observing(runtime, corruptionInjected, target);
      if (detector) return detector.observe(runtime, target, corruptionInjected, this, arguments);
      const decision = decide(runtime, site, streamOf(runtime), probability ?? runtime.config.corruptionProbability);
      if (decision === undefined) return Reflect.apply(fn, this, arguments);
      const args: unknown[] = Array.prototype.slice.call(arguments);
      try {
        corruptArguments(runtime, site, decision, settings, args);
      } catch (error: unknown) {
        if (isAsync) return Promise.reject(error);
        throw error;
      }
      return fn.apply(this, args);
    };
  }) as SyncFaultInjector;
}

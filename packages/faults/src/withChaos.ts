import { currentChaos } from '@chaos/config';
import type { AsyncFaultInjector } from './FaultInjector.js';
import { applyFaults, createAllFaults } from './_internals/allFaults.js';
import { createInjector, isAsyncFunction } from './_internals/createInjector.js';
import { decided, observing } from './_internals/site.js';
import { type WithChaosOptions, parseWithChaosOptions } from './withChaosOptions.js';

export type { WithChaosOptions } from './withChaosOptions.js';

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
  const settings = parseWithChaosOptions(options);
  // Read once here, not on each call.
  const { corruptionProb, crashProb, timeoutProb, delayProb, hallucinationProb } = settings;
  return createInjector('withChaos', options, true, (fn, target, tags) => {
    const faults = createAllFaults(target, tags);
    const streamsOf = faults.streamsOf;
    const isAsync = isAsyncFunction(fn);
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
        // Written out (not a loop over the five) to keep this per-call path allocation-free.
        const corruption = decided(planned ? plan.take('corruption', target) : undefined, streams.corruption.next(), corruptionProb ?? config.corruptionProbability);
        const crash = decided(planned ? plan.take('crash', target) : undefined, streams.crash.next(), crashProb ?? config.crashProbability);
        const timeout = decided(planned ? plan.take('timeout', target) : undefined, streams.timeout.next(), timeoutProb ?? config.timeoutProbability);
        const delay = decided(planned ? plan.take('delay', target) : undefined, streams.delay.next(), delayProb ?? config.delayProbability);
        const hallucination = decided(
          planned ? plan.take('hallucination', target) : undefined,
          streams.hallucination.next(),
          hallucinationProb ?? config.hallucinationProbability,
        );
        if (corruption !== undefined || crash !== undefined || timeout !== undefined || delay !== undefined || hallucination !== undefined) {
          const decisions = { corruption, crash, timeout, delay, hallucination };
          return applyFaults(runtime, faults, settings, decisions, fn, this, Array.prototype.slice.call(arguments));
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

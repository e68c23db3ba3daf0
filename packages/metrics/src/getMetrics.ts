import { ResilienceMetrics } from './ResilienceMetrics.js';

let processMetrics: ResilienceMetrics | undefined;

/**
 * The process-wide {@link ResilienceMetrics}, made on first use with the default
 * options (its times come from the active scope's clock). When it is made it starts
 * listening to the process-wide fault events (`listen()`): every fault fired outside a
 * chaos scope — or in a runtime without a sink of its own — is recorded, so
 * `getMetrics().measureRecovery(target, 'default', 'crash', fn)` measures from the
 * crash an injector just threw. `reset()` keeps it listening; `stopListening()` opts
 * out. Call `reset()` between experiments, or make your own instance per campaign
 * (which listens to nothing unless told).
 *
 * Importing the package does nothing: the instance and its subscription are made by the
 * first call.
 *
 * @example
 * ```ts
 * const step = injectCrash({ probability: 1, target: 'product' })(upload);
 * try { step(item); } catch { await getMetrics().measureRecovery('product', 'default', 'crash', restart); }
 * ```
 */
export function getMetrics(): ResilienceMetrics {
  if (processMetrics === undefined) {
    processMetrics = new ResilienceMetrics();
    processMetrics.listen();
  }
  return processMetrics;
}

import { ResilienceMetrics } from './ResilienceMetrics.js';

let processMetrics: ResilienceMetrics | undefined;

/**
 * The process-wide {@link ResilienceMetrics}, made on first use with the default
 * options (its times come from the active scope's clock). Call `reset()` on it between
 * experiments, or make your own instance per campaign.
 *
 * @example
 * ```ts
 * getMetrics().recordFailure({ agentId: 'product', threadId: 't-1', faultType: 'crash' });
 * ```
 */
export function getMetrics(): ResilienceMetrics {
  processMetrics ??= new ResilienceMetrics();
  return processMetrics;
}

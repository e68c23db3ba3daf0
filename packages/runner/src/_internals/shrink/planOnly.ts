import type { SoakConfig } from '../../types.js';

/**
 * The campaign's settings with every fault probability at 0: what a replay of a plan of
 * pinned faults runs with, so only the plan's faults fire (delays and hangs keep the
 * durations the settings give, for rules that do not pin their own). `config` is the
 * run's, already checked by `resolveRunSettings`.
 */
export function planOnlyConfig(config: SoakConfig | undefined): SoakConfig {
  return {
    ...config,
    crashProbability: 0,
    delayProbability: 0,
    timeoutProbability: 0,
    hallucinationProbability: 0,
    corruptionProbability: 0,
  };
}

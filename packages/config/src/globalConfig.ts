import { type ChaosConfig, loadConfigFromEnv, mergeConfig } from './ChaosConfig.js';

let current: ChaosConfig | undefined;
// The one listener: the default runtime of `scope.ts`.
let listener: ((config: ChaosConfig) => void) | undefined;

/**
 * The process-wide config. The environment is read on first use (not at import), so
 * importing the package has no side effects.
 *
 * @throws {@link ChaosConfigError} on first use when a `CHAOS_*` variable is invalid
 */
export function getChaosConfig(): ChaosConfig {
  current ??= loadConfigFromEnv();
  return current;
}

/**
 * Changes the process-wide config. Fields left out keep their value; the whole change
 * is validated before any of it applies.
 *
 * @throws {@link ChaosConfigError} naming the first invalid option
 * @example
 * ```ts
 * configureChaos({ enabled: true, crashProbability: 0.3, randomSeed: 'exp-1' });
 * ```
 */
export function configureChaos(partial: Partial<ChaosConfig>): ChaosConfig {
  return setConfig(mergeConfig(getChaosConfig(), partial));
}

/** Turns chaos on process-wide. */
export function enableChaos(): ChaosConfig {
  return configureChaos({ enabled: true });
}

/** Turns chaos off process-wide: every injector calls straight through. */
export function disableChaos(): ChaosConfig {
  return configureChaos({ enabled: false });
}

/** Forgets every change and reads the environment again. */
export function resetChaosConfig(): ChaosConfig {
  return setConfig(loadConfigFromEnv());
}

function setConfig(config: ChaosConfig): ChaosConfig {
  current = config;
  listener?.(config);
  return config;
}

/** @internal Lets the default runtime follow process-wide changes without polling (one listener). */
export function onGlobalConfigChange(onChange: (config: ChaosConfig) => void): void {
  listener = onChange;
}

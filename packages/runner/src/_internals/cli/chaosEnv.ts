import { CHAOS_ENV_VARIABLES, type ChaosConfig, isChaosConfigError, loadConfigFromEnv } from '@chaos/config';
import type { SoakConfig } from '../../types.js';
import { note, UsageError, type CliIO } from './usage.js';

/** What the `CHAOS_*` variables of the environment ask of a campaign. */
export interface CampaignEnvironment {
  /** Each known variable that is set, as `NAME → value` (what a replay or resume must repeat). */
  readonly assignments: Readonly<Record<string, string>>;
  /** The fault settings the variables set, applied to every run; `undefined` when none is set. */
  readonly faults: SoakConfig | undefined;
  /** `CHAOS_RANDOM_SEED`: the campaign seed when `--seed` is not given. */
  readonly seed: string | undefined;
  /** `CHAOS_*` variables that are no setting of ours (a typo?). */
  readonly unknown: readonly string[];
}

/** The config's variables, and the runner's own: the default Redis of `--backend bullmq` and `chaos worker`. */
const KNOWN = new Set([...Object.values(CHAOS_ENV_VARIABLES), 'CHAOS_REDIS_URL']);

/**
 * Reads and validates every `CHAOS_*` variable for `chaos run` and `chaos replay`.
 *
 * - a fault setting (`CHAOS_*_PROBABILITY`, `CHAOS_DELAY_MS`, `CHAOS_TIMEOUT_SECONDS`)
 *   that is set applies to every run, on top of each scenario's fault plan;
 * - `CHAOS_RANDOM_SEED` is the campaign seed unless `--seed` is given;
 * - `CHAOS_ENABLED` may be true (every run of a campaign injects its faults); false
 *   contradicts running a campaign and is refused rather than ignored.
 *
 * @throws {@link UsageError} naming the variable, its value and what is allowed
 */
export function readCampaignEnvironment(env: Readonly<Record<string, string | undefined>>): CampaignEnvironment {
  let config: ChaosConfig;
  try {
    config = loadConfigFromEnv(env);
  } catch (error: unknown) {
    if (isChaosConfigError(error)) throw new UsageError(error.message);
    throw error;
  }
  if (env[CHAOS_ENV_VARIABLES.enabled] !== undefined && !config.enabled) {
    throw new UsageError(
      `${CHAOS_ENV_VARIABLES.enabled}=${JSON.stringify(env[CHAOS_ENV_VARIABLES.enabled])} switches fault injection off, but every run of a campaign injects faults: unset it (or set it to true)`,
    );
  }
  const assignments: Record<string, string> = {};
  const faults: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(CHAOS_ENV_VARIABLES) as [keyof ChaosConfig, string][]) {
    const raw = env[variable];
    if (raw === undefined) continue;
    assignments[variable] = raw.trim();
    if (key !== 'enabled' && key !== 'randomSeed') faults[key] = config[key];
  }
  const unknown = Object.keys(env)
    .filter((name) => name.startsWith('CHAOS_') && !KNOWN.has(name))
    .sort();
  return {
    assignments,
    faults: Object.keys(faults).length === 0 ? undefined : (Object.freeze(faults) as SoakConfig),
    seed: config.randomSeed,
    unknown,
  };
}

/** Warns, on stderr, about each `CHAOS_` variable that is no setting. */
function warnUnknownVariables(io: CliIO, env: CampaignEnvironment): void {
  for (const name of env.unknown) note(io, `${name} is not a chaos setting and has no effect (a typo?)`);
}

/**
 * {@link readCampaignEnvironment}, then a warning on stderr for each `CHAOS_` variable
 * that is no setting: how every command that runs scenarios starts.
 *
 * @throws {@link UsageError} as {@link readCampaignEnvironment}
 */
export function readEnvironmentWarning(io: CliIO, processEnv: Readonly<Record<string, string | undefined>>): CampaignEnvironment {
  const env = readCampaignEnvironment(processEnv);
  warnUnknownVariables(io, env);
  return env;
}

/**
 * The seed of the campaign a run is named in (`chaos replay`, `chaos shrink`): `--seed`,
 * else `CHAOS_RANDOM_SEED`.
 *
 * @throws {@link UsageError} when neither is given: without it the run is not named
 */
export function requiredCampaignSeed(seed: string | undefined, env: CampaignEnvironment): string {
  const found = seed ?? env.seed;
  if (found === undefined) throw new UsageError("required option '--seed <seed>' not specified (or set CHAOS_RANDOM_SEED)");
  return found;
}

/** `Settings from the environment: NAME=value, …` and a newline, or nothing when none is set. */
export function environmentLine(env: CampaignEnvironment): string {
  const assignments = Object.entries(env.assignments);
  return assignments.length === 0 ? '' : `Settings from the environment: ${assignments.map(([k, v]) => `${k}=${v}`).join(', ')}\n`;
}

/** The help text of the variables above, after the options of `chaos run` and `chaos replay`. */
export const ENVIRONMENT_HELP = `
Environment (checked before anything runs; a bad value is exit 2):
  CHAOS_*_PROBABILITY, CHAOS_DELAY_MS, CHAOS_TIMEOUT_SECONDS
                      fault settings applied to every run, on top of each scenario's plan
  CHAOS_RANDOM_SEED   the campaign seed when --seed is not given
  CHAOS_ENABLED       may be true; false is refused (a campaign injects faults)`;

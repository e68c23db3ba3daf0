import { ChaosConfigError } from './ChaosConfigError.js';
import { OPTION_CHECKS, type OptionCheck } from './options.js';

/**
 * The chaos configuration. Every probability is in [0, 1]; durations are
 * non-negative. Read from `CHAOS_*` variables by {@link loadConfigFromEnv}.
 */
export interface ChaosConfig {
  /**
   * Global switch. While false, every injector calls the wrapped function directly.
   * @defaultValue `false` (`CHAOS_ENABLED`)
   */
  readonly enabled: boolean;
  /** @defaultValue `0.1` (`CHAOS_CRASH_PROBABILITY`) */
  readonly crashProbability: number;
  /** How long an injected delay lasts, in milliseconds. @defaultValue `500` (`CHAOS_DELAY_MS`) */
  readonly delayMs: number;
  /** @defaultValue `0.2` (`CHAOS_DELAY_PROBABILITY`) */
  readonly delayProbability: number;
  /** How long an unresponsive agent hangs, in seconds. @defaultValue `30` (`CHAOS_TIMEOUT_SECONDS`) */
  readonly timeoutSeconds: number;
  /** @defaultValue `0.1` (`CHAOS_TIMEOUT_PROBABILITY`) */
  readonly timeoutProbability: number;
  /** @defaultValue `0.1` (`CHAOS_HALLUCINATION_PROBABILITY`) */
  readonly hallucinationProbability: number;
  /** @defaultValue `0.1` (`CHAOS_CORRUPTION_PROBABILITY`) */
  readonly corruptionProbability: number;
  /**
   * Seed of the process-wide random stream; unset means a fresh seed per process
   * (reported, so the process can still be replayed).
   * @defaultValue `undefined` (`CHAOS_RANDOM_SEED`)
   */
  readonly randomSeed: string | undefined;
}

/** The defaults, as documented in the table of the package README. */
export const DEFAULT_CHAOS_CONFIG: ChaosConfig = Object.freeze({
  enabled: false,
  crashProbability: 0.1,
  delayMs: 500,
  delayProbability: 0.2,
  timeoutSeconds: 30,
  timeoutProbability: 0.1,
  hallucinationProbability: 0.1,
  corruptionProbability: 0.1,
  randomSeed: undefined,
});

type SettingKind = 'boolean' | 'probability' | 'duration' | 'seed';

const KINDS: Readonly<Record<keyof ChaosConfig, SettingKind>> = {
  enabled: 'boolean',
  crashProbability: 'probability',
  delayMs: 'duration',
  delayProbability: 'probability',
  timeoutSeconds: 'duration',
  timeoutProbability: 'probability',
  hallucinationProbability: 'probability',
  corruptionProbability: 'probability',
  randomSeed: 'seed',
};

/**
 * Each config key with its environment variable: `CHAOS_` and the key in upper snake
 * case (`crashProbability` -> `CHAOS_CRASH_PROBABILITY`). Derived from the keys rather
 * than written out, to keep the bundle an agent author ships small.
 */
export const CHAOS_ENV_VARIABLES: Readonly<Record<keyof ChaosConfig, string>> = Object.freeze(
  Object.fromEntries(Object.keys(KINDS).map((key) => [key, `CHAOS_${key.replace(/[A-Z]/g, '_$&').toUpperCase()}`])) as Record<keyof ChaosConfig, string>,
);

/** The words of a boolean setting, in pairs: `true` at even places, `false` at odd ones. */
const BOOLEAN_WORDS = ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'];

/** What each kind of setting accepts, as options anywhere in the toolkit are checked. */
const CHECKS: Readonly<Record<SettingKind, OptionCheck>> = {
  boolean: [(value) => typeof value === 'boolean', `a boolean (${BOOLEAN_WORDS.join('/')}, case-insensitive)`],
  probability: OPTION_CHECKS.probability,
  duration: OPTION_CHECKS.duration,
  seed: [(value) => value === undefined || (typeof value === 'string' && value.trim() !== ''), 'a non-empty string'],
};

// A number as people write it in an environment: no hex, no `Infinity`, no blanks.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses the `CHAOS_*` variables of `env` into a full config. An unset variable takes
 * its default; a set one that does not parse (an empty string included) is an error,
 * never a silent fallback.
 *
 * @param env - the environment to read; `process.env` by default
 * @throws {@link ChaosConfigError} naming the variable, the value and what is allowed
 * @example
 * ```ts
 * loadConfigFromEnv({ CHAOS_ENABLED: 'yes', CHAOS_CRASH_PROBABILITY: '0.25' });
 * ```
 */
export function loadConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): ChaosConfig {
  const config: Record<string, unknown> = { ...DEFAULT_CHAOS_CONFIG };
  for (const key of Object.keys(CHAOS_ENV_VARIABLES) as (keyof ChaosConfig)[]) {
    const variable = CHAOS_ENV_VARIABLES[key];
    const raw = env[variable];
    if (raw === undefined) continue;
    config[key] = parseEnvValue(variable, KINDS[key], raw);
  }
  return Object.freeze(config) as unknown as ChaosConfig;
}

function parseEnvValue(variable: string, kind: SettingKind, raw: string): unknown {
  const text = raw.trim();
  const fail = (): never => {
    throw new ChaosConfigError({ setting: variable, value: raw, expected: CHECKS[kind][1] });
  };
  switch (kind) {
    case 'boolean': {
      const at = BOOLEAN_WORDS.indexOf(text.toLowerCase());
      return at < 0 ? fail() : at % 2 === 0;
    }
    case 'seed':
      return text === '' ? fail() : text;
    case 'probability':
    case 'duration': {
      if (!DECIMAL.test(text)) return fail();
      const value = Number(text);
      return isValid(kind, value) ? value : fail();
    }
  }
}

function isValid(kind: SettingKind, value: unknown): boolean {
  return CHECKS[kind][0](value);
}

/**
 * Checks a partial config given in code. Unknown keys are rejected too, so a typo
 * (`crashProb`) is an error rather than a silently ignored setting.
 *
 * @throws {@link ChaosConfigError} naming the option, the value and what is allowed
 */
export function validateConfig(partial: Partial<ChaosConfig>): Partial<ChaosConfig> {
  if (typeof partial !== 'object' || partial === null) {
    throw new ChaosConfigError({ setting: 'config', value: partial, expected: 'an object' });
  }
  for (const [key, value] of Object.entries(partial)) {
    const kind = (KINDS as Record<string, SettingKind | undefined>)[key];
    if (kind === undefined) {
      throw new ChaosConfigError({
        setting: key,
        value,
        expected: `a known option (${Object.keys(KINDS).join(', ')})`,
      });
    }
    if (value === undefined && kind !== 'seed') continue;
    if (!isValid(kind, value)) throw new ChaosConfigError({ setting: key, value, expected: CHECKS[kind][1] });
  }
  return partial;
}

/** Returns `base` with the defined fields of `partial` applied, validated and frozen. */
export function mergeConfig(base: ChaosConfig, partial: Partial<ChaosConfig>): ChaosConfig {
  validateConfig(partial);
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(partial)) {
    if (value !== undefined || key === 'randomSeed') merged[key] = value;
  }
  return Object.freeze(merged) as unknown as ChaosConfig;
}

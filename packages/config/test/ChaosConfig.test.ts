import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CHAOS_ENV_VARIABLES,
  ChaosConfigError,
  DEFAULT_CHAOS_CONFIG,
  configureChaos,
  disableChaos,
  enableChaos,
  getChaosConfig,
  isChaosConfigError,
  isChaosError,
  loadConfigFromEnv,
  resetChaosConfig,
  validateConfig,
} from '../src/index.js';

function configError(fn: () => unknown): ChaosConfigError {
  try {
    fn();
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(ChaosConfigError);
    return error as ChaosConfigError;
  }
  throw new Error('expected a ChaosConfigError, nothing was thrown');
}

describe('loadConfigFromEnv', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(loadConfigFromEnv({})).toEqual({
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
    expect(loadConfigFromEnv({})).toEqual(DEFAULT_CHAOS_CONFIG);
  });

  it('reads all nine CHAOS_* variables', () => {
    const config = loadConfigFromEnv({
      CHAOS_ENABLED: 'true',
      CHAOS_CRASH_PROBABILITY: '0.25',
      CHAOS_DELAY_MS: '1500',
      CHAOS_DELAY_PROBABILITY: '1',
      CHAOS_TIMEOUT_SECONDS: '2.5',
      CHAOS_TIMEOUT_PROBABILITY: '0',
      CHAOS_HALLUCINATION_PROBABILITY: '.5',
      CHAOS_CORRUPTION_PROBABILITY: '1e-2',
      CHAOS_RANDOM_SEED: ' campaign-7 ',
    });
    expect(config).toEqual({
      enabled: true,
      crashProbability: 0.25,
      delayMs: 1500,
      delayProbability: 1,
      timeoutSeconds: 2.5,
      timeoutProbability: 0,
      hallucinationProbability: 0.5,
      corruptionProbability: 0.01,
      randomSeed: 'campaign-7',
    });
    expect(Object.keys(CHAOS_ENV_VARIABLES)).toHaveLength(9);
  });

  it('names each setting’s variable as the README table does', () => {
    expect(CHAOS_ENV_VARIABLES).toEqual({
      enabled: 'CHAOS_ENABLED',
      crashProbability: 'CHAOS_CRASH_PROBABILITY',
      delayMs: 'CHAOS_DELAY_MS',
      delayProbability: 'CHAOS_DELAY_PROBABILITY',
      timeoutSeconds: 'CHAOS_TIMEOUT_SECONDS',
      timeoutProbability: 'CHAOS_TIMEOUT_PROBABILITY',
      hallucinationProbability: 'CHAOS_HALLUCINATION_PROBABILITY',
      corruptionProbability: 'CHAOS_CORRUPTION_PROBABILITY',
      randomSeed: 'CHAOS_RANDOM_SEED',
    });
    expect(Object.isFrozen(CHAOS_ENV_VARIABLES)).toBe(true);
  });

  it.each([
    ['true', true], ['TRUE', true], ['1', true], ['yes', true], ['Yes', true], ['on', true],
    ['false', false], ['False', false], ['0', false], ['no', false], ['NO', false], ['off', false],
  ])('reads CHAOS_ENABLED=%j as %s', (raw, expected) => {
    expect(loadConfigFromEnv({ CHAOS_ENABLED: raw }).enabled).toBe(expected);
  });

  it.each([
    ['CHAOS_ENABLED', 'maybe', 'a boolean'],
    ['CHAOS_ENABLED', '', 'a boolean'],
    ['CHAOS_CRASH_PROBABILITY', '1.5', 'a number in [0, 1]'],
    ['CHAOS_CRASH_PROBABILITY', '-0.1', 'a number in [0, 1]'],
    ['CHAOS_DELAY_PROBABILITY', 'abc', 'a number in [0, 1]'],
    ['CHAOS_HALLUCINATION_PROBABILITY', '', 'a number in [0, 1]'],
    ['CHAOS_CORRUPTION_PROBABILITY', 'NaN', 'a number in [0, 1]'],
    ['CHAOS_DELAY_MS', '-5', 'a finite number >= 0'],
    ['CHAOS_DELAY_MS', '10ms', 'a finite number >= 0'],
    ['CHAOS_DELAY_MS', '0x10', 'a finite number >= 0'],
    ['CHAOS_TIMEOUT_SECONDS', 'Infinity', 'a finite number >= 0'],
    ['CHAOS_TIMEOUT_PROBABILITY', '1e400', 'a number in [0, 1]'],
    ['CHAOS_RANDOM_SEED', '', 'a non-empty string'],
    ['CHAOS_RANDOM_SEED', '   ', 'a non-empty string'],
  ])('rejects %s=%j, naming the variable, the value and what is allowed', (variable, raw, expected) => {
    const error = configError(() => loadConfigFromEnv({ [variable]: raw }));
    expect(error.message).toBe(`${variable}=${JSON.stringify(raw)} must be ${error.expected}`);
    expect(error.expected).toContain(expected);
    expect(error.setting).toBe(variable);
    expect(error.value).toBe(raw);
    expect(error.code).toBe('CHAOS_CONFIG');
    expect(isChaosConfigError(error)).toBe(true);
    expect(isChaosError(error)).toBe(true);
  });

  it('reports the example from the design in its exact words', () => {
    expect(() => loadConfigFromEnv({ CHAOS_CRASH_PROBABILITY: '1.5' })).toThrow(
      'CHAOS_CRASH_PROBABILITY="1.5" must be a number in [0, 1]',
    );
  });

  it('ignores variables outside its prefix list', () => {
    expect(loadConfigFromEnv({ CHAOS_UNKNOWN: 'x', PATH: '/bin' })).toEqual(DEFAULT_CHAOS_CONFIG);
  });
});

describe('validateConfig', () => {
  it.each([
    [{ crashProbability: 2 }, 'crashProbability=2 must be a number in [0, 1]'],
    [{ delayMs: -1 }, 'delayMs=-1 must be a finite number >= 0'],
    [{ timeoutSeconds: Number.NaN }, 'timeoutSeconds=NaN must be a finite number >= 0'],
    [{ enabled: 'yes' }, 'enabled="yes" must be a boolean'],
    [{ randomSeed: '' }, 'randomSeed="" must be a non-empty string'],
  ])('rejects %j with a message naming the option', (partial, message) => {
    expect(() => validateConfig(partial as never)).toThrow(message);
  });

  it('rejects an unknown option instead of ignoring a typo', () => {
    const error = configError(() => validateConfig({ crashProb: 0.2 } as never));
    expect(error.message).toContain('crashProb=0.2 must be a known option');
    expect(error.message).toContain('crashProbability');
  });
});

describe('process-wide config', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetChaosConfig();
  });

  it('reads the environment on first use, not at import', async () => {
    vi.resetModules();
    const fresh = await import('../src/index.js');
    vi.stubEnv('CHAOS_ENABLED', 'yes');
    vi.stubEnv('CHAOS_DELAY_MS', '42');
    expect(fresh.getChaosConfig()).toMatchObject({ enabled: true, delayMs: 42 });
  });

  it('fails loudly on first use when the environment is invalid', async () => {
    vi.resetModules();
    const fresh = await import('../src/index.js');
    vi.stubEnv('CHAOS_CRASH_PROBABILITY', 'lots');
    expect(() => fresh.getChaosConfig()).toThrow('CHAOS_CRASH_PROBABILITY="lots" must be a number in [0, 1]');
  });

  it('enables, disables and configures, validating the whole change first', () => {
    vi.stubEnv('CHAOS_ENABLED', 'false');
    resetChaosConfig();
    expect(enableChaos().enabled).toBe(true);
    expect(disableChaos().enabled).toBe(false);
    configureChaos({ crashProbability: 0.5, delayMs: 10 });
    expect(() => configureChaos({ delayMs: 20, crashProbability: 7 })).toThrow(ChaosConfigError);
    // Nothing of the rejected change applied.
    expect(getChaosConfig()).toMatchObject({ crashProbability: 0.5, delayMs: 10 });
  });

  it('forgets every change on reset and reads the environment again', () => {
    configureChaos({ enabled: true, randomSeed: 'x' });
    vi.stubEnv('CHAOS_TIMEOUT_SECONDS', '3');
    const config = resetChaosConfig();
    expect(config).toMatchObject({ enabled: false, randomSeed: undefined, timeoutSeconds: 3 });
  });

  it('hands out frozen configs', () => {
    expect(Object.isFrozen(getChaosConfig())).toBe(true);
  });
});

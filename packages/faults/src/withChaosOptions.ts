import { type Corruptor, type HallucinationStrategy, type Hallucinator, OPTION_CHECKS, type Tags, checkOptions, faultOptionChecks, strategyCheck } from '@chaos/config';
import type { SignalSource } from './FaultInjector.js';
import type { CorruptionSettings, DelaySettings, HallucinationSettings } from './_internals/effects.js';
import { SIGNAL } from './_internals/validate.js';

/**
 * Options of {@link withChaos}. Each probability left out is read from the active
 * config at each call (`crashProb` from `crashProbability`, …); set one to `0` to
 * leave that fault out (plan rules still fire it).
 */
export interface WithChaosOptions {
  /** @defaultValue the active config's `corruptionProbability` */
  readonly corruptionProb?: number;
  /** @defaultValue the active config's `crashProbability` */
  readonly crashProb?: number;
  /** @defaultValue the active config's `timeoutProbability` */
  readonly timeoutProb?: number;
  /** @defaultValue the active config's `delayProbability` */
  readonly delayProb?: number;
  /** @defaultValue the active config's `hallucinationProbability` */
  readonly hallucinationProb?: number;
  /** Delay length in ms. @defaultValue the active config's `delayMs` */
  readonly delayMs?: number;
  /** Delay spread: `delayMs ± jitterMs`. @defaultValue `0` */
  readonly jitterMs?: number;
  /** Hang length in seconds. @defaultValue the active config's `timeoutSeconds` */
  readonly timeoutSeconds?: number;
  /** Dotted paths of the message fields to corrupt. @defaultValue `[]` (the corruptor picks) */
  readonly fields?: readonly string[];
  /** Which argument is the message. @defaultValue `0` */
  readonly argIndex?: number;
  /** Custom corruptor. @defaultValue `defaultCorruptor` */
  readonly corrupt?: Corruptor;
  /** Custom hallucinator. @defaultValue `defaultHallucinator` */
  readonly hallucinate?: Hallucinator;
  /** The kinds of hallucination allowed: `strategy` of {@link injectHallucination}. @defaultValue any */
  readonly hallucinationStrategy?: HallucinationStrategy | readonly HallucinationStrategy[];
  /**
   * Ends a delay or a hang early (the call rejects with `signal.reason`).
   * @defaultValue the `signal` of a last argument shaped `{ signal: AbortSignal }`
   */
  readonly signal?: SignalSource;
  /**
   * Target of all five faults. @defaultValue the method or function name, else `'anonymous'`
   */
  readonly target?: string;
  /** Tags carried by every fault fired here (see `InjectorOptions.tags`). @defaultValue none */
  readonly tags?: Tags;
}

const { probability, any } = OPTION_CHECKS;

/** The checks of each option, in the order messages list them. */
const CHECKS = {
  corruptionProb: probability,
  crashProb: probability,
  timeoutProb: probability,
  delayProb: probability,
  hallucinationProb: probability,
  ...faultOptionChecks('delay'),
  ...faultOptionChecks('timeout'),
  ...faultOptionChecks('corruption'),
  hallucinate: OPTION_CHECKS.function,
  hallucinationStrategy: strategyCheck,
  signal: SIGNAL,
  target: any,
  tags: any,
};

/**
 * The options of {@link withChaos}, checked: what the wrapper holds. The delay's and the
 * corruption's settings are the options themselves (same names).
 */
export interface WithChaosSettings extends WithChaosOptions, DelaySettings, CorruptionSettings {
  readonly hallucination: HallucinationSettings;
}

/**
 * Checks the options of {@link withChaos}: each fault's settings as its own injector
 * checks them.
 *
 * @throws `TypeError` naming the option when one is invalid or unknown
 */
export function parseWithChaosOptions(options: WithChaosOptions): WithChaosSettings {
  const checked = checkOptions(options, CHECKS, 'withChaos') as WithChaosOptions & DelaySettings & CorruptionSettings;
  return {
    ...checked,
    hallucination: { hallucinate: checked.hallucinate, strategy: checked.hallucinationStrategy as HallucinationSettings['strategy'] },
  };
}

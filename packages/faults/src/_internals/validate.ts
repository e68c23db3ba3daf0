import { OPTION_CHECKS, type OptionCheck, checkOption, checkOptions } from '@chaos/config';

/*
 * The option checks this package adds to those of `@chaos/config`, and short names for
 * the ones it uses most. Every failure is a `TypeError` that names the option, the
 * value given and what is allowed: ``Expected `probability` to be a number in [0, 1], got `1.5` ``.
 */

export function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function' &&
    typeof (value as AbortSignal).removeEventListener === 'function'
  );
}

/** The `signal` option: an `AbortSignal`, or a function of the call's arguments returning one. */
export const SIGNAL: OptionCheck = [(value) => typeof value === 'function' || isAbortSignal(value), 'an AbortSignal or a function returning one'];

/** The options every injector takes besides its fault's: `probability`, `target`, `tags` (the last two checked by `createInjector`). */
export const INJECTOR_CHECKS = { probability: OPTION_CHECKS.probability, target: OPTION_CHECKS.any, tags: OPTION_CHECKS.any } as const;

export function checkProbability(name: string, value: unknown): number | undefined {
  return checkOption(name, value, OPTION_CHECKS.probability) as number | undefined;
}

export function checkDuration(name: string, value: unknown): number | undefined {
  return checkOption(name, value, OPTION_CHECKS.duration) as number | undefined;
}

export function checkIndex(name: string, value: unknown): number | undefined {
  return checkOption(name, value, OPTION_CHECKS.index) as number | undefined;
}

export function checkTarget(name: string, value: unknown): string | undefined {
  return checkOption(name, value, OPTION_CHECKS.text) as string | undefined;
}

export function checkFunction<F>(name: string, value: unknown): F | undefined {
  return checkOption(name, value, OPTION_CHECKS.function) as F | undefined;
}

/** Rejects keys that are not options of `owner`, so a typo is never silently ignored. */
export function checkKnownKeys(options: unknown, known: readonly string[], owner: string, where = ''): void {
  checkOptions(options, Object.fromEntries(known.map((key) => [key, OPTION_CHECKS.any])), `${owner}${where}`);
}

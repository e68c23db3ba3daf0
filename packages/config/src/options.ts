import { formatValue } from '@chaos/format';
import { invalid } from './_internals/invalid.js';

/*
 * How every option of the toolkit is checked, at once, where it is given: a fault plan
 * rule's options, an injector's, a wrapper's. One wording for all: a typo is an unknown
 * option naming what is allowed, a bad value names the option, the value and what is
 * expected.
 */

/**
 * How one option is checked: a test of a given value (never `undefined`: an option
 * left out is always allowed), what is expected, for the message, and optionally the
 * value as the caller holds it (a frozen copy of a list, repeats dropped).
 */
export type OptionCheck = readonly [test: (value: unknown) => boolean, expected: string, normalize?: (value: unknown) => unknown];

/** How {@link checkOptions} and {@link checkOption} name an option in their messages. */
export interface OptionNaming {
  /** Put before each option's name: `options.` (a plan rule), `rateLimit.` (a wrapper's fault). @defaultValue `''` */
  readonly prefix?: string;
  /** Ends the option's name, with its leading space: ` of fault plan rule "x"`. @defaultValue `''` */
  readonly where?: string;
}

const isDuration = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Checks shared by many options. */
export const OPTION_CHECKS = {
  /** A number in [0, 1]. */
  probability: [(value) => typeof value === 'number' && value >= 0 && value <= 1, 'a number in [0, 1]'],
  /** A finite number >= 0: milliseconds, seconds. */
  duration: [isDuration, 'a finite number >= 0'],
  /** An integer >= 0. */
  index: [(value) => Number.isInteger(value) && (value as number) >= 0, 'an integer >= 0'],
  /** A function. */
  function: [(value) => typeof value === 'function', 'a function'],
  /** A non-empty string: a target, a message. */
  text: [(value) => typeof value === 'string' && value !== '', 'a non-empty string'],
  /** Anything: an option whose value is the caller's own (checked elsewhere, or not at all). */
  any: [() => true, ''],
} as const satisfies Readonly<Record<string, OptionCheck>>;

const quoted = (list: readonly string[]): string => `one of ${list.map((item) => `"${item}"`).join(', ')}`;

/** A check for exactly one of `allowed`. */
export function oneOfCheck(allowed: readonly string[]): OptionCheck {
  return [(value) => allowed.includes(value as string), quoted(allowed)];
}

/** A check for one of `allowed`, or a non-empty array of them; held as a frozen list without repeats. */
export function someOfCheck(allowed: readonly string[]): OptionCheck {
  const listOf = (value: unknown): unknown => (typeof value === 'string' ? [value] : value);
  return [
    (value) => {
      const list = listOf(value);
      return Array.isArray(list) && list.length > 0 && list.every((item) => allowed.includes(item as string));
    },
    `${quoted(allowed)}, or a non-empty array of them`,
    (value) => Object.freeze([...new Set(listOf(value) as string[])]),
  ];
}

/**
 * Checks one option's value.
 *
 * @returns the value as the caller holds it, or `undefined` when it was left out
 * @throws `TypeError`: ``Expected `probability` to be a number in [0, 1], got `1.5` ``
 */
export function checkOption(name: string, value: unknown, [test, expected, normalize]: OptionCheck, naming: OptionNaming = {}): unknown {
  if (value === undefined) return undefined;
  if (!test(value)) throw invalid(`${naming.prefix ?? ''}${name}`, naming.where ?? '', expected, value);
  return normalize ? normalize(value) : value;
}

/**
 * Checks options against `checks`, at once: first that every key is one of them (a
 * typo is never silently ignored), then each value, in the order of `checks`.
 *
 * @param owner - what takes the options, for messages: `injectDelay`, `fault plan rule #1 "delay@product"`
 * @returns the options given (left-out ones absent), as the caller holds them
 * @throws `TypeError` naming the option: ``Unknown option `delayMS` of injectDelay: expected one of `probability`, …``
 * @example
 * ```ts
 * checkOptions({ delayMs: 500 }, { delayMs: OPTION_CHECKS.duration }, 'myStep'); // { delayMs: 500 }
 * ```
 */
export function checkOptions(
  options: unknown,
  checks: Readonly<Record<string, OptionCheck>>,
  owner: string,
  naming: OptionNaming = {},
): Readonly<Record<string, unknown>> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`Expected the options of ${owner} to be an object, got \`${formatValue(options)}\``);
  }
  const known = Object.keys(checks);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`Unknown option \`${key}\` of ${owner}: ${known.length === 0 ? 'it takes none' : `expected one of ${known.map((k) => `\`${k}\``).join(', ')}`}`);
    }
  }
  const checked: Record<string, unknown> = {};
  for (const key of known) {
    const value = checkOption(key, (options as Record<string, unknown>)[key], checks[key] as OptionCheck, naming);
    if (value !== undefined) checked[key] = value;
  }
  return checked;
}

import type { FaultKind } from './faultKinds.js';
import { invalid } from './_internals/invalid.js';
import { OPTION_CHECKS } from './_internals/optionChecks.js';

/** How {@link checkFaultOptions} names an option in its messages. */
export interface OptionNaming {
  /** Put before each option's name: `options.` (a plan rule), `rateLimit.` (a wrapper's fault). @defaultValue `''` */
  readonly prefix?: string;
  /** Ends the option's name, with its leading space: ` of fault plan rule "x"`. @defaultValue `''` */
  readonly where?: string;
  /** The names a caller gives options, where not the kind's own: `{ strategy: 'hallucinationStrategy' }`. */
  readonly names?: Readonly<Record<string, string>>;
}

/** The names of the options `fault` takes, in the order messages list them. */
export function faultOptionNames(fault: FaultKind): readonly string[] {
  return Object.keys(OPTION_CHECKS[fault] ?? {});
}

/**
 * Checks the values of the options `fault` takes, as a plan rule or an injector gives
 * them, and returns those given, as the injectors hold them (lists frozen, repeats
 * dropped). Keys that are not options of `fault` are left alone: the caller decides
 * whether they are its own or a typo.
 *
 * @throws `TypeError` naming the option, what was given and what is allowed:
 *   ``Expected `options.delayMs` of fault plan rule "delay@product" to be a finite number >= 0, got `-1` ``
 * @example
 * ```ts
 * checkFaultOptions('delay', { delayMs: 500 }); // { delayMs: 500 }
 * ```
 */
export function checkFaultOptions(fault: FaultKind, options: object, naming: OptionNaming = {}): Readonly<Record<string, unknown>> {
  const checked: Record<string, unknown> = {};
  for (const [key, [test, expected, normalize]] of Object.entries(OPTION_CHECKS[fault] ?? {})) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (!test(value)) throw invalid(`${naming.prefix ?? ''}${naming.names?.[key] ?? key}`, naming.where ?? '', expected, value);
    checked[key] = normalize ? normalize(value) : value;
  }
  return checked;
}

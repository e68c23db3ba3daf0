/**
 * Eager option checks. Every failure is a `TypeError` that names the option, the value
 * given and what is allowed: ``Expected `probability` to be a number in [0, 1], got `1.5` ``.
 */
import { formatValue } from '@chaos/format';

/**
 * Where an option came from, for messages: `''` for a factory option, or
 * ` of fault plan rule "delay@product"` for a rule's override.
 */
export type Where = string;

export function fail(name: string, where: Where, expected: string, value: unknown): never {
  throw new TypeError(`Expected \`${name}\`${where} to be ${expected}, got \`${formatValue(value)}\``);
}

export function checkProbability(name: string, value: unknown, where: Where = ''): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) fail(name, where, 'a number in [0, 1]', value);
  return value;
}

export function checkDuration(name: string, value: unknown, where: Where = ''): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(name, where, 'a finite number >= 0', value);
  }
  return value;
}

export function checkIndex(name: string, value: unknown, where: Where = ''): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(name, where, 'an integer >= 0', value);
  return value;
}

export function checkTarget(name: string, value: unknown, where: Where = ''): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') fail(name, where, 'a non-empty string', value);
  return value;
}

export function checkFunction<F>(name: string, value: unknown, where: Where = ''): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') fail(name, where, 'a function', value);
  return value as F;
}

export function checkFields(name: string, value: unknown, where: Where = ''): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((field) => typeof field === 'string' && field !== '')) {
    fail(name, where, 'an array of non-empty dotted paths', value);
  }
  return Object.freeze([...(value as string[])]);
}

/** One of `allowed`, or a non-empty array of them; returned as a frozen list without repeats. */
export function checkChoices<T extends string>(name: string, value: unknown, allowed: readonly T[], where: Where = ''): readonly T[] | undefined {
  if (value === undefined) return undefined;
  const list: unknown = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => allowed.includes(item as T))) {
    fail(name, where, `one of ${allowed.map((item) => `"${item}"`).join(', ')}, or a non-empty array of them`, value);
  }
  return Object.freeze([...new Set(list as T[])]);
}

export function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function' &&
    typeof (value as AbortSignal).removeEventListener === 'function'
  );
}

export function checkSignal<F>(name: string, value: unknown, where: Where = ''): AbortSignal | F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function' && !isAbortSignal(value)) {
    fail(name, where, 'an AbortSignal or a function returning one', value);
  }
  return value as AbortSignal | F;
}

/** Rejects keys that are not options of `owner`, so a typo is never silently ignored. */
export function checkKnownKeys(options: unknown, known: readonly string[], owner: string, where: Where = ''): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`Expected the options of ${owner}${where} to be an object, got \`${formatValue(options)}\``);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const allowed = known.length === 0 ? 'it takes none' : `expected one of ${known.map((k) => `\`${k}\``).join(', ')}`;
      throw new TypeError(`Unknown option \`${key}\` of ${owner}${where}: ${allowed}`);
    }
  }
}

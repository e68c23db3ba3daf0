import { formatValue } from '@chaos/format';

/** Throws ``Expected `option` to be <expected>, got `value` ``. */
export function fail(option: string, value: unknown, expected: string, ErrorType: new (message: string) => Error = TypeError): never {
  throw new ErrorType(`Expected \`${option}\` to be ${expected}, got \`${formatValue(value)}\``);
}

/** Validates a seed and returns it as a string. */
export function checkSeed(option: string, seed: unknown): string {
  if (typeof seed === 'number' && Number.isFinite(seed)) return String(seed);
  if (typeof seed === 'string' && seed.trim() !== '') return seed;
  return fail(option, seed, 'a non-empty string or a finite number');
}

/** An integer in [min, max]. */
export function checkInteger(option: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    fail(option, value, `an integer in [${min}, ${max}]`, RangeError);
  }
  return value;
}

/** A finite number >= 0. */
export function checkNonNegative(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(option, value, 'a finite number >= 0', RangeError);
  return value;
}

/** A number of seconds > 0, or `fallback` when `undefined`. */
export function checkPositiveSeconds(option: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(option, value, 'a number of seconds > 0', RangeError);
  return value;
}

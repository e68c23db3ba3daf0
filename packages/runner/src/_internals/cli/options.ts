/** Parsers of the `chaos` commands' option values: each refuses a bad value with what it expected. */
import { InvalidArgumentError } from 'commander';

/** An integer >= 1. */
export function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError('Expected a positive integer.');
  }
  return Number(value);
}

/** An integer >= 0. */
export function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError('Expected an integer >= 0.');
  return Number(value);
}

/** A finite number of seconds > 0. */
export function positiveSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Expected a number of seconds > 0.');
  return n;
}

/** A watchdog: a number of seconds > 0, or `Infinity` for none. */
export function watchdogSeconds(value: string): number {
  const n = value.trim() === 'Infinity' ? Infinity : Number(value);
  if (value.trim() === '' || Number.isNaN(n) || n <= 0) throw new InvalidArgumentError('Expected a number of seconds > 0 (Infinity: no watchdog).');
  return n;
}

/** A number of seconds >= 0. */
export function nonNegativeSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('Expected a number of seconds >= 0.');
  return n;
}

/** A number in [0, 1]. */
export function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('Expected a number in [0, 1].');
  return n;
}

/** Scenario names separated by commas. */
export function scenarioList(value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new InvalidArgumentError('Expected scenario names separated by commas.');
  return names;
}

/** Any text but an empty one. */
export function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('Expected a non-empty value.');
  return value;
}

/** An option given several times (`--fail-on A --fail-on B`): every value, in order. */
export function repeatable(value: string, previous: readonly string[] | undefined): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('Expected a non-empty value.');
  return [...(previous ?? []), value];
}

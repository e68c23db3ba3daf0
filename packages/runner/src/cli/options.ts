/**
 * What every `chaos` command shares: its exit codes, the usage error (one line,
 * exit 2), and the parsers of option values.
 */
import { InvalidArgumentError } from 'commander';

/** Exit codes of the `chaos` CLI. */
export const EXIT_CODES = Object.freeze({
  /** Every steady state held (or the command had nothing to verify). */
  ok: 0,
  /** A run failed or was inconclusive, or the campaign could not complete. */
  failed: 1,
  /** Bad usage: an unknown command, option or scenario, a bad number, a journal of another campaign. */
  usage: 2,
});

/** A usage error: reported on one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

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

/** A number of seconds > 0. */
export function positiveSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Expected a number of seconds > 0.');
  return n;
}

/** A number of seconds >= 0. */
export function nonNegativeSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('Expected a number of seconds >= 0.');
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

import type { Tags } from '@chaos/config';
import { MetricsValidationError } from '../MetricsValidationError.js';
import type { FaultTimeSource } from '../types.js';
import { FAULT_TIME_SOURCES } from './recordLayout.js';

/**
 * Small checks that throw a {@link MetricsValidationError} naming the field. `path`
 * prefixes the field name (`recoveries[3].`) when a snapshot is validated.
 */
export class Validator {
  constructor(
    readonly path: string = '',
    readonly runId?: string | undefined,
  ) {}

  fail(field: string, value: unknown, expected: string): never {
    throw new MetricsValidationError({ field: `${this.path}${field}`, value, expected, runId: this.runId });
  }

  id(field: string, value: unknown): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, value, 'a non-empty string');
    return value;
  }

  optionalId(field: string, value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    return this.id(field, value);
  }

  time(field: string, value: unknown): number {
    if (value === undefined || value === null) this.fail(field, value, 'a time in milliseconds (it is required and never invented)');
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, value, 'a finite number of milliseconds');
    return value;
  }

  boolean(field: string, value: unknown): boolean {
    if (typeof value !== 'boolean') this.fail(field, value, 'a boolean');
    return value;
  }

  optionalBoolean(field: string, value: unknown): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    return this.boolean(field, value);
  }

  accuracy(field: string, value: unknown): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      this.fail(field, value, 'a number in [0, 1]');
    }
    return value;
  }

  optionalText(field: string, value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(field, value, 'a string');
    return value;
  }

  nonNegative(field: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) this.fail(field, value, 'a finite number >= 0');
    return value;
  }

  /**
   * Tags: a plain object of non-empty keys and string values. Returns a frozen copy
   * (a frozen object as it is: it cannot change), or `undefined` for none or `{}`.
   */
  tags(field: string, value: unknown): Tags | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) this.fail(field, value, 'an object of string values (tags)');
    const entries = Object.entries(value);
    if (entries.length === 0) return undefined;
    for (const [key, tag] of entries) {
      if (key === '') this.fail(field, value, 'an object of string values with non-empty keys (tags)');
      if (typeof tag !== 'string') this.fail(`${field}.${key}`, tag, 'a string (a tag value)');
    }
    return Object.isFrozen(value) ? (value as Tags) : Object.freeze(Object.fromEntries(entries) as Record<string, string>);
  }

  faultTimeSource(field: string, value: unknown): FaultTimeSource {
    if (!(FAULT_TIME_SOURCES as readonly unknown[]).includes(value)) {
      this.fail(field, value, FAULT_TIME_SOURCES.map((source) => `'${source}'`).join(', ').replace(/, ([^,]*)$/, ' or $1'));
    }
    return value as FaultTimeSource;
  }

  /** `detection`: absent, or `'automatic'`. */
  detection(field: string, value: unknown): 'automatic' | undefined {
    if (value === undefined || value === null) return undefined;
    if (value !== 'automatic') this.fail(field, value, "'automatic' or absent");
    return 'automatic';
  }

  notBefore(field: string, value: number, earlierField: string, earlier: number): void {
    if (value < earlier) this.fail(field, value, `>= \`${earlierField}\` (${earlier}): a recovery cannot end before it starts`);
  }
}

/** The text recorded for a thrown value: `Name: message` for an `Error`. */
export function errorText(error: unknown): string | undefined {
  if (error === undefined || error === null) return undefined;
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message === '' ? error.name : `${error.name}: ${error.message}`;
  try {
    return typeof error === 'object' ? JSON.stringify(error) ?? String(error) : String(error);
  } catch {
    return String(error);
  }
}

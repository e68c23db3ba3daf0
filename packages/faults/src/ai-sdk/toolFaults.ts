// The settings of each fault are the options `@chaos/config` lists for its kind.
import type { LatencySettings, ModelHallucinationSettings, ToolEmptySettings, ToolErrorSettings, ToolFaultKind, ToolTimeoutSettings } from '@chaos/config';
import { isPlainObject } from '../corruption/deepCopy.js';
import type { FaultOption, FaultSpec } from './faultOptions.js';

/** The faults a tool can suffer, each a probability or settings with `probability` / `trigger`. */
export interface ToolFaultOptions {
  /** The tool throws a `ToolFaultError` before it runs. */
  readonly error?: FaultOption<ToolErrorSettings>;
  /** The tool hangs until the call's abort signal or `timeoutSeconds`, then throws a `ToolFaultError`. */
  readonly timeout?: FaultOption<ToolTimeoutSettings>;
  /** The tool waits `delayMs ± jitterMs` before it runs. */
  readonly slow?: FaultOption<LatencySettings>;
  /** The tool runs, and returns nothing of substance. */
  readonly empty?: FaultOption<ToolEmptySettings>;
  /** The tool runs, and its result is made plausibly wrong (`strategy`, `hallucinate`). */
  readonly mutate?: FaultOption<ModelHallucinationSettings>;
}

/** The option name of a tool fault. */
export type ToolFaultName = keyof ToolFaultOptions;

/** A tool fault's spec. */
export interface ToolFaultSpec extends FaultSpec<ToolFaultName> {
  readonly kind: ToolFaultKind;
}

function spec(name: ToolFaultName): ToolFaultSpec {
  return { name, kind: `tool.${name}` };
}

/** Every tool fault, in the order a call applies them: before the tool runs, then on its result. */
export const TOOL_FAULTS: readonly ToolFaultSpec[] = [spec('error'), spec('timeout'), spec('slow'), spec('empty'), spec('mutate')];

/** `value` with nothing in it, keeping its shape: what an empty search returns. */
export function emptied(value: unknown): unknown {
  if (typeof value === 'string') return '';
  if (typeof value === 'number') return 0;
  if (typeof value === 'bigint') return 0n;
  if (typeof value === 'boolean') return false;
  if (Array.isArray(value)) return [];
  // `fromEntries` defines the keys, so a `__proto__` key from JSON stays data.
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).map((key) => [key, emptied(value[key])]));
  return value === undefined ? undefined : null;
}

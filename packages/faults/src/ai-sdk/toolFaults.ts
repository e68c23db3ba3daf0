import type { ToolFaultKind } from '@chaos/config';
import { checkDuration, checkFunction } from '../_internals/validate.js';
import { isPlainObject } from '../corruption/deepCopy.js';
import { HALLUCINATION_STRATEGIES } from '../hallucination/hallucinate.js';
import { type FaultOption, type FaultSpec, type SettingCheck, checkMessage, oneOrMoreOf } from './faultOptions.js';
import type { LatencySettings, ModelHallucinationSettings } from './modelFaults.js';

/** Settings of a tool's `error`. */
export interface ToolErrorSettings {
  /** Replaces the error's message. */
  readonly message?: string;
}

/** Settings of a tool's `timeout`. */
export interface ToolTimeoutSettings {
  /**
   * How long the tool hangs on the scope's clock before it gives up, unless the call's
   * abort signal ends it first.
   * @defaultValue the active config's `timeoutSeconds`
   */
  readonly timeoutSeconds?: number;
}

/** Settings of a tool's `empty`. */
export interface ToolEmptySettings {
  /**
   * What the tool returns instead of its result.
   * @defaultValue the result with nothing in it: `''`, `[]`, `0`, `false`, and an
   *   object with each of its fields so emptied (`{ results: [], total: 0 }`)
   */
  readonly value?: unknown;
}

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

const anyValue: SettingCheck = (_name, value) => value;

function spec(name: ToolFaultName, settings: Record<string, SettingCheck>): ToolFaultSpec {
  return { name, kind: `tool.${name}`, settings };
}

/** Every tool fault, in the order a call applies them: before the tool runs, then on its result. */
export const TOOL_FAULTS: readonly ToolFaultSpec[] = [
  spec('error', { message: checkMessage }),
  spec('timeout', { timeoutSeconds: checkDuration }),
  spec('slow', { delayMs: checkDuration, jitterMs: checkDuration }),
  spec('empty', { value: anyValue }),
  spec('mutate', { strategy: oneOrMoreOf(HALLUCINATION_STRATEGIES), hallucinate: checkFunction }),
];

/** The `tool.*` kinds, for checking plan rules by name. */
export const TOOL_FAULT_KINDS: ReadonlySet<string> = new Set(TOOL_FAULTS.map((fault) => fault.kind));

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

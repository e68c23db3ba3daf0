import type { FaultKind } from './faultKinds.js';

/**
 * Brand shared by every chaos error. `Symbol.for` makes it the same symbol in every
 * installed copy of the package, so the guards work where `instanceof` does not
 * (two versions of `@chaos/config` in one dependency tree).
 */
const CHAOS_ERROR_BRAND = Symbol.for('@chaos/error');

/** Stable machine-readable error codes. */
export type ChaosErrorCode =
  | 'CHAOS_CONFIG'
  | 'CHAOS_AGENT_CRASH'
  | 'CHAOS_AGENT_TIMEOUT'
  | 'CHAOS_MESSAGE_CORRUPTION'
  | (string & {});

/** Context carried by every {@link ChaosError}. */
export interface ChaosErrorContext {
  /** The fault that caused the error, when it comes from a fault. */
  readonly fault?: FaultKind | undefined;
  /** The agent, step or channel the fault was aimed at. */
  readonly target?: string | undefined;
  /** The seed of the random stream that decided the fault, for replay. */
  readonly seed?: string | undefined;
  /** The run the fault belongs to, when it ran inside a scope with a run id. */
  readonly runId?: string | undefined;
  /**
   * When the fault struck, ms on the clock of the scope it fired in (the `at` of its
   * fault event), so a recovery can be measured from it.
   */
  readonly faultAt?: number | undefined;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * Base class of every error raised by the toolkit.
 *
 * @example
 * ```ts
 * try { await step(); } catch (error: unknown) {
 *   if (isChaosError(error)) console.log(error.code, error.target, error.seed);
 * }
 * ```
 */
export class ChaosError extends Error {
  // `declare`d, set in the constructor only: no field definitions in the shipped bundle.
  // The properties come in the same order as ever: these, then `name`.
  /** A stable code that identifies the kind of error. */
  declare readonly code: ChaosErrorCode;
  declare readonly fault: FaultKind | undefined;
  declare readonly target: string | undefined;
  declare readonly seed: string | undefined;
  declare readonly runId: string | undefined;
  /** When the fault struck, ms on the scope's clock, when the error comes from an injected fault. */
  declare readonly faultAt: number | undefined;

  constructor(code: ChaosErrorCode, message: string, context: ChaosErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    this.fault = context.fault;
    this.target = context.target;
    this.seed = context.seed;
    this.runId = context.runId;
    this.faultAt = context.faultAt;
    this.name = 'ChaosError';
    Object.defineProperty(this, CHAOS_ERROR_BRAND, { value: true });
  }
}

/** True for any error raised by the toolkit, from any installed copy of it. */
export function isChaosError(error: unknown): error is ChaosError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[CHAOS_ERROR_BRAND] === true;
}

/** True when `error` is a chaos error with the given code, from any installed copy. */
export function hasChaosErrorCode(error: unknown, code: ChaosErrorCode): error is ChaosError {
  return isChaosError(error) && error.code === code;
}

import { ChaosError, hasChaosErrorCode } from '@chaos/config';
import { replayContext } from './_internals/errorContext.js';

/** Context of an {@link AgentCrashError}. */
export interface AgentCrashErrorOptions {
  /** The agent or step that crashed. */
  readonly target?: string | undefined;
  /** Seed of the run's random stream, for replay. */
  readonly seed?: string | undefined;
  readonly runId?: string | undefined;
  /** The fault-plan rule that fired, when a plan (not chance) caused the crash. */
  readonly ruleId?: string | undefined;
  /** When the fault struck, ms on the scope's clock (the fault event's `at`). */
  readonly faultAt?: number | undefined;
  /** Replaces the default message. */
  readonly message?: string | undefined;
  readonly cause?: unknown;
}

/**
 * An injected crash: the agent step died before it ran. Thrown by `injectCrash` and
 * `withChaos` (as a rejection for async functions). Code `CHAOS_AGENT_CRASH`.
 *
 * @example
 * ```ts
 * try { await step(); } catch (error: unknown) {
 *   if (isAgentCrashError(error)) restart(error.target, { seed: error.seed });
 * }
 * ```
 */
export class AgentCrashError extends ChaosError {
  declare readonly code: 'CHAOS_AGENT_CRASH';
  declare readonly fault: 'crash';
  /** The fault-plan rule that fired, if any. */
  declare readonly ruleId: string | undefined;

  constructor(options: AgentCrashErrorOptions = {}) {
    const { target, seed, ruleId } = options;
    const context = replayContext(ruleId, seed);
    super(
      'CHAOS_AGENT_CRASH',
      options.message ??
        `Injected crash in ${target === undefined ? 'an agent' : `"${target}"`}${context && ` (${context.slice(2)})`}`,
      { ...options, fault: 'crash' },
    );
    this.name = 'AgentCrashError';
    this.ruleId = ruleId;
  }
}

/**
 * True when `error` is an {@link AgentCrashError}, from any installed copy of the
 * package (it checks a brand and the code, not `instanceof`).
 */
export function isAgentCrashError(error: unknown): error is AgentCrashError {
  return hasChaosErrorCode(error, 'CHAOS_AGENT_CRASH');
}

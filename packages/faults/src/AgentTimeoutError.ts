import { ChaosError, hasChaosErrorCode } from '@chaos/config';
import { replayContext } from './_internals/errorContext.js';

/** Context of an {@link AgentTimeoutError}. */
export interface AgentTimeoutErrorOptions {
  /** The agent or step that hung. */
  readonly target?: string | undefined;
  /** How long it hung, in seconds. */
  readonly timeoutSeconds?: number | undefined;
  /** Seed of the run's random stream, for replay. */
  readonly seed?: string | undefined;
  readonly runId?: string | undefined;
  /** The fault-plan rule that fired, when a plan (not chance) caused the timeout. */
  readonly ruleId?: string | undefined;
  /** When the fault struck, ms on the scope's clock (the fault event's `at`). */
  readonly faultAt?: number | undefined;
  /** Replaces the default message. */
  readonly message?: string | undefined;
  readonly cause?: unknown;
}

/**
 * An injected timeout: the agent hung for `timeoutSeconds` on the scope's clock and
 * never answered. Thrown (as a rejection) by `injectTimeout` and `withChaos`. Code
 * `CHAOS_AGENT_TIMEOUT`.
 *
 * @example
 * ```ts
 * if (isAgentTimeoutError(error)) console.log(`${error.target} hung ${error.timeoutSeconds} s`);
 * ```
 */
export class AgentTimeoutError extends ChaosError {
  declare readonly code: 'CHAOS_AGENT_TIMEOUT';
  declare readonly fault: 'timeout';
  declare readonly timeoutSeconds: number | undefined;
  declare readonly ruleId: string | undefined;

  constructor(options: AgentTimeoutErrorOptions = {}) {
    const { target, seed, ruleId, timeoutSeconds } = options;
    super(
      'CHAOS_AGENT_TIMEOUT',
      options.message ??
        `${target === undefined ? 'An agent' : `"${target}"`} did not respond${
          timeoutSeconds === undefined ? '' : ` within ${timeoutSeconds} s`
        } (injected timeout${replayContext(ruleId, seed)})`,
      { ...options, fault: 'timeout' },
    );
    this.name = 'AgentTimeoutError';
    this.timeoutSeconds = timeoutSeconds;
    this.ruleId = ruleId;
  }
}

/**
 * True when `error` is an {@link AgentTimeoutError}, from any installed copy of the
 * package.
 */
export function isAgentTimeoutError(error: unknown): error is AgentTimeoutError {
  return hasChaosErrorCode(error, 'CHAOS_AGENT_TIMEOUT');
}

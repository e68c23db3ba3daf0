import { ChaosError, hasChaosErrorCode } from '@chaos/config';

/** Context of a {@link ToolFaultError}. */
export interface ToolFaultErrorOptions {
  readonly fault: 'tool.error' | 'tool.timeout';
  /** The tool's name. */
  readonly target: string;
  /** How long a timed-out tool hung, in seconds. */
  readonly timeoutSeconds?: number | undefined;
  readonly seed?: string | undefined;
  readonly runId?: string | undefined;
  /** The fault-plan rule that fired, when a plan (not chance) caused it. */
  readonly ruleId?: string | undefined;
  /** Replaces the default message. */
  readonly message?: string | undefined;
}

/**
 * An injected tool failure: the tool threw (`tool.error`) or never answered and gave
 * up (`tool.timeout`). The AI SDK hands it to the model as the tool call's error, as it
 * would any error of the tool. Code `CHAOS_TOOL_FAULT`.
 *
 * @example
 * ```ts
 * if (isToolFaultError(error)) console.log(error.fault, error.target);
 * ```
 */
export class ToolFaultError extends ChaosError {
  declare readonly code: 'CHAOS_TOOL_FAULT';
  declare readonly fault: 'tool.error' | 'tool.timeout';
  declare readonly target: string;
  readonly timeoutSeconds: number | undefined;
  readonly ruleId: string | undefined;

  constructor(options: ToolFaultErrorOptions) {
    const { fault, target, timeoutSeconds, seed, ruleId } = options;
    const context = ['injected', ruleId === undefined ? undefined : `rule "${ruleId}"`, seed === undefined ? undefined : `seed "${seed}"`]
      .filter((part) => part !== undefined)
      .join(', ');
    const what = fault === 'tool.timeout' ? `did not respond within ${timeoutSeconds ?? '?'} s` : 'failed: upstream service unavailable';
    super('CHAOS_TOOL_FAULT', options.message ?? `Tool "${target}" ${what} (${context})`, {
      fault,
      target,
      seed,
      runId: options.runId,
    });
    this.name = 'ToolFaultError';
    this.timeoutSeconds = timeoutSeconds;
    this.ruleId = ruleId;
  }
}

/** True when `error` is a {@link ToolFaultError}, from any installed copy of the package. */
export function isToolFaultError(error: unknown): error is ToolFaultError {
  return hasChaosErrorCode(error, 'CHAOS_TOOL_FAULT');
}

import { ChaosError, hasChaosErrorCode } from '@chaos/config';
import { formatValue } from '@chaos/format';

/** The stable code of {@link MetricsValidationError}. */
export const METRICS_INVALID_CODE = 'CHAOS_METRICS_INVALID';

/** What was wrong with a rejected input. */
export interface MetricsValidationErrorDetails {
  /** The field, as a path when nested: `detectedAt`, `recoveries[3].faultAt`. */
  readonly field: string;
  /** The value that was given, as given. */
  readonly value: unknown;
  /** What would have been accepted: `a finite number`, `>= faultAt (1000)`. */
  readonly expected: string;
  /** The run the record belongs to, when known. */
  readonly runId?: string | undefined;
}

/**
 * A record given to `@chaos/metrics` was rejected, and nothing of it was stored. The
 * message names the field, the value and what is allowed:
 * ``Expected `detectedAt` to be >= `faultAt` (1000), got `900` ``.
 *
 * @example
 * ```ts
 * try { metrics.recordRecovery(input); } catch (error: unknown) {
 *   if (isMetricsValidationError(error)) console.error(error.field, error.value);
 * }
 * ```
 */
export class MetricsValidationError extends ChaosError {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(details: MetricsValidationErrorDetails) {
    super(METRICS_INVALID_CODE, `Expected \`${details.field}\` to be ${details.expected}, got \`${formatValue(details.value)}\``, {
      runId: details.runId,
    });
    this.name = 'MetricsValidationError';
    this.field = details.field;
    this.value = details.value;
    this.expected = details.expected;
  }
}

/** True when `error` is a {@link MetricsValidationError}, from any installed copy. */
export function isMetricsValidationError(error: unknown): error is MetricsValidationError {
  return hasChaosErrorCode(error, METRICS_INVALID_CODE);
}

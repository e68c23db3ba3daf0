import type { RecoveryRecord } from './types.js';
import { Validator } from './_internals/validate.js';

/**
 * The default reconstruction accuracy a successful recovery needs to count as a
 * correct recovery: 0.9.
 *
 * Why 0.9 and not 1: accuracy scores come from similarity measures (Jaccard overlap of
 * restored items, embedding or judge scores of a restored context), which are noisy near
 * 1 and rarely exactly 1 for a state that is usable, so requiring 1 would call good
 * recoveries wrong. Why not lower: 0.9 still fails a recovery that lost or invented more
 * than a tenth of the state (with a Jaccard score over ten items, one item wrong gives
 * 0.91 or 0.9, two give at most 0.82). Systems whose state must come back exactly set
 * `accuracyThreshold: 1`.
 */
export const DEFAULT_ACCURACY_THRESHOLD = 0.9;

/**
 * Whether a recovery brought its agent back with the right state: it succeeded, its
 * reconstruction accuracy was scored, and the score is at least `threshold`. A recovery
 * whose accuracy was not scored is neither correct nor incorrect: `correctRecoveryRate`
 * leaves it out of its denominator.
 *
 * @param threshold - the accuracy needed, in [0, 1]
 * @defaultValue threshold {@link DEFAULT_ACCURACY_THRESHOLD}
 * @example
 * ```ts
 * isCorrectRecovery({ success: true, reconstructionAccuracy: 0.95 }); // true
 * isCorrectRecovery({ success: true, reconstructionAccuracy: 0.4 });  // false
 * ```
 */
export function isCorrectRecovery(
  recovery: Pick<RecoveryRecord, 'success' | 'reconstructionAccuracy'>,
  threshold: number = DEFAULT_ACCURACY_THRESHOLD,
): boolean {
  return recovery.success && recovery.reconstructionAccuracy !== undefined && recovery.reconstructionAccuracy >= threshold;
}

/**
 * Whether a recovery fell below the threshold: it was scored and its accuracy is under
 * `threshold` (whether or not it succeeded). A run with such a recovery did not recover.
 */
export function isBelowAccuracyThreshold(
  recovery: Pick<RecoveryRecord, 'reconstructionAccuracy'>,
  threshold: number = DEFAULT_ACCURACY_THRESHOLD,
): boolean {
  return recovery.reconstructionAccuracy !== undefined && recovery.reconstructionAccuracy < threshold;
}

/**
 * Checks an `accuracyThreshold` option.
 *
 * @returns the threshold, or the default for `undefined`
 * @throws {@link MetricsValidationError} when it is not a number in [0, 1]
 */
export function checkAccuracyThreshold(value: unknown, field = 'accuracyThreshold'): number {
  if (value === undefined) return DEFAULT_ACCURACY_THRESHOLD;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) new Validator().fail(field, value, 'a number in [0, 1]');
  return value as number;
}

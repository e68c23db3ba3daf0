import { formatValue } from '@chaos/format';
/** Throws a `RangeError` unless `successes` and `trials` are counts with `successes <= trials`. */
export function checkCounts(successes: number, trials: number, successesName: string, trialsName: string): void {
  if (!Number.isInteger(trials) || trials < 0) {
    throw new RangeError(`Expected \`${trialsName}\` to be a non-negative integer, got \`${formatValue(trials)}\``);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(
      `Expected \`${successesName}\` to be an integer in [0, ${trialsName} = ${trials}], got \`${formatValue(successes)}\``,
    );
  }
}

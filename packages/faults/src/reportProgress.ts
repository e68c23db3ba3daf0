import { currentChaos } from '@chaos/config';
import { checkTarget } from './_internals/validate.js';

/**
 * Tells the active fault plan how far `target` has got, so a rule such as "crash
 * `product` at 50 % progress" fires on its first call after the report. Cheap; safe to
 * call with chaos disabled.
 *
 * @param target - the injector target (the method or function name, or the `target` option)
 * @param fraction - the share of the work done, in [0, 1]
 * @throws `TypeError` when `target` is not a non-empty string
 * @throws `RangeError` when `fraction` is not in [0, 1]
 * @example
 * ```ts
 * for (const [i, item] of items.entries()) {
 *   await agent.upload(item);
 *   reportProgress('upload', (i + 1) / items.length);
 * }
 * ```
 */
export function reportProgress(target: string, fraction: number): void {
  checkTarget('target', target);
  currentChaos().plan.reportProgress(target, fraction);
}

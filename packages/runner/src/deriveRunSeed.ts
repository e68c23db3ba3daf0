import { createHash } from 'node:crypto';
import { checkSeed } from './_internals/validate.js';

/**
 * The seed of one run of a campaign: the first 16 hex digits of
 * sha256(`campaignSeed` NUL `scenario` NUL `runIndex`). Any run can be replayed alone
 * from the campaign seed, the scenario name and the run index, on any machine.
 *
 * @param campaignSeed - the campaign's seed (`RunnerSummary.seed`)
 * @param scenario - the scenario's name
 * @param runIndex - the run's index in its scenario, from 0
 * @throws `TypeError` / `RangeError` naming the argument when one is invalid
 * @example
 * ```ts
 * deriveRunSeed('campaign-42', 'ProductCrashMidUpload', 3); // '5f0c…' (16 hex digits)
 * ```
 */
export function deriveRunSeed(campaignSeed: string | number, scenario: string, runIndex: number): string {
  const seed = checkSeed('campaignSeed', campaignSeed);
  if (typeof scenario !== 'string' || scenario === '') {
    throw new TypeError(`Expected \`scenario\` to be a non-empty string, got \`${String(scenario)}\``);
  }
  checkRunIndex(runIndex);
  return createHash('sha256').update(`${seed}\u0000${scenario}\u0000${runIndex}`).digest('hex').slice(0, 16);
}

/**
 * The id of one run of a campaign: `<scenario>#<runIndex>`.
 *
 * @example
 * ```ts
 * campaignRunId('MarketingTimeout', 7); // 'MarketingTimeout#7'
 * ```
 */
export function campaignRunId(scenario: string, runIndex: number): string {
  return `${scenario}#${runIndex}`;
}

function checkRunIndex(runIndex: unknown): void {
  if (typeof runIndex !== 'number' || !Number.isSafeInteger(runIndex) || runIndex < 0) {
    throw new RangeError(`Expected \`runIndex\` to be an integer >= 0, got \`${String(runIndex)}\``);
  }
}

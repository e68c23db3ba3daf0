/**
 * What an injected fault's message says to replay it, each part after `, `:
 * `, rule "crash@product", seed "s-1"`, or `''`.
 */
export function replayContext(ruleId: string | undefined, seed: string | undefined): string {
  return `${ruleId === undefined ? '' : `, rule "${ruleId}"`}${seed === undefined ? '' : `, seed "${seed}"`}`;
}

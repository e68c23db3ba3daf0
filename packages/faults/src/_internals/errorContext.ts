/** What an injected fault's message says to replay it: `rule "crash@product"`, `seed "s-1"`. */
export function replayContext(ruleId: string | undefined, seed: string | undefined): string[] {
  const parts: string[] = [];
  if (ruleId !== undefined) parts.push(`rule "${ruleId}"`);
  if (seed !== undefined) parts.push(`seed "${seed}"`);
  return parts;
}

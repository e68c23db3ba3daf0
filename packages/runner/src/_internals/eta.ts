/**
 * The wall time left, from the pace since the first finished run (start-up — worker
 * threads, module imports — would make an estimate from the first run alone wildly
 * long). `null` until it means something: at least two runs finished and 5 % of this
 * session's runs.
 */
export function estimateRemainingMs(executed: number, toExecute: number, sinceFirstMs: number, remaining: number): number | null {
  if (remaining === 0) return 0;
  if (executed < 2 || executed < toExecute * 0.05) return null;
  return (sinceFirstMs / (executed - 1)) * remaining;
}

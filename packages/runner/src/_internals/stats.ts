/** `successes / trials` as a percentage, `null` for no trials. */
export function percentOf(successes: number, trials: number): number | null {
  return trials === 0 ? null : (100 * successes) / trials;
}

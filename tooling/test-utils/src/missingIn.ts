/**
 * For `describe.skipIf(…)` around tests that need something outside the test (a
 * build, a browser): `true` (skip, with a warning) when `problem` says what is missing —
 * except under `CI=true`, where a missing prerequisite is a failure, not a silent skip,
 * so it throws with the reason.
 *
 * @param problem - what is missing, or `undefined` when everything is there
 * @param env - the environment (for tests of this helper)
 * @throws `Error` with `problem` under `CI=true`
 * @example
 * ```ts
 * describe.skipIf(missingIn('the demo end-to-end test', buildProblem('demo', ['main.js'])))('pnpm demo', () => { … });
 * ```
 */
export function missingIn(what: string, problem: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (problem === undefined) return false;
  if (env['CI'] === 'true') throw new Error(`${what} cannot run under CI: ${problem}`);
  console.warn(`[${what}] skipped: ${problem}`);
  return true;
}

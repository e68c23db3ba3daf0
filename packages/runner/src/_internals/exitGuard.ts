import { currentChaos } from '@chaos/config';

/** What `process.exit` throws when a run calls it in this thread. */
export class RunExitError extends Error {
  override readonly name = 'RunExitError';
  constructor(
    readonly exitCode: string | number | null | undefined,
    readonly runId: string,
  ) {
    super(`the run called process.exit(${exitCode === undefined ? '' : String(exitCode)}); it fails, and the campaign goes on`);
  }
}

let holders = 0;
let original: typeof process.exit | undefined;

/**
 * While runs execute in this thread, `process.exit` called from inside a run (in its
 * chaos scope) throws a {@link RunExitError} instead of ending the process: that run
 * fails with the reason, the others and the journal carry on. Called from anywhere
 * else, it exits as usual. Nested holds are counted; the last release restores it.
 *
 * @returns the release function (idempotent)
 */
export function holdProcessExit(): () => void {
  if (holders++ === 0) {
    const exit = process.exit;
    original = exit;
    process.exit = function guardedExit(code?: string | number | null): never {
      const runId = currentChaos().runId;
      if (runId === undefined) return exit.call(process, code);
      throw new RunExitError(code, runId);
    } as typeof process.exit;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0 && original !== undefined) {
      process.exit = original;
      original = undefined;
    }
  };
}

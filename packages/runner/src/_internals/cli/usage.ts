/** Where the CLI writes, and what it may do to its process. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /**
   * Whether stderr is a terminal: a redrawn progress bar if so, plain lines if not.
   * @defaultValue `false`
   */
  readonly isTTY?: boolean;
  /**
   * The environment `CHAOS_*` settings are read from.
   * @defaultValue `process.env`
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * The CLI owns the process (the `chaos` executable): while a campaign runs, SIGINT and
   * SIGTERM stop it, saving what is done and printing how to resume (exit 130 / 143),
   * and an unexpected exit says what was lost.
   * @defaultValue `false`
   */
  readonly ownsProcess?: boolean;
}

/** Exit codes of the `chaos` CLI. */
export const EXIT_CODES = Object.freeze({
  /** Every steady state held (or the command had nothing to verify). */
  ok: 0,
  /** A run failed or was inconclusive, or the campaign could not complete. */
  failed: 1,
  /** Bad usage: an unknown command, option or scenario, a bad number or `CHAOS_*` value, a path that cannot be written, a journal that is not this campaign's. */
  usage: 2,
  /** Stopped by SIGINT (128 + 2). */
  interrupted: 130,
  /** Stopped by SIGTERM (128 + 15). */
  terminated: 143,
});

/** The prefix of every line the CLI writes on stderr. */
export const CLI_PREFIX = 'chaos: ';

/** A usage error: reported on one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Writes a line (or lines) on stderr, each with the CLI's prefix. */
export function note(io: CliIO, text: string): void {
  io.stderr.write(`${text.split('\n').map((line) => `${CLI_PREFIX}${line}`).join('\n')}\n`);
}

import type { Command } from 'commander';
import type { CliIO } from './usage.js';

/** What every command of the `chaos` program is given when it is added. */
export interface CliContext {
  /** Where the command writes, and what it may do to its process. */
  readonly io: CliIO;
  /** The arguments the program was called with (after the program name). */
  readonly argv: readonly string[];
  /** The environment `CHAOS_*` settings are read from (`io.env`, else `process.env`). */
  readonly env: NodeJS.ProcessEnv;
  /** Records the command's exit code; `runCli` resolves to it. */
  setExitCode(code: number): void;
}

/**
 * Adds one command to the program: its name, help text, options and action. Each
 * command of `chaos` has one such builder in `commands/`, and `runCli` calls each once.
 */
export type AddCommand = (program: Command, cli: CliContext) => void;

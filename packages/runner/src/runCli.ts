import { Command, CommanderError } from 'commander';
import { errorMessage } from '@chaos/format';
import { runnerVersion } from './_internals/moduleLocation.js';
import { addCompareCommand } from './_internals/cli/commands/compare.js';
import { addListCommand } from './_internals/cli/commands/list.js';
import { addPlanCommand } from './_internals/cli/commands/plan.js';
import { addReplayCommand } from './_internals/cli/commands/replay.js';
import { addReportCommand } from './_internals/cli/commands/report.js';
import { addRunCommand } from './_internals/cli/commands/run.js';
import { addSalvageCommand } from './_internals/cli/commands/salvage.js';
import { addShrinkCommand } from './_internals/cli/commands/shrink.js';
import { addSweepCommand } from './_internals/cli/commands/sweep.js';
import { addWorkerCommand } from './_internals/cli/commands/worker.js';
import type { AddCommand, CliContext } from './_internals/cli/context.js';
import { CLI_PREFIX, EXIT_CODES, UsageError, type CliIO } from './_internals/cli/usage.js';

export { EXIT_CODES };
export type { CliIO };

/** The commands of `chaos`, in the order `--help` lists them. */
const COMMANDS: readonly AddCommand[] = [
  addListCommand,
  addRunCommand,
  addReportCommand,
  addCompareCommand,
  addReplayCommand,
  addShrinkCommand,
  addSweepCommand,
  addPlanCommand,
  addSalvageCommand,
  addWorkerCommand,
];

/**
 * The `chaos` command line, callable in-process: parses `argv` (the arguments after
 * the program name), runs the command, and resolves to the exit code instead of
 * exiting. Usage errors print one line on `stderr` and give 2.
 *
 * @param argv - e.g. `['run', '--runs', '20', '--json']`
 * @param io - where to write; `isTTY` chooses the progress bar
 * @returns 0 when every steady state held, 1 when a run failed or was inconclusive
 * (or the campaign could not complete), 2 on bad usage
 * @example
 * ```ts
 * const code = await runCli(['run', '--scenarios', 'MarketingTimeout', '--runs', '5'], {
 *   stdout: process.stdout, stderr: process.stderr, isTTY: process.stderr.isTTY,
 * });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT_CODES.ok;
  const program = new Command('chaos')
    .description('Chaos campaigns for multi-agent systems: seeded, parallel, resumable runs of fault scenarios')
    .version(runnerVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // One line with the CLI's prefix: commander's suggestion ("Did you mean …?") joins the reason.
      outputError: (text, write) => write(`${CLI_PREFIX}${text.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')}\n`),
    });
  const cli: CliContext = {
    io,
    argv,
    env: io.env ?? process.env,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  for (const addCommand of COMMANDS) addCommand(program, cli);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error: unknown) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    if (error instanceof UsageError) {
      io.stderr.write(`${CLI_PREFIX}${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return EXIT_CODES.usage;
    }
    io.stderr.write(`${CLI_PREFIX}${errorMessage(error)}\n`);
    return EXIT_CODES.failed;
  }
}

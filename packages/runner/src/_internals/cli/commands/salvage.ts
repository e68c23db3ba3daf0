/** `chaos salvage`: the intact runs of a damaged journal, copied into a new one. */
import type { Command } from 'commander';
import { salvageJournal } from '../../../salvageJournal.js';
import type { CliContext } from '../context.js';
import { rethrowAsUsage } from '../loadModule.js';
import { preflight } from '../preflight.js';
import { EXIT_CODES, type CliIO } from '../usage.js';

/** Adds `chaos salvage` to the program. */
export function addSalvageCommand(program: Command, { io, setExitCode }: CliContext): void {
  program
    .command('salvage')
    .description('copy the intact runs of a damaged journal into a new journal, to resume the campaign from it')
    .argument('<journal>', 'the damaged journal (only read)')
    .argument('<new-journal>', 'the journal to write (must not exist)')
    .action((from: string, to: string) => {
      setExitCode(salvageCommand(from, to, io));
    });
}

function salvageCommand(from: string, to: string, io: CliIO): number {
  preflight([{ option: '<new-journal>', path: to, kind: 'file' }]);
  let report;
  try {
    report = salvageJournal(from, to);
  } catch (error: unknown) {
    rethrowAsUsage(error);
  }
  io.stdout.write(`Salvaged ${report.runs} run(s) of ${from} into ${report.journal}.\n`);
  if (report.dropped.length > 0) {
    io.stdout.write(`Left out ${report.dropped.length} line(s):\n${report.dropped.map((d) => `  line ${d.line}: ${d.problem}\n`).join('')}`);
  }
  io.stdout.write(`Resume the campaign with the same options and --journal ${report.journal}\n`);
  return EXIT_CODES.ok;
}

/** `chaos report`: the self-contained HTML report of an export. */
import { loadReportCampaign, reportPathFor, writeHtmlReport } from '@chaos/export';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { asUsageOnBadInput } from '../exportInput.js';
import { nonEmpty } from '../options.js';
import { preflight } from '../preflight.js';
import { EXIT_CODES, type CliIO } from '../usage.js';

interface ReportOptions {
  out?: string;
}

/** Adds `chaos report` to the program. */
export function addReportCommand(program: Command, { io, setExitCode }: CliContext): void {
  program
    .command('report')
    .description('render the self-contained HTML report of an export (a folder of chaos_* files, or a chaos_full_metrics_*.json)')
    .argument('<export>', 'an export folder (its newest full export is used) or a chaos_full_metrics_<ts>.json file')
    .option('--out <file>', 'the HTML file to write (default: chaos_report_<ts>.html beside the export)', nonEmpty)
    .action(async (input: string, options: ReportOptions) => {
      setExitCode(await reportCommand(input, options, io));
    });
}

async function reportCommand(input: string, options: ReportOptions, io: CliIO): Promise<number> {
  if (options.out !== undefined) preflight([{ option: '--out', path: options.out, kind: 'file' }]);
  const campaign = await asUsageOnBadInput(loadReportCampaign(input));
  const out = options.out ?? reportPathFor(campaign.source);
  const written = await asUsageOnBadInput(writeHtmlReport(campaign, out));
  io.stdout.write(`Wrote ${written}\n`);
  return EXIT_CODES.ok;
}

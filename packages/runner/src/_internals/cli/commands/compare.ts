/** `chaos compare`: two campaigns side by side, per scenario, with intervals and a p-value. */
import { loadReportCampaign, writeHtmlReport } from '@chaos/export';
import { compareCampaigns, formatComparisonTable } from '@chaos/metrics';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { asUsageOnBadInput } from '../exportInput.js';
import { nonEmpty } from '../options.js';
import { preflight } from '../preflight.js';
import { EXIT_CODES, type CliIO } from '../usage.js';
import { comparisonPower, underpoweredNotes } from '../../power/underpowered.js';

interface CompareOptions {
  json?: boolean;
  out?: string;
  seed?: string;
}

/** Adds `chaos compare` to the program. */
export function addCompareCommand(program: Command, { io, setExitCode }: CliContext): void {
  program
    .command('compare')
    .description('compare two campaigns per scenario: Δ MTTR-A with a bootstrap interval and a Mann–Whitney U p-value, Δ success rate with an interval')
    .argument('<a>', 'the baseline campaign: an export folder or full-metrics JSON')
    .argument('<b>', 'the campaign compared with it (differences are B − A)')
    .option('--json', 'print the comparison as JSON')
    .option('--out <file>', 'also write B\'s HTML report with a comparison section against A', nonEmpty)
    .option('--seed <seed>', 'seed of the bootstrap resampling (default: fixed, so results repeat)', nonEmpty)
    .action(async (inputA: string, inputB: string, options: CompareOptions) => {
      setExitCode(await compareCommand(inputA, inputB, options, io));
    });
}

async function compareCommand(inputA: string, inputB: string, options: CompareOptions, io: CliIO): Promise<number> {
  if (options.out !== undefined) preflight([{ option: '--out', path: options.out, kind: 'file' }]);
  const a = await asUsageOnBadInput(loadReportCampaign(inputA));
  const b = await asUsageOnBadInput(loadReportCampaign(inputB));
  const comparison = compareCampaigns(a.metrics, b.metrics, {
    labels: { a: a.label, b: b.label },
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  let written: string | undefined;
  if (options.out !== undefined) {
    written = await asUsageOnBadInput(
      writeHtmlReport(b, options.out, { compareWith: a, ...(options.seed === undefined ? {} : { compare: { seed: options.seed } }) }),
    );
  }
  // When the test found no difference, whether it could have: the power of these sample sizes.
  const power = comparisonPower(a.metrics, comparison);
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify({ ...comparison, power, ...(written === undefined ? {} : { report: written }) }, null, 2)}\n`);
  } else {
    io.stdout.write(`${formatComparisonTable(comparison)}\n${underpoweredNotes(power)}`);
    if (written !== undefined) io.stdout.write(`Wrote ${written}\n`);
  }
  return EXIT_CODES.ok;
}

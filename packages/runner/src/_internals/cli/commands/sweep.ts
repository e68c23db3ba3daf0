/**
 * `chaos sweep`: the value of one fault setting at which an objective breaks. Prints the
 * break with its interval, the probes, and the runs against a fixed grid; `--report`
 * writes the plot (the figure against the knob, intervals, objective line) as HTML.
 */
import { writeSweepReport } from '@chaos/export';
import { table } from '@chaos/format';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { sweepKnob, type SweepResult } from '../../../sweepKnob.js';
import { formatFigure } from '../../objectives.js';
import { KNOBS } from '../../sweep/knobs.js';
import { loadCampaignSettings } from '../campaignSettings.js';
import { readEnvironmentWarning } from '../chaosEnv.js';
import { rethrowAsUsage } from '../loadModule.js';
import { fraction, nonEmpty, positiveInteger } from '../options.js';
import { preflight } from '../preflight.js';
import { EXIT_CODES, UsageError, type CliIO } from '../usage.js';

interface SweepOptions {
  scenario: string;
  knob: string;
  from: number;
  to: number;
  objective: string;
  seed?: string;
  batch: number;
  maxRuns: number;
  resolution?: number;
  module?: string;
  accuracyThreshold?: number;
  report?: string;
  json?: boolean;
}

function finite(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`expected a number, got "${value}"`);
  return n;
}

/** Adds `chaos sweep` to the program. */
export function addSweepCommand(program: Command, { io, env, setExitCode }: CliContext): void {
  program
    .command('sweep')
    .description('find the value of one fault setting at which an objective breaks: probe both ends, then bisect, each probe running until the figure\'s 95 % interval decides')
    .requiredOption('--scenario <name>', 'the scenario', nonEmpty)
    .requiredOption('--knob <name>', `the fault setting: ${KNOBS.map((knob) => knob.name).join(', ')}`, nonEmpty)
    .requiredOption('--from <x>', 'one end of the range', finite)
    .requiredOption('--to <x>', 'the other end (above --from)', finite)
    .requiredOption('--objective <expr>', 'e.g. successRate>=91 or mttr<20s (a figure with an interval)', nonEmpty)
    .option('--seed <seed>', 'sweep seed (each probe is a campaign seeded from it and the knob value)', nonEmpty)
    .option('--batch <n>', 'runs of a probe\'s first batch; each next batch doubles the runs', positiveInteger, 50)
    .option('--max-runs <n>', 'most runs at one probe', positiveInteger, 2000)
    .option('--resolution <x>', 'stop when the break is bracketed this tightly (default: range / 32)', finite)
    .option('--module <path>', 'a module registering/exporting your scenarios (and workflowFactory)', nonEmpty)
    .option('--accuracy-threshold <x>', 'as in a campaign (default 0.9)', fraction)
    .option('--report <file>', 'write the HTML page with the plot of the figure against the knob', nonEmpty)
    .option('--json', 'print the result as JSON')
    .action(async (options: SweepOptions) => {
      setExitCode(await sweepCommand(options, io, env));
    });
}

function printSweep(io: CliIO, result: SweepResult, unit: Parameters<typeof formatFigure>[0]): void {
  io.stdout.write(
    `${result.objective} breaks at ${result.knob} ≈ ${result.breakPoint}, in [${result.interval.low}, ${result.interval.high}] ` +
      `(${result.breaksGoing === 'up' ? 'met below, broken above' : 'met above, broken below'}; ${result.scenario}, seed ${result.seed})\n\n`,
  );
  const header = [result.knob, 'runs', result.figure, '95 % interval', 'decision'];
  const rows = result.probes.map((p) => [
    String(p.value),
    String(p.runs),
    formatFigure(unit, p.estimate),
    p.interval === null ? '-' : `[${formatFigure(unit, p.interval.low)}, ${formatFigure(unit, p.interval.high)}]`,
    p.decision,
  ]);
  io.stdout.write(`${table(header, rows, header.map(() => 'left' as const))}\n`);
  io.stdout.write(`\n${result.runs} runs; a fixed grid of the same precision would take ${result.gridRuns}.\n`);
}

async function sweepCommand(options: SweepOptions, io: CliIO, processEnv: NodeJS.ProcessEnv): Promise<number> {
  const env = readEnvironmentWarning(io, processEnv);
  if (options.report !== undefined) preflight([{ option: '--report', path: options.report, kind: 'file' }]);
  const settings = await loadCampaignSettings(options, env);
  let result: SweepResult;
  try {
    result = await sweepKnob({
      scenario: options.scenario,
      knob: options.knob,
      from: options.from,
      to: options.to,
      objective: options.objective,
      batch: options.batch,
      maxRunsPerProbe: options.maxRuns,
      ...(options.seed ?? env.seed ? { seed: (options.seed ?? env.seed) as string } : {}),
      ...(options.resolution === undefined ? {} : { resolution: options.resolution }),
      ...settings,
    });
  } catch (error: unknown) {
    // A range without a break and a bad objective are RangeErrors: exit 2, like a bad option.
    rethrowAsUsage(error);
  }
  const written = options.report === undefined ? undefined : await writeSweepReport(result, options.report);
  if (options.json === true) io.stdout.write(`${JSON.stringify({ ...result, ...(written === undefined ? {} : { report: written }) }, null, 2)}\n`);
  else {
    const unit = result.figure.startsWith('mttr') ? 'seconds' : 'percent';
    printSweep(io, result, unit);
    if (written !== undefined) io.stdout.write(`Wrote ${written}\n`);
  }
  return EXIT_CODES.ok;
}

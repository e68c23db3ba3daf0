import { isExportError, loadReportCampaign, reportPathFor, writeHtmlReport } from '@chaos/export';
import { compareCampaigns, formatComparisonTable } from '@chaos/metrics';
import { getScenarios, type ScenarioResult } from '@chaos/scenarios';
import { Command, CommanderError, Option } from 'commander';
import { replayRun } from './replayRun.js';
import { salvageJournal } from './salvageJournal.js';
import { formatTimeline } from './_internals/format.js';
import { runnerVersion } from './_internals/moduleLocation.js';
import { environmentLine, readCampaignEnvironment, warnUnknownVariables } from './_internals/cli/chaosEnv.js';
import { loadModule, rethrowAsUsage } from './_internals/cli/loadModule.js';
import { FIGURES } from './_internals/objectives.js';
import { fraction, nonEmpty, nonNegativeInteger, nonNegativeSeconds, positiveInteger, repeatable, scenarioList, watchdogSeconds } from './_internals/cli/options.js';
import { preflight } from './_internals/cli/preflight.js';
import { addRunBackendOptions } from './_internals/cli/runBackendOption.js';
import { runCommand, type RunOptions } from './_internals/cli/runCommand.js';
import { CLI_PREFIX, EXIT_CODES, UsageError, type CliIO } from './_internals/cli/usage.js';
import { addWorkerCommand } from './_internals/cli/workerCommand.js';
import type { TimeMode } from './types.js';

export { EXIT_CODES };
export type { CliIO };

interface ReportOptions {
  out?: string;
}

interface CompareOptions {
  json?: boolean;
  out?: string;
  seed?: string;
}

interface ReplayOptions {
  scenario: string;
  seed?: string;
  run: number;
  time: TimeMode;
  json?: boolean;
  runTimeout?: number;
  module?: string;
  accuracyThreshold?: number;
}

/** Turns unreadable or invalid export input into a usage error (exit 2). */
async function asUsageOnBadInput<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error: unknown) {
    if (isExportError(error) || error instanceof TypeError || error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

async function reportCommand(input: string, options: ReportOptions, io: CliIO): Promise<number> {
  if (options.out !== undefined) preflight([{ option: '--out', path: options.out, kind: 'file' }]);
  const campaign = await asUsageOnBadInput(loadReportCampaign(input));
  const out = options.out ?? reportPathFor(campaign.source);
  const written = await asUsageOnBadInput(writeHtmlReport(campaign, out));
  io.stdout.write(`Wrote ${written}\n`);
  return EXIT_CODES.ok;
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
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify(written === undefined ? comparison : { ...comparison, report: written }, null, 2)}\n`);
  } else {
    io.stdout.write(`${formatComparisonTable(comparison)}\n`);
    if (written !== undefined) io.stdout.write(`Wrote ${written}\n`);
  }
  return EXIT_CODES.ok;
}

async function replayCommand(options: ReplayOptions, io: CliIO): Promise<number> {
  const env = readCampaignEnvironment(io.env ?? process.env);
  warnUnknownVariables(io, env);
  const seed = options.seed ?? env.seed;
  if (seed === undefined) throw new UsageError("required option '--seed <seed>' not specified (or set CHAOS_RANDOM_SEED)");
  const loaded = await loadModule(options.module);
  let result: ScenarioResult;
  try {
    result = await replayRun({
      scenario: options.scenario,
      campaignSeed: seed,
      runIndex: options.run,
      time: options.time,
      ...(options.runTimeout === undefined ? {} : { runTimeoutSeconds: options.runTimeout }),
      ...(options.module === undefined ? {} : { workerModule: options.module }),
      ...(loaded?.workflowFactory === undefined ? {} : { workflowFactory: loaded.workflowFactory }),
      ...(env.faults === undefined ? {} : { config: env.faults }),
      ...(options.accuracyThreshold === undefined ? {} : { accuracyThreshold: options.accuracyThreshold }),
    });
  } catch (error: unknown) {
    rethrowAsUsage(error);
  }
  if (options.json === true) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    io.stdout.write(formatTimeline(result, seed, options.run, options.time, options.accuracyThreshold));
    io.stdout.write(environmentLine(env));
  }
  return result.success ? EXIT_CODES.ok : EXIT_CODES.failed;
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

const ENVIRONMENT_HELP = `
Environment (checked before anything runs; a bad value is exit 2):
  CHAOS_*_PROBABILITY, CHAOS_DELAY_MS, CHAOS_TIMEOUT_SECONDS
                      fault settings applied to every run, on top of each scenario's plan
  CHAOS_RANDOM_SEED   the campaign seed when --seed is not given
  CHAOS_ENABLED       may be true; false is refused (a campaign injects faults)`;

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

  program
    .command('list')
    .description('list the registered scenarios')
    .option('--json', 'print the scenarios as JSON')
    .option('--module <path>', 'a module to import first that registers or exports scenarios', nonEmpty)
    .action(async (options: { json?: boolean; module?: string }) => {
      const loaded = await loadModule(options.module);
      const all = [...getScenarios()];
      for (const scenario of loaded?.exported.values() ?? []) if (!all.some((s) => s.name === scenario.name)) all.push(scenario);
      const scenarios = all.map((s) => ({ name: s.name, description: s.description }));
      if (options.json === true) {
        io.stdout.write(`${JSON.stringify(scenarios, null, 2)}\n`);
        return;
      }
      const width = Math.max(...scenarios.map((s) => s.name.length), 0);
      for (const s of scenarios) io.stdout.write(`${s.name.padEnd(width)}  ${s.description}\n`);
    });

  const run = program
    .command('run')
    .description('run a campaign: every scenario --runs times, seeded; prints a summary table (exit 1 if any steady state failed)')
    .option('--scenarios <names>', 'comma-separated scenario names (default: all registered)', scenarioList)
    .option('--runs <n>', 'runs per scenario', positiveInteger, 10)
    .option('--seed <seed>', 'campaign seed (default: a fresh one, printed)', nonEmpty)
    .option('--concurrency <n>', 'runs in parallel, on worker threads (default: number of cores)', positiveInteger)
    .addOption(new Option('--time <mode>', 'virtual (simulated, instant) or real (wall-clock) time').choices(['virtual', 'real']).default('virtual'))
    .option('--out <dir>', 'write the four export files (JSON, CSV) to this folder')
    .option('--journal <file>', 'append each finished run to this JSON-lines file; rerun with it to resume')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--run-timeout <seconds>', 'real-time watchdog per run (default: 30 virtual, 600 real)', watchdogSeconds)
    .option('--delay <seconds>', 'pause between runs (slept under real time)', nonNegativeSeconds)
    .option('--module <path>', 'a module registering/exporting your scenarios (and workflowFactory); workers import it too', nonEmpty)
    .option('--accuracy-threshold <x>', 'reconstruction accuracy (0..1) a recovery needs to be correct; below it a run did not recover (default 0.9)', fraction)
    .option('--report', 'also write the HTML report next to the exports (needs --out)')
    .option('--junit <file>', 'also write the campaign as JUnit XML for CI: a testsuite per scenario, a testcase per run', nonEmpty)
    .option(
      '--fail-on <expr>',
      `a gate, repeatable: exit 1 when the objective [Scenario:]figure<op>value holds, e.g. successRate<99, mttr.p95>10s, correctRecoveryRate<95, MarketingTimeout:nrr<0.5 (given gates decide the exit code). Figures: ${FIGURES.map((figure) => figure.name).join(', ')}`,
      repeatable,
    )
    .addHelpText('after', ENVIRONMENT_HELP);
  addRunBackendOptions(run).action(async (options: RunOptions) => {
    exitCode = await runCommand(options, argv, io);
  });

  program
    .command('report')
    .description('render the self-contained HTML report of an export (a folder of chaos_* files, or a chaos_full_metrics_*.json)')
    .argument('<export>', 'an export folder (its newest full export is used) or a chaos_full_metrics_<ts>.json file')
    .option('--out <file>', 'the HTML file to write (default: chaos_report_<ts>.html beside the export)', nonEmpty)
    .action(async (input: string, options: ReportOptions) => {
      exitCode = await reportCommand(input, options, io);
    });

  program
    .command('compare')
    .description('compare two campaigns per scenario: Δ MTTR-A with a bootstrap interval and a Mann–Whitney U p-value, Δ success rate with an interval')
    .argument('<a>', 'the baseline campaign: an export folder or full-metrics JSON')
    .argument('<b>', 'the campaign compared with it (differences are B − A)')
    .option('--json', 'print the comparison as JSON')
    .option('--out <file>', 'also write B\'s HTML report with a comparison section against A', nonEmpty)
    .option('--seed <seed>', 'seed of the bootstrap resampling (default: fixed, so results repeat)', nonEmpty)
    .action(async (inputA: string, inputB: string, options: CompareOptions) => {
      exitCode = await compareCommand(inputA, inputB, options, io);
    });

  program
    .command('replay')
    .description("re-run one run of a campaign alone and print its event timeline and steady-state verdicts")
    .requiredOption('--scenario <name>', 'the scenario', nonEmpty)
    .option('--seed <seed>', 'the campaign seed (default: CHAOS_RANDOM_SEED)', nonEmpty)
    .requiredOption('--run <index>', 'the run index (from 0)', nonNegativeInteger)
    .addOption(new Option('--time <mode>', 'as in the campaign').choices(['virtual', 'real']).default('virtual'))
    .option('--run-timeout <seconds>', 'real-time watchdog (default: 30 virtual, 600 real)', watchdogSeconds)
    .option('--module <path>', 'a module registering/exporting your scenarios (and workflowFactory)', nonEmpty)
    .option('--accuracy-threshold <x>', 'as in the campaign (default 0.9)', fraction)
    .option('--json', 'print the run result as JSON')
    .addHelpText('after', ENVIRONMENT_HELP)
    .action(async (options: ReplayOptions) => {
      exitCode = await replayCommand(options, io);
    });

  program
    .command('salvage')
    .description('copy the intact runs of a damaged journal into a new journal, to resume the campaign from it')
    .argument('<journal>', 'the damaged journal (only read)')
    .argument('<new-journal>', 'the journal to write (must not exist)')
    .action((from: string, to: string) => {
      exitCode = salvageCommand(from, to, io);
    });

  addWorkerCommand(program, io, io.env ?? process.env, (code) => {
    exitCode = code;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error: unknown) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    if (error instanceof UsageError) {
      io.stderr.write(`${CLI_PREFIX}${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return EXIT_CODES.usage;
    }
    io.stderr.write(`${CLI_PREFIX}${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_CODES.failed;
  }
}

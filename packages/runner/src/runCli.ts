import { realClock } from '@chaos/config';
import { isExportError, loadReportCampaign, quickExport, reportPathFor, writeHtmlReport } from '@chaos/export';
import { compareCampaigns, formatComparisonTable } from '@chaos/metrics';
import { getScenarios, type ScenarioResult } from '@chaos/scenarios';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ChaosRunner } from './ChaosRunner.js';
import { isJournalError } from './JournalError.js';
import { replayRun } from './replayRun.js';
import { summaryToJSON } from './summaryToJSON.js';
import { formatSummary, formatTimeline } from './_internals/format.js';
import { runnerVersion } from './_internals/moduleLocation.js';
import { createProgressReporter } from './_internals/progress.js';
import { loadUserModule, type LoadedModule } from './_internals/workerModule.js';
import type { RunnerConfig, RunnerSummary, TimeMode } from './types.js';

/** Where the CLI writes, and whether stderr is a terminal. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /**
   * Whether stderr is a terminal: a redrawn progress bar if so, plain lines if not.
   * @defaultValue `false`
   */
  readonly isTTY?: boolean;
}

/** Exit codes of the `chaos` CLI. */
export const EXIT_CODES = Object.freeze({
  /** Every steady state held (or the command had nothing to verify). */
  ok: 0,
  /** A run failed or was inconclusive, or the campaign could not complete. */
  failed: 1,
  /** Bad usage: an unknown command, option or scenario, a bad number, a journal of another campaign. */
  usage: 2,
});

/** A usage error: reported on one line, exit code 2. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError('Expected a positive integer.');
  }
  return Number(value);
}

function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError('Expected an integer >= 0.');
  return Number(value);
}

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Expected a number of seconds > 0.');
  return n;
}

function nonNegativeSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('Expected a number of seconds >= 0.');
  return n;
}

function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new InvalidArgumentError('Expected a number in [0, 1].');
  return n;
}

function scenarioList(value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) throw new InvalidArgumentError('Expected scenario names separated by commas.');
  return names;
}

function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('Expected a non-empty value.');
  return value;
}

interface RunOptions {
  scenarios?: string[];
  runs: number;
  seed?: string;
  concurrency?: number;
  time: TimeMode;
  out?: string;
  journal?: string;
  json?: boolean;
  runTimeout?: number;
  delay?: number;
  module?: string;
  report?: boolean;
  accuracyThreshold?: number;
}

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
  seed: string;
  run: number;
  time: TimeMode;
  json?: boolean;
  runTimeout?: number;
  module?: string;
  accuracyThreshold?: number;
}

/** Turns a configuration error into a usage error (exit 2). */
function asUsage(error: unknown): never {
  if (error instanceof TypeError || error instanceof RangeError || isJournalError(error)) throw new UsageError(error.message);
  throw error;
}

async function loadModule(path: string | undefined): Promise<LoadedModule | undefined> {
  if (path === undefined) return undefined;
  try {
    return await loadUserModule(path);
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
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

async function runCommand(options: RunOptions, io: CliIO): Promise<number> {
  if (options.report === true && options.out === undefined) throw new UsageError('--report writes the HTML report next to the exports: give --out <dir> too');
  const progress = createProgressReporter(io.stderr, io.isTTY === true, realClock);
  const config: RunnerConfig = {
    runsPerScenario: options.runs,
    time: options.time,
    onProgress: (p) => progress.update(p),
    ...(options.scenarios === undefined ? {} : { scenarios: options.scenarios }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.journal === undefined ? {} : { journal: options.journal }),
    ...(options.runTimeout === undefined ? {} : { runTimeoutSeconds: options.runTimeout }),
    ...(options.delay === undefined ? {} : { delayBetweenRuns: options.delay }),
    ...(options.module === undefined ? {} : { workerModule: options.module }),
    ...(options.accuracyThreshold === undefined ? {} : { accuracyThreshold: options.accuracyThreshold }),
  };
  let runner: ChaosRunner;
  try {
    runner = new ChaosRunner(config);
  } catch (error: unknown) {
    asUsage(error);
  }
  let summary: RunnerSummary;
  try {
    summary = await runner.runAll();
  } catch (error: unknown) {
    progress.finish();
    asUsage(error);
  }
  progress.finish();

  let paths: Record<string, string> | undefined;
  if (options.out !== undefined) {
    paths = {
      ...(await quickExport(summary.metrics, {
        outputDir: options.out,
        context: {
          seed: summary.seed,
          scenarios: summary.scenarios.map((s) => s.scenario),
          config: {
            runsPerScenario: summary.runsPerScenario,
            time: summary.time,
            concurrency: summary.concurrency,
            runTimeoutSeconds: options.runTimeout ?? null,
            delayBetweenRuns: options.delay ?? 0,
            accuracyThreshold: summary.accuracyThreshold,
          },
          labels: { tool: 'chaos run', runner: runnerVersion() },
        },
      })),
    };
    if (options.report === true) {
      paths['report'] = await writeHtmlReport(paths['fullMetrics'] as string, reportPathFor(paths['fullMetrics'] as string));
    }
  }

  if (options.json === true) {
    io.stdout.write(`${JSON.stringify({ ...summaryToJSON(summary), ...(paths === undefined ? {} : { exports: paths }) }, null, 2)}\n`);
  } else {
    io.stdout.write(formatSummary(summary, options.module));
    // Why a parallel campaign ran in this thread, when parallelism was asked for.
    if (summary.backendNote !== undefined && options.concurrency !== undefined && options.concurrency > 1) io.stdout.write(`Note: ${summary.backendNote}\n`);
    if (paths !== undefined) {
      io.stdout.write(`Wrote:\n${Object.values(paths).map((p) => `  ${p}\n`).join('')}`);
    }
  }
  return summary.allHeld ? EXIT_CODES.ok : EXIT_CODES.failed;
}

async function reportCommand(input: string, options: ReportOptions, io: CliIO): Promise<number> {
  const campaign = await asUsageOnBadInput(loadReportCampaign(input));
  const out = options.out ?? reportPathFor(campaign.source);
  const written = await asUsageOnBadInput(writeHtmlReport(campaign, out));
  io.stdout.write(`Wrote ${written}\n`);
  return EXIT_CODES.ok;
}

async function compareCommand(inputA: string, inputB: string, options: CompareOptions, io: CliIO): Promise<number> {
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
  let result: ScenarioResult;
  try {
    result = await replayRun({
      scenario: options.scenario,
      campaignSeed: options.seed,
      runIndex: options.run,
      time: options.time,
      ...(options.runTimeout === undefined ? {} : { runTimeoutSeconds: options.runTimeout }),
      ...(options.module === undefined ? {} : { workerModule: options.module }),
      ...(options.accuracyThreshold === undefined ? {} : { accuracyThreshold: options.accuracyThreshold }),
    });
  } catch (error: unknown) {
    asUsage(error);
  }
  if (options.json === true) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout.write(formatTimeline(result, options.seed, options.run, options.time, options.accuracyThreshold));
  return result.success ? EXIT_CODES.ok : EXIT_CODES.failed;
}

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
      // One line: commander's suggestion ("Did you mean …?") joins the reason.
      outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, ' ')}\n`),
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

  program
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
    .option('--run-timeout <seconds>', 'real-time watchdog per run (default: 30 virtual, 600 real)', positiveSeconds)
    .option('--delay <seconds>', 'pause between runs (slept under real time)', nonNegativeSeconds)
    .option('--module <path>', 'a module registering/exporting your scenarios (and workflowFactory); workers import it too', nonEmpty)
    .option('--report', 'also write the HTML report next to the exports (needs --out)')
    .option('--accuracy-threshold <x>', 'reconstruction accuracy (0..1) a recovery needs to be correct; below it a run did not recover (default 0.9)', fraction)
    .action(async (options: RunOptions) => {
      exitCode = await runCommand(options, io);
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
    .requiredOption('--seed <seed>', 'the campaign seed', nonEmpty)
    .requiredOption('--run <index>', 'the run index (from 0)', nonNegativeInteger)
    .addOption(new Option('--time <mode>', 'as in the campaign').choices(['virtual', 'real']).default('virtual'))
    .option('--run-timeout <seconds>', 'real-time watchdog (default: 30 virtual, 600 real)', positiveSeconds)
    .option('--module <path>', 'a module registering/exporting your scenarios', nonEmpty)
    .option('--accuracy-threshold <x>', 'as in the campaign (default 0.9)', fraction)
    .option('--json', 'print the run result as JSON')
    .action(async (options: ReplayOptions) => {
      exitCode = await replayCommand(options, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error: unknown) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    if (error instanceof UsageError) {
      io.stderr.write(`chaos: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return EXIT_CODES.usage;
    }
    io.stderr.write(`chaos: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_CODES.failed;
  }
}

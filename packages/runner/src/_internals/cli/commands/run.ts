import { resolve } from 'node:path';
import { realClock } from '@chaos/config';
import { quickExport, reportPathFor, writeHtmlReport } from '@chaos/export';
import { type Command, Option } from 'commander';
import { ChaosRunner } from '../../../ChaosRunner.js';
import { createProgressReporter } from '../../../createProgressReporter.js';
import { formatSummary } from '../../../formatSummary.js';
import { summaryToJSON } from '../../../summaryToJSON.js';
import type { RunnerConfig, RunnerSummary, TimeMode } from '../../../types.js';
import { runnerVersion } from '../../moduleLocation.js';
import { redactRedisUrl } from '../../redisUrl.js';
import { DEFAULT_RUN_TIMEOUT_SECONDS } from '../../runSettings.js';
import { commandLine } from '../../shell.js';
import { loadCampaignSettings } from '../campaignSettings.js';
import { ENVIRONMENT_HELP, environmentLine, readEnvironmentWarning, type CampaignEnvironment } from '../chaosEnv.js';
import type { CliContext } from '../context.js';
import { applyGates, campaignExitCode, checkGateScenarios, type GateVerdict, gatesToJSON, parseGates } from '../gates.js';
import { CampaignInterrupted, exitCodeOf, trapStopSignals } from '../interrupt.js';
import { invocationName } from '../invocation.js';
import { junitReport } from '../junit.js';
import { checkJunitTarget, writeJunitFile } from '../junitFile.js';
import { rethrowAsUsage } from '../loadModule.js';
import { FIGURES, type Objective } from '../../objectives.js';
import { fraction, nonEmpty, nonNegativeSeconds, positiveInteger, repeatable, scenarioList, watchdogSeconds } from '../options.js';
import { preflight, type PlannedWrite } from '../preflight.js';
import { addRunBackendOptions, openRunBackend, type RunBackendOptions } from '../runBackendOption.js';
import { note, UsageError, type CliIO } from '../usage.js';
import { addUntilOptions, reportUntil, untilJson, untilRuleOf, type UntilOptions } from '../untilOption.js';
import { runUntil, type UntilOutcome, type UntilRule } from '../../until/runUntil.js';

/** The options of `chaos run`, as commander parses them. */
export interface RunOptions extends RunBackendOptions, UntilOptions {
  scenarios?: string[];
  runs: number;
  seed?: string;
  time: TimeMode;
  out?: string;
  journal?: string;
  json?: boolean;
  runTimeout?: number;
  delay?: number;
  module?: string;
  report?: boolean;
  accuracyThreshold?: number;
  /** `--junit FILE`: the campaign as JUnit XML. */
  junit?: string;
  /** `--fail-on EXPR` (repeatable): objectives that fail the campaign when they hold. */
  failOn?: string[];
}

/** Adds `chaos run` to the program. */
export function addRunCommand(program: Command, { io, argv, env, setExitCode }: CliContext): void {
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
    .option('--run-timeout <seconds>', `real-time watchdog per run (default: ${DEFAULT_RUN_TIMEOUT_SECONDS.virtual} virtual, ${DEFAULT_RUN_TIMEOUT_SECONDS.real} real)`, watchdogSeconds)
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
  addRunBackendOptions(addUntilOptions(run)).action(async (options: RunOptions) => {
    setExitCode(await runCommand(options, argv, io, env));
  });
}

/** What the campaign has done so far, for a message if it is stopped. */
interface Tally {
  done: number;
  total: number;
}

/** The runner's configuration for these options and environment. */
async function runnerConfig(
  options: RunOptions,
  env: CampaignEnvironment,
  io: CliIO,
  backend: RunnerConfig['backend'],
  onProgress: RunnerConfig['onProgress'],
): Promise<RunnerConfig> {
  const settings = await loadCampaignSettings(options, env);
  const seed = options.seed ?? env.seed;
  return {
    runsPerScenario: options.runs,
    backend,
    time: options.time,
    onProgress,
    onNotice: (message) => note(io, message),
    ...(options.scenarios === undefined ? {} : { scenarios: options.scenarios }),
    ...(seed === undefined ? {} : { seed }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.journal === undefined ? {} : { journal: options.journal }),
    ...(options.runTimeout === undefined ? {} : { runTimeoutSeconds: options.runTimeout }),
    ...(options.delay === undefined ? {} : { delayBetweenRuns: options.delay }),
    ...settings,
  };
}

/** Every path the campaign will write. */
function plannedWrites(options: RunOptions): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  if (options.out !== undefined) writes.push({ option: '--out', path: options.out, kind: 'folder' });
  if (options.journal !== undefined) writes.push({ option: '--journal', path: options.journal, kind: 'file' });
  if (options.junit !== undefined) writes.push({ option: '--junit', path: options.junit, kind: 'file' });
  return writes;
}

/** The command that resumes this campaign: the same, with its seed made explicit. */
function resumeCommand(argv: readonly string[], seed: string, env: CampaignEnvironment, processEnv: NodeJS.ProcessEnv): string {
  // A Redis password is never printed: the command says where it goes instead.
  const words = argv.map((word, i) => (argv[i - 1] === '--redis' ? redactRedisUrl(word) : word.startsWith('--redis=') ? `--redis=${redactRedisUrl(word.slice(8))}` : word));
  if (!words.some((w) => w === '--seed' || w.startsWith('--seed='))) words.push('--seed', seed);
  const program = invocationName(processEnv).split(' ');
  return commandLine(env.assignments, [...program, ...words]);
}

function reportInterruption(io: CliIO, stop: CampaignInterrupted, tally: Tally, journal: string | undefined, resume: string): number {
  const none = tally.done === 0;
  if (journal === undefined) {
    const when = none ? 'before any run finished' : `after ${tally.done} of ${tally.total} runs: without --journal their results are lost`;
    note(io, `interrupted by ${stop.signal} ${when}. Give --journal FILE to make a campaign resumable.`);
  } else {
    const saved = none ? `before any run finished; ${journal} is ready to resume from` : `${tally.done} of ${tally.total} runs are saved in ${journal}`;
    note(io, `interrupted by ${stop.signal}: ${saved}. Resume with:`);
    io.stderr.write(`  ${resume}\n`);
  }
  return exitCodeOf(stop.signal);
}

async function writeExports(options: RunOptions, summary: RunnerSummary, env: CampaignEnvironment): Promise<Record<string, string> | undefined> {
  if (options.out === undefined) return undefined;
  const paths: Record<string, string> = {
    ...(await quickExport(summary.metrics, {
      outputDir: options.out,
      context: {
        seed: summary.seed,
        scenarios: summary.scenarios.map((s) => s.scenario),
        config: {
          runsPerScenario: summary.runsPerScenario,
          time: summary.time,
          concurrency: summary.concurrency,
          runTimeoutSeconds: summary.runTimeoutSeconds,
          delayBetweenRuns: options.delay ?? 0,
          accuracyThreshold: summary.accuracyThreshold,
          faults: summary.config,
          module: summary.workerModule ?? null,
          environment: env.assignments,
        },
        labels: { tool: 'chaos run', runner: runnerVersion() },
      },
    })),
  };
  if (options.report === true) {
    paths['report'] = await writeHtmlReport(paths['fullMetrics'] as string, reportPathFor(paths['fullMetrics'] as string));
  }
  return paths;
}

function printSummary(
  io: CliIO,
  processEnv: NodeJS.ProcessEnv,
  options: RunOptions,
  summary: RunnerSummary,
  env: CampaignEnvironment,
  paths: Record<string, string> | undefined,
  gates: readonly GateVerdict[],
  extra: Record<string, unknown> = {},
): void {
  if (options.json === true) {
    const json = {
      ...summaryToJSON(summary),
      environment: env.assignments,
      ...(paths === undefined ? {} : { exports: paths }),
      ...(gates.length === 0 ? {} : { gates: gatesToJSON(gates) }),
      ...extra,
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  io.stdout.write(formatSummary(summary, { command: invocationName(processEnv) }));
  io.stdout.write(environmentLine(env));
  // Why a parallel campaign ran in this thread, when parallelism was asked for.
  if (summary.backendNote !== undefined && options.concurrency !== undefined && options.concurrency > 1) io.stdout.write(`Note: ${summary.backendNote}\n`);
  if (paths !== undefined) io.stdout.write(`Wrote:\n${Object.values(paths).map((p) => `  ${p}\n`).join('')}`);
}

/**
 * `chaos run`: checks everything it can before the first run (options, `CHAOS_*`,
 * every path it will write), runs the campaign, writes the exports and prints the
 * summary. Stopped by a signal, it says what is saved and how to resume.
 */
export async function runCommand(options: RunOptions, argv: readonly string[], io: CliIO, processEnv: NodeJS.ProcessEnv): Promise<number> {
  if (options.report === true && options.out === undefined) throw new UsageError('--report writes the HTML report next to the exports: give --out <dir> too');
  const until = untilRuleOf(options);
  const gates = parseGates(options.failOn);
  const env = readEnvironmentWarning(io, processEnv);
  // Before anything runs: a remote backend must answer (Redis reachable), like every path must be writable.
  const execution = await openRunBackend(options, io, processEnv);
  try {
    return await runCampaign({ options, argv, io, processEnv, env, until, gates }, execution.backend);
  } finally {
    await execution.close();
  }
}

/** What `chaos run` has read and checked before the campaign. */
interface CampaignRequest {
  readonly options: RunOptions;
  readonly argv: readonly string[];
  readonly io: CliIO;
  readonly processEnv: NodeJS.ProcessEnv;
  readonly env: CampaignEnvironment;
  /** `--until`'s stopping rule, `undefined` for a campaign of a fixed size. */
  readonly until: UntilRule | undefined;
  readonly gates: readonly Objective[];
}

async function runCampaign({ options, argv, io, processEnv, env, until, gates }: CampaignRequest, backend: RunnerConfig['backend']): Promise<number> {
  const progress = createProgressReporter(io.stderr, io.isTTY === true, realClock);
  const tally: Tally = { done: 0, total: 0 };
  const config = await runnerConfig(options, env, io, backend, (p) => {
    tally.done = p.done;
    tally.total = p.total;
    progress.update(p);
  });
  let runner: ChaosRunner;
  try {
    runner = new ChaosRunner(config);
  } catch (error: unknown) {
    rethrowAsUsage(error);
  }
  checkGateScenarios(gates, runner.scenarios);
  preflight(plannedWrites(options));
  if (options.junit !== undefined) checkJunitTarget(options.junit);

  const stop = new AbortController();
  const signals = io.ownsProcess === true ? trapStopSignals(stop) : undefined;
  const onExit = (code: number): void => {
    progress.finish();
    note(io, `the process is exiting (code ${code}) in the middle of the campaign, after ${tally.done} of ${tally.total} runs${options.journal === undefined ? '' : ` (saved in ${options.journal})`}: something called process.exit.`);
  };
  if (io.ownsProcess === true) process.once('exit', onExit);
  let summary: RunnerSummary;
  let untilRun: { readonly rule: UntilRule; readonly outcome: UntilOutcome } | undefined;
  try {
    if (until === undefined) summary = await runner.runAll({ signal: stop.signal });
    else {
      const outcome = await runUntil({ ...config, seed: runner.seed }, until, { signal: stop.signal });
      untilRun = { rule: until, outcome };
      summary = outcome.summary;
    }
  } catch (error: unknown) {
    progress.finish();
    if (error instanceof CampaignInterrupted) {
      const journal = options.journal === undefined ? undefined : resolve(options.journal);
      return reportInterruption(io, error, tally, journal, resumeCommand(argv, runner.seed, env, processEnv));
    }
    rethrowAsUsage(error);
  } finally {
    signals?.dispose();
    process.off('exit', onExit);
  }
  progress.finish();
  const paths = await writeExports(options, summary, env);
  const verdicts = applyGates(gates, summary);
  const extra = untilRun === undefined ? {} : { until: untilJson(untilRun.outcome, untilRun.rule) };
  const junit = options.junit === undefined ? undefined : writeJunitFile(options.junit, junitReport(summary, { command: invocationName(processEnv), gates: verdicts }));
  printSummary(io, processEnv, options, summary, env, junit === undefined ? paths : { ...paths, junit }, verdicts, extra);
  if (untilRun !== undefined) reportUntil(io, untilRun.outcome, untilRun.rule);
  for (const verdict of verdicts) note(io, verdict.message);
  return campaignExitCode(summary, verdicts);
}

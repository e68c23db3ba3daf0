/** `chaos replay`: one run of a campaign alone, with its event timeline and verdicts. */
import type { FaultRule } from '@chaos/config';
import type { ScenarioResult } from '@chaos/scenarios';
import { type Command, Option } from 'commander';
import { replayRun } from '../../../replayRun.js';
import type { TimeMode } from '../../../types.js';
import { DEFAULT_RUN_TIMEOUT_SECONDS } from '../../runSettings.js';
import { formatTimeline } from '../../timeline.js';
import { loadCampaignSettings } from '../campaignSettings.js';
import { ENVIRONMENT_HELP, environmentLine, readEnvironmentWarning, requiredCampaignSeed } from '../chaosEnv.js';
import type { CliContext } from '../context.js';
import { rethrowAsUsage } from '../loadModule.js';
import { fraction, nonEmpty, nonNegativeInteger, watchdogSeconds } from '../options.js';
import { parsePlanOption } from '../planOption.js';
import { EXIT_CODES, type CliIO } from '../usage.js';

interface ReplayOptions {
  scenario: string;
  seed?: string;
  run: number;
  time: TimeMode;
  json?: boolean;
  runTimeout?: number;
  module?: string;
  accuracyThreshold?: number;
  plan?: FaultRule[];
}

/** Adds `chaos replay` to the program. */
export function addReplayCommand(program: Command, { io, env, setExitCode }: CliContext): void {
  program
    .command('replay')
    .description("re-run one run of a campaign alone and print its event timeline and steady-state verdicts")
    .requiredOption('--scenario <name>', 'the scenario', nonEmpty)
    .option('--seed <seed>', 'the campaign seed (default: CHAOS_RANDOM_SEED)', nonEmpty)
    .requiredOption('--run <index>', 'the run index (from 0)', nonNegativeInteger)
    .addOption(new Option('--time <mode>', 'as in the campaign').choices(['virtual', 'real']).default('virtual'))
    .option('--run-timeout <seconds>', `real-time watchdog (default: ${DEFAULT_RUN_TIMEOUT_SECONDS.virtual} virtual, ${DEFAULT_RUN_TIMEOUT_SECONDS.real} real)`, watchdogSeconds)
    .option('--module <path>', 'a module registering/exporting your scenarios (and workflowFactory)', nonEmpty)
    .option('--accuracy-threshold <x>', 'as in the campaign (default 0.9)', fraction)
    .option('--plan <json>', 'replay with these fault rules (JSON, as `chaos shrink` prints) instead of the scenario\'s plan and faults by chance', parsePlanOption)
    .option('--json', 'print the run result as JSON')
    .addHelpText('after', ENVIRONMENT_HELP)
    .action(async (options: ReplayOptions) => {
      setExitCode(await replayCommand(options, io, env));
    });
}

async function replayCommand(options: ReplayOptions, io: CliIO, processEnv: NodeJS.ProcessEnv): Promise<number> {
  const env = readEnvironmentWarning(io, processEnv);
  const seed = requiredCampaignSeed(options.seed, env);
  const settings = await loadCampaignSettings(options, env);
  let result: ScenarioResult;
  try {
    result = await replayRun({
      scenario: options.scenario,
      campaignSeed: seed,
      runIndex: options.run,
      time: options.time,
      ...(options.runTimeout === undefined ? {} : { runTimeoutSeconds: options.runTimeout }),
      ...settings,
      ...(options.plan === undefined ? {} : { plan: options.plan }),
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

/**
 * `chaos shrink`: the faults that matter in a failed run. Replays the run with the
 * faults it fired pinned to their calls, shrinks them (ddmin, simpler details) to a
 * 1-minimal plan, and prints it ready to paste into `defineScenario`, with the check it
 * still fails and the command that replays it.
 */
import { realClock } from '@chaos/config';
import { writeShrinkReport } from '@chaos/export';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { isShrinkError } from '../../../ShrinkError.js';
import { shrinkRun, type ShrinkResult } from '../../../shrinkRun.js';
import { commandLine } from '../../shell.js';
import { replayWords } from '../../replayHint.js';
import { DEFAULT_MAX_REPLAYS } from '../../shrink/maxReplays.js';
import { loadCampaignSettings } from '../campaignSettings.js';
import { readEnvironmentWarning, requiredCampaignSeed, type CampaignEnvironment } from '../chaosEnv.js';
import { invocationName } from '../invocation.js';
import { rethrowAsUsage } from '../loadModule.js';
import { fraction, nonEmpty, nonNegativeInteger, positiveInteger } from '../options.js';
import { preflight } from '../preflight.js';
import { EXIT_CODES, UsageError, type CliIO } from '../usage.js';

interface ShrinkOptions {
  scenario: string;
  seed?: string;
  run: number;
  module?: string;
  check?: string;
  accuracyThreshold?: number;
  maxReplays?: number;
  report?: string;
  json?: boolean;
}

/** Adds `chaos shrink` to the program. */
export function addShrinkCommand(program: Command, { io, env, setExitCode }: CliContext): void {
  program
    .command('shrink')
    .description('shrink a failed run to the faults that matter: a 1-minimal plan of pinned faults that still fails the same check')
    .requiredOption('--scenario <name>', 'the scenario', nonEmpty)
    .option('--seed <seed>', 'the campaign seed (default: CHAOS_RANDOM_SEED)', nonEmpty)
    .requiredOption('--run <index>', 'the run index (from 0)', nonNegativeInteger)
    .option('--module <path>', 'a module registering/exporting your scenarios (and workflowFactory)', nonEmpty)
    .option('--check <name>', 'the failed check to keep failing (default: the first the run failed)', nonEmpty)
    .option('--accuracy-threshold <x>', 'as in the campaign (default 0.9)', fraction)
    .option('--max-replays <n>', `most replays to spend (default ${DEFAULT_MAX_REPLAYS})`, positiveInteger)
    .option('--report <file>', 'also write an HTML page of the result', nonEmpty)
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nThe run is named as for `chaos replay`, with the same CHAOS_* fault settings. Every candidate is a replay\n' +
        'under virtual time with the run\'s seed. Exit 0 with a plan; 2 when the run passed, does not replay\n' +
        '(a workflow that is not deterministic: the first divergence is named), or its faults cannot be pinned.',
    )
    .action(async (options: ShrinkOptions) => {
      setExitCode(await shrinkCommand(options, io, env));
    });
}

/** The command that replays the shrunk plan: `chaos replay` of the run with `--plan`. */
function replayCommand(result: ShrinkResult, options: ShrinkOptions, env: CampaignEnvironment, processEnv: NodeJS.ProcessEnv): string {
  const words = replayWords(invocationName(processEnv), {
    scenario: result.scenario,
    seed: String(result.campaignSeed),
    runIndex: options.run,
    ...(options.module === undefined ? {} : { workerModule: options.module }),
    ...(options.accuracyThreshold === undefined ? {} : { accuracyThreshold: options.accuracyThreshold }),
  });
  words.push('--plan', JSON.stringify(result.plan));
  return commandLine(env.assignments, words);
}

async function shrinkCommand(options: ShrinkOptions, io: CliIO, processEnv: NodeJS.ProcessEnv): Promise<number> {
  const env = readEnvironmentWarning(io, processEnv);
  const seed = requiredCampaignSeed(options.seed, env);
  if (options.report !== undefined) preflight([{ option: '--report', path: options.report, kind: 'file' }]);
  const settings = await loadCampaignSettings(options, env);
  const started = realClock.now();
  let result: ShrinkResult;
  try {
    result = await shrinkRun({
      scenario: options.scenario,
      campaignSeed: seed,
      runIndex: options.run,
      ...settings,
      ...(options.check === undefined ? {} : { check: options.check }),
      ...(options.maxReplays === undefined ? {} : { maxReplays: options.maxReplays }),
    });
  } catch (error: unknown) {
    if (isShrinkError(error)) throw new UsageError(`cannot shrink: ${error.message}`);
    rethrowAsUsage(error);
  }
  const replay = replayCommand(result, options, env, processEnv);
  const wallSeconds = (realClock.now() - started) / 1000;
  const written = options.report === undefined ? undefined : await writeShrinkReport({ ...result, replayCommand: replay }, options.report);
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify({ ...result, replayCommand: replay, wallSeconds, ...(written === undefined ? {} : { report: written }) }, null, 2)}\n`);
    return EXIT_CODES.ok;
  }
  io.stdout.write(
    `${result.scenario} run ${options.run} of campaign '${seed}' fired ${result.fired} faults; ${result.plan.length} of them still fail ` +
      `"${result.check.name}" (${result.check.detail}).\n` +
      `${result.oneMinimal ? 'Removing any one of them makes the check pass (each removal replayed).' : `Not shown 1-minimal: --max-replays ${options.maxReplays ?? DEFAULT_MAX_REPLAYS} ran out.`} ` +
      `${result.replays} replays in ${wallSeconds.toFixed(2)} s.\n\n` +
      `The plan, to paste into defineScenario({ … }) (run it with seed '${result.seed}'):\n\n${result.planSource}\n\nReplay it:\n  ${replay}\n`,
  );
  if (written !== undefined) io.stdout.write(`Wrote ${written}\n`);
  return EXIT_CODES.ok;
}

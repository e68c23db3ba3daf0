/**
 * `chaos plan --pilot DIR --detect "mttr -10%" --power 0.8`: how many runs per scenario
 * two campaigns need for `chaos compare` to detect that change with that power, by
 * simulation from the pilot campaign's recovery times (bootstrap of its runs).
 */
import { loadReportCampaign } from '@chaos/export';
import { errorMessage, table } from '@chaos/format';
import { type Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../context.js';
import { asUsageOnBadInput } from '../exportInput.js';
import { type Change, parseChange } from '../../power/change.js';
import { pilotScenarios } from '../../power/pilot.js';
import { runsForPower, type RunsForPower } from '../../power/power.js';
import { fraction, nonEmpty, positiveInteger } from '../options.js';
import { EXIT_CODES, UsageError, type CliIO } from '../usage.js';

interface PlanOptions {
  pilot: string;
  detect: Change;
  power: number;
  alpha: number;
  simulations: number;
  seed: string;
  json?: boolean;
}

function change(value: string): Change {
  try {
    return parseChange(value);
  } catch (error: unknown) {
    throw new InvalidArgumentError(errorMessage(error));
  }
}

/** Adds `chaos plan` to the program. */
export function addPlanCommand(program: Command, { io, setExitCode }: CliContext): void {
  program
    .command('plan')
    .description('how many runs per scenario two campaigns need to detect a change of MTTR-A with a given power, simulated from a pilot campaign')
    .requiredOption('--pilot <export>', 'the pilot campaign: an export folder or chaos_full_metrics_<ts>.json', nonEmpty)
    .requiredOption('--detect <change>', 'the change to detect, e.g. "mttr -10%"', change)
    .option('--power <p>', 'the power wanted (0..1)', fraction, 0.8)
    .option('--alpha <a>', 'the significance level of the test (two-sided Mann–Whitney U, as chaos compare)', fraction, 0.05)
    .option('--simulations <n>', 'simulated pairs of campaigns per size', positiveInteger, 1000)
    .option('--seed <seed>', 'seed of the simulation', nonEmpty, 'chaos-plan')
    .option('--json', 'print the plan as JSON')
    .action(async (options: PlanOptions) => {
      setExitCode(await planCommand(options, io));
    });
}

interface ScenarioPlan extends Partial<RunsForPower> {
  readonly scenario: string;
  readonly pilotRuns: number;
  readonly recoveries: number;
  /** Why there is no plan for it. */
  readonly skipped?: string;
}

async function planCommand(options: PlanOptions, io: CliIO): Promise<number> {
  if (!(options.power > 0 && options.power < 1)) throw new UsageError(`--power must be strictly between 0 and 1, got ${options.power}`);
  if (!(options.alpha > 0 && options.alpha < 1)) throw new UsageError(`--alpha must be strictly between 0 and 1, got ${options.alpha}`);
  const pilot = await asUsageOnBadInput(loadReportCampaign(options.pilot));
  const plans: ScenarioPlan[] = pilotScenarios(pilot.metrics).map((s) => {
    const common = { scenario: s.scenario, pilotRuns: s.runs.length, recoveries: s.recoveries };
    if (s.recoveries < 2) return { ...common, skipped: 'fewer than two recovery times in the pilot' };
    return { ...common, ...runsForPower(s.runs, options.power, { change: options.detect.relative, alpha: options.alpha, simulations: options.simulations, seed: options.seed }) };
  });
  if (plans.length === 0) throw new UsageError(`the pilot ${pilot.source} holds no run`);
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify({ pilot: pilot.source, detect: options.detect.text, power: options.power, alpha: options.alpha, simulations: options.simulations, scenarios: plans }, null, 2)}\n`);
    return EXIT_CODES.ok;
  }
  io.stdout.write(
    `To detect ${options.detect.text} (MTTR-A ${options.detect.relative > 0 ? '+' : ''}${(options.detect.relative * 100).toFixed(0)} %) with power ${options.power} ` +
      `at alpha ${options.alpha}, simulated from ${pilot.source}:\n\n`,
  );
  const rows = plans.map((p) => [
    p.scenario,
    String(p.pilotRuns),
    String(p.recoveries),
    p.skipped ?? (p.runs === null || p.runs === undefined ? `more than 100000 (power ${p.power?.toFixed(2)} there)` : `${p.runs} (power ${p.power?.toFixed(2)})`),
  ]);
  io.stdout.write(`${table(['scenario', 'pilot runs', 'recoveries', 'runs per campaign'], rows, ['left', 'right', 'right', 'left'])}\n`);
  io.stdout.write('\nEach of the two campaigns needs that many runs of the scenario; chaos compare then tests the difference.\n');
  return EXIT_CODES.ok;
}

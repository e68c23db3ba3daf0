/**
 * `--until EXPR --max-runs N` of `chaos run`: add batches of `--runs` runs per scenario
 * until the objective holds. Checked before anything runs.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { formatFigure, type Objective, ObjectiveSyntaxError, parseObjective } from '../objectives.js';
import type { UntilOutcome, UntilRule } from '../until/runUntil.js';
import { positiveInteger } from './options.js';
import { type CliIO, note, UsageError } from './usage.js';

/** The options `--until` adds, as commander parses them. */
export interface UntilOptions {
  until?: Objective;
  maxRuns?: number;
  runs: number;
  journal?: string;
}

function objective(value: string): Objective {
  try {
    return parseObjective(value);
  } catch (error: unknown) {
    if (error instanceof ObjectiveSyntaxError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** Adds `--until` and `--max-runs` to `chaos run`. */
export function addUntilOptions(command: Command): Command {
  return command
    .option('--until <objective>', 'add batches of --runs runs per scenario until this holds, e.g. mttr.ci95.halfwidth<5% (needs --max-runs)', objective)
    .option('--max-runs <n>', 'with --until: most runs per scenario', positiveInteger);
}

/**
 * The stopping rule of these options, `undefined` without `--until`.
 *
 * @throws {@link UsageError} for `--until` without `--max-runs` (or the reverse), a
 *   `--max-runs` below `--runs`, or `--until` with `--journal`
 */
export function untilRuleOf(options: UntilOptions): UntilRule | undefined {
  if (options.until === undefined) {
    if (options.maxRuns !== undefined) throw new UsageError('--max-runs bounds a campaign run --until an objective holds: give --until <objective> too');
    return undefined;
  }
  if (options.maxRuns === undefined) {
    throw new UsageError(`--until ${options.until.text} needs --max-runs <n>, the most runs per scenario to spend before giving up (optional stopping must have a bound)`);
  }
  if (options.maxRuns < options.runs) throw new UsageError(`--max-runs ${options.maxRuns} is below --runs ${options.runs}, the size of each batch`);
  if (options.journal !== undefined) throw new UsageError('--until cannot be combined with --journal: each batch makes a larger campaign, which a journal does not describe');
  return { objective: options.until, maxRuns: options.maxRuns };
}

/** The line saying why the campaign stopped. */
export function untilLine(outcome: UntilOutcome, rule: UntilRule): string {
  const last = outcome.readings.at(-1);
  const unit = rule.objective.figure.unit;
  const value = formatFigure(unit, last?.value ?? null);
  const threshold = formatFigure(unit, last?.threshold ?? null);
  const runs = outcome.summary.runsPerScenario;
  return outcome.met
    ? `--until ${rule.objective.text}: held after ${outcome.batches} batch(es), ${runs} runs per scenario (${rule.objective.figure.name} ${value}, threshold ${threshold})`
    : `--until ${rule.objective.text}: did not hold after ${runs} runs per scenario (--max-runs ${rule.maxRuns}; ${rule.objective.figure.name} ${value}, threshold ${threshold})`;
}

/** Reports the outcome on stderr. */
export function reportUntil(io: CliIO, outcome: UntilOutcome, rule: UntilRule): void {
  note(io, untilLine(outcome, rule));
}

/** The outcome as plain data for `--json`. */
export function untilJson(outcome: UntilOutcome, rule: UntilRule): Record<string, unknown> {
  return {
    objective: rule.objective.text,
    maxRuns: rule.maxRuns,
    met: outcome.met,
    batch: outcome.batch,
    batches: outcome.batches,
    runsPerScenario: outcome.summary.runsPerScenario,
    readings: outcome.readings.map((r) => ({ value: r.value, threshold: r.threshold, holds: r.holds })),
  };
}

/**
 * Objectives: conditions on a campaign's figures, written as a user types them on a
 * command line — `successRate<99`, `mttr.p95>10s`, `MarketingTimeout:nrr<0.5`,
 * `mttr.ci95.halfwidth<5%`. One language for every feature that judges a campaign by
 * its figures (CI gates, stopping a campaign once precise, sweeping for a breaking
 * point), so a figure means the same everywhere and is spelled one way.
 *
 * An objective is a condition; what it means to meet it is its user's: `--fail-on`
 * fails when the condition holds, `--until` stops when it does.
 */
import type { Interval } from '@chaos/metrics';
import type { MttrStats, RecoveryStats } from '../types.js';

/** What every group of runs (the campaign, or one scenario) reports. */
export interface FigureGroup {
  readonly runs?: number;
  readonly successRate: number | null;
  readonly successInterval: Interval | null;
  readonly recoveryRate: number | null;
  readonly recoveryInterval: Interval | null;
  readonly taskCompletionRate?: number | null;
  readonly mttr: MttrStats;
  readonly recoveries: RecoveryStats;
}

/**
 * How a figure is measured, which decides the units its threshold may be written in:
 * `percent` (0..100; `99` or `99%`), `seconds` (`10`, `10s`, `500ms`, `2min`), `fraction`
 * (0..1; `0.9` or `90%`), `ratio` (a plain number, may be negative).
 */
export type FigureUnit = 'percent' | 'seconds' | 'fraction' | 'ratio';

/** A figure objectives can name. */
export interface FigureDefinition {
  readonly name: string;
  readonly unit: FigureUnit;
  readonly description: string;
  readonly value: (group: FigureGroup) => number | null;
  /** The 95 % interval of the figure, when it has one (for decisions under uncertainty). */
  readonly interval?: (group: FigureGroup) => Interval | null;
  /** What `%` is a share of, for a figure in seconds (`mttr.ci95.halfwidth<5%`: 5 % of MTTR-A). */
  readonly relativeTo?: (group: FigureGroup) => number | null;
}

const halfWidth = (interval: Interval | null): number | null => (interval === null ? null : (interval.high - interval.low) / 2);

/** Every figure an objective can name, in the order `--help` lists them. */
export const FIGURES: readonly FigureDefinition[] = [
  { name: 'successRate', unit: 'percent', description: 'runs whose steady state held, %', value: (g) => g.successRate, interval: (g) => g.successInterval },
  { name: 'successRate.ci95.low', unit: 'percent', description: 'low end of its Wilson 95 % interval', value: (g) => g.successInterval?.low ?? null },
  { name: 'successRate.ci95.high', unit: 'percent', description: 'high end of its Wilson 95 % interval', value: (g) => g.successInterval?.high ?? null },
  { name: 'successRate.ci95.halfwidth', unit: 'percent', description: 'half the width of that interval, % points', value: (g) => halfWidth(g.successInterval) },
  { name: 'recoveryRate', unit: 'percent', description: 'runs that recovered from every fault needing it, %', value: (g) => g.recoveryRate, interval: (g) => g.recoveryInterval },
  { name: 'correctRecoveryRate', unit: 'percent', description: 'scored recoveries that were successful and accurate enough, %', value: (g) => g.recoveries.correctRate, interval: (g) => g.recoveries.correctInterval },
  { name: 'recoverySuccessRate', unit: 'percent', description: 'recovery attempts that succeeded, %', value: (g) => g.recoveries.successRate },
  { name: 'accuracy', unit: 'fraction', description: 'mean reconstruction accuracy, 0..1', value: (g) => g.recoveries.reconstructionAccuracy },
  { name: 'taskCompletionRate', unit: 'percent', description: 'runs whose task completed, %', value: (g) => g.taskCompletionRate ?? null },
  { name: 'mttr', unit: 'seconds', description: 'MTTR-A, the mean time to recovery (as mttr.mean)', value: (g) => g.mttr.mean, interval: (g) => g.mttr.ci95 },
  { name: 'mttr.mean', unit: 'seconds', description: 'MTTR-A', value: (g) => g.mttr.mean, interval: (g) => g.mttr.ci95 },
  { name: 'mttr.median', unit: 'seconds', description: 'MedTTR-A', value: (g) => g.mttr.median },
  { name: 'mttr.p90', unit: 'seconds', description: '90th percentile of recovery time', value: (g) => g.mttr.p90 },
  { name: 'mttr.p95', unit: 'seconds', description: '95th percentile of recovery time', value: (g) => g.mttr.p95 },
  { name: 'mttr.p99', unit: 'seconds', description: '99th percentile of recovery time', value: (g) => g.mttr.p99 },
  { name: 'mttr.max', unit: 'seconds', description: 'longest recovery', value: (g) => g.mttr.max },
  { name: 'mttr.std', unit: 'seconds', description: 'standard deviation of recovery time', value: (g) => g.mttr.std },
  { name: 'mttr.ci95.low', unit: 'seconds', description: 'low end of the bootstrap 95 % interval of MTTR-A', value: (g) => g.mttr.ci95?.low ?? null },
  { name: 'mttr.ci95.high', unit: 'seconds', description: 'high end of that interval', value: (g) => g.mttr.ci95?.high ?? null },
  {
    name: 'mttr.ci95.halfwidth',
    unit: 'seconds',
    description: 'half the width of that interval (with %: a share of MTTR-A)',
    value: (g) => halfWidth(g.mttr.ci95),
    relativeTo: (g) => g.mttr.mean,
  },
  { name: 'mttd', unit: 'seconds', description: 'mean time to detect', value: (g) => g.mttr.detectMean },
  { name: 'mtbf', unit: 'seconds', description: 'mean time between a recovery and the next fault', value: (g) => g.mttr.mtbf },
  { name: 'nrr', unit: 'ratio', description: 'NRR, 1 − MTTR-A / MTBF over the runs where MTBF is defined', value: (g) => g.mttr.nrr },
  { name: 'nrrMedian', unit: 'ratio', description: 'NRR from the median, 1 − MedTTR-A / MTBF', value: (g) => g.mttr.nrrMedian },
  { name: 'uptime', unit: 'fraction', description: 'MTBF / (MTBF + MTTR-A), 0..1', value: (g) => g.mttr.uptime },
];

const BY_NAME = new Map(FIGURES.map((figure) => [figure.name, figure]));

/** A comparison an objective makes. */
export type ObjectiveOperator = '<' | '<=' | '>' | '>=';

/** A parsed objective. */
export interface Objective {
  /** As the user wrote it. */
  readonly text: string;
  /** The scenario it is about (`Scenario:` prefix), or `undefined` for the whole campaign. */
  readonly scenario: string | undefined;
  readonly figure: FigureDefinition;
  readonly operator: ObjectiveOperator;
  /** The threshold in the figure's own unit (seconds, %, 0..1), or a share of its reference when `relative`. */
  readonly threshold: number;
  /** `%` on a figure in seconds: the threshold is a share (0..1) of the figure's reference. */
  readonly relative: boolean;
}

/**
 * An objective that is not well formed, or about a scenario the campaign does not run;
 * the message says what is wrong and what is expected. A `RangeError`, as every bad
 * option value is, so whoever turns those into usage errors needs no case for it.
 */
export class ObjectiveSyntaxError extends RangeError {
  override readonly name = 'ObjectiveSyntaxError';
}

const SYNTAX = /^(?:(.*):)?([A-Za-z][\w.]*)\s*(<=|>=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*(%|ms|s|min)?$/i;
const SECONDS_PER: Readonly<Record<string, number>> = { ms: 0.001, s: 1, min: 60 };

function syntaxError(text: string, why: string): ObjectiveSyntaxError {
  return new ObjectiveSyntaxError(
    `${JSON.stringify(text)} is not an objective: ${why}. Expected [Scenario:]figure<op>value, e.g. successRate<99, mttr.p95>10s, ` +
      'MarketingTimeout:nrr<0.5, mttr.ci95.halfwidth<5%',
  );
}

/** The threshold in the figure's unit, from the number and the unit as written. */
function thresholdOf(text: string, figure: FigureDefinition, number: number, suffix: string | undefined): { threshold: number; relative: boolean } {
  const unit = suffix?.toLowerCase();
  switch (figure.unit) {
    case 'percent':
      if (unit !== undefined && unit !== '%') throw syntaxError(text, `${figure.name} is a percentage: write ${number} or ${number}%, not ${suffix}`);
      return { threshold: number, relative: false };
    case 'fraction':
      if (unit === '%') return { threshold: number / 100, relative: false };
      if (unit !== undefined) throw syntaxError(text, `${figure.name} is a fraction (0..1): write a number or a percentage, not ${suffix}`);
      return { threshold: number, relative: false };
    case 'ratio':
      if (unit !== undefined) throw syntaxError(text, `${figure.name} is a plain number: write it without a unit`);
      return { threshold: number, relative: false };
    case 'seconds':
      if (unit === '%') {
        if (figure.relativeTo === undefined) throw syntaxError(text, `${figure.name} is a time: write seconds (10s, 500ms, 2min), not a percentage`);
        return { threshold: number / 100, relative: true };
      }
      return { threshold: number * (SECONDS_PER[unit ?? 's'] ?? 1), relative: false };
  }
}

/**
 * Reads an objective.
 *
 * @throws {@link ObjectiveSyntaxError} naming the expression, what is wrong, and the
 *   known figures when the figure is unknown
 * @example
 * ```ts
 * parseObjective('MarketingTimeout:mttr.p95>10s');
 * // { scenario: 'MarketingTimeout', figure: mttr.p95, operator: '>', threshold: 10, relative: false }
 * ```
 */
export function parseObjective(text: string): Objective {
  const match = SYNTAX.exec(text.trim());
  if (match === null) throw syntaxError(text, 'it does not read as a comparison');
  const [, scenario, name = '', operator, number = ''] = match;
  const figure = BY_NAME.get(name);
  if (figure === undefined) {
    throw new ObjectiveSyntaxError(`${JSON.stringify(text)} names an unknown figure "${name}". Known figures: ${FIGURES.map((f) => f.name).join(', ')}`);
  }
  const value = Number(number);
  const { threshold, relative } = thresholdOf(text, figure, value, match[5]);
  const trimmed = scenario?.trim();
  if (trimmed === '') throw syntaxError(text, 'the scenario before ":" is empty');
  return { text: text.trim(), scenario: trimmed, figure, operator: operator as ObjectiveOperator, threshold, relative };
}

/**
 * Checks that every objective's scenario is one of the campaign's.
 *
 * @throws {@link ObjectiveSyntaxError} naming the objective and the campaign's scenarios
 */
export function checkObjectiveScenarios(objectives: readonly Objective[], scenarios: readonly string[]): void {
  for (const objective of objectives) {
    if (objective.scenario !== undefined && !scenarios.includes(objective.scenario)) {
      throw new ObjectiveSyntaxError(
        `${JSON.stringify(objective.text)} is about scenario "${objective.scenario}", which this campaign does not run. Its scenarios: ${scenarios.join(', ')}`,
      );
    }
  }
}

/** What an objective found in a campaign. */
export interface ObjectiveReading {
  readonly objective: Objective;
  /** The figure's measured value in its unit; `null` when the campaign gave none (no recovery measured…). */
  readonly value: number | null;
  /** The threshold it was compared with, in the figure's unit (a relative one resolved). */
  readonly threshold: number | null;
  /** Whether the condition holds; `null` when the value (or the reference of `%`) is missing. */
  readonly holds: boolean | null;
}

/** Whether `value` meets `operator threshold` (e.g. `value >= 91`). */
export function compare(value: number, operator: ObjectiveOperator, threshold: number): boolean {
  switch (operator) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}

/**
 * Reads an objective's figure in a group of runs (the campaign, or the scenario it
 * names, found with `scenarioGroup`) and says whether its condition holds.
 */
export function readObjective(objective: Objective, campaign: FigureGroup, scenarioGroup: (name: string) => FigureGroup | undefined): ObjectiveReading {
  const group = objective.scenario === undefined ? campaign : scenarioGroup(objective.scenario);
  const value = group === undefined ? null : objective.figure.value(group);
  const reference = objective.relative && group !== undefined ? (objective.figure.relativeTo?.(group) ?? null) : null;
  const threshold = objective.relative ? (reference === null ? null : objective.threshold * reference) : objective.threshold;
  const holds = value === null || threshold === null ? null : compare(value, objective.operator, threshold);
  return { objective, value, threshold, holds };
}

/** `12.3 s`, `97.5 %`, `0.912`: a figure's value in its unit, for messages. */
export function formatFigure(unit: FigureUnit, value: number | null): string {
  if (value === null) return 'not measured';
  switch (unit) {
    case 'percent':
      return `${Number(value.toFixed(2))} %`;
    case 'seconds':
      return `${Number(value.toFixed(3))} s`;
    case 'fraction':
    case 'ratio':
      return String(Number(value.toFixed(4)));
  }
}

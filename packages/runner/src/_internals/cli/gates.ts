/**
 * `chaos run --fail-on EXPR`: service-level objectives as CI gates. A gate is an
 * objective of `../objectives.ts` (`successRate<99`, `mttr.p95>10s`,
 * `MarketingTimeout:nrr<0.5`) that fails the campaign when its condition holds.
 */
import type { RunnerSummary } from '../../types.js';
import {
  checkObjectiveScenarios,
  formatFigure,
  type Objective,
  ObjectiveSyntaxError,
  type ObjectiveReading,
  parseObjective,
  readObjective,
} from '../objectives.js';
import { EXIT_CODES, UsageError } from './usage.js';

/** A gate as read against a finished campaign. */
export interface GateVerdict {
  readonly reading: ObjectiveReading;
  /** `failed`: the condition holds; `passed`: it does not; `not measured`: the figure has no value. */
  readonly status: 'failed' | 'passed' | 'not measured';
  /** One line: the gate, what was measured, and the verdict. */
  readonly message: string;
}

/**
 * Reads the `--fail-on` expressions, before anything runs.
 *
 * @throws {@link UsageError} naming the expression that is not an objective, and why
 */
export function parseGates(expressions: readonly string[] | undefined): Objective[] {
  return (expressions ?? []).map((text) => {
    try {
      return parseObjective(text);
    } catch (error: unknown) {
      if (error instanceof ObjectiveSyntaxError) throw new UsageError(`--fail-on ${error.message}`);
      throw error;
    }
  });
}

/**
 * Checks that every gate about a scenario names one the campaign runs.
 *
 * @throws {@link UsageError} naming the gate and the campaign's scenarios
 */
export function checkGateScenarios(gates: readonly Objective[], scenarios: readonly string[]): void {
  try {
    checkObjectiveScenarios(gates, scenarios);
  } catch (error: unknown) {
    if (error instanceof ObjectiveSyntaxError) throw new UsageError(`--fail-on ${error.message}`);
    throw error;
  }
}

const OPERATOR_WORDS: Readonly<Record<string, string>> = { '<': 'below', '<=': 'at or below', '>': 'above', '>=': 'at or above' };

function verdictOf(reading: ObjectiveReading): GateVerdict {
  const { objective, value, threshold, holds } = reading;
  const unit = objective.figure.unit;
  const where = objective.scenario === undefined ? objective.figure.name : `${objective.figure.name} of ${objective.scenario}`;
  const measured = formatFigure(unit, value);
  if (holds === null) {
    return { reading, status: 'not measured', message: `gate ${objective.text}: ${where} was not measured in this campaign, so the gate was not applied` };
  }
  const limit = formatFigure(unit, threshold);
  if (holds) {
    return { reading, status: 'failed', message: `gate ${objective.text} failed: ${where} is ${measured}, ${OPERATOR_WORDS[objective.operator]} ${limit}` };
  }
  return { reading, status: 'passed', message: `gate ${objective.text} passed: ${where} is ${measured}` };
}

/** Every gate read against the campaign, in the order given. */
export function applyGates(gates: readonly Objective[], summary: RunnerSummary): GateVerdict[] {
  const byName = new Map(summary.scenarios.map((scenario) => [scenario.scenario, scenario]));
  return gates.map((gate) => verdictOf(readObjective(gate, summary, (name) => byName.get(name))));
}

/**
 * The exit code of a finished campaign: with gates, 1 when one of them failed (the
 * gates say how many failed runs are tolerated); without, 1 when any run did not hold.
 */
export function campaignExitCode(summary: RunnerSummary, verdicts: readonly GateVerdict[]): number {
  if (verdicts.length > 0) return verdicts.some((verdict) => verdict.status === 'failed') ? EXIT_CODES.failed : EXIT_CODES.ok;
  return summary.allHeld ? EXIT_CODES.ok : EXIT_CODES.failed;
}

/** The gates' verdicts as plain data, for `--json`: the gate, the figure, its value and threshold (in the figure's unit), the status. */
export function gatesToJSON(verdicts: readonly GateVerdict[]): Record<string, unknown>[] {
  return verdicts.map(({ reading, status }) => ({
    gate: reading.objective.text,
    scenario: reading.objective.scenario ?? null,
    figure: reading.objective.figure.name,
    unit: reading.objective.figure.unit,
    value: reading.value,
    threshold: reading.threshold,
    status,
  }));
}

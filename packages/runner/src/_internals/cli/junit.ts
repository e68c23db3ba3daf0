/**
 * `chaos run --junit FILE`: the campaign as JUnit XML, the format CI dashboards read
 * (Jenkins, GitLab, GitHub test reporters, Azure DevOps). A `testsuite` per scenario
 * with a `testcase` per run, and a `testsuite` of the `--fail-on` gates.
 *
 * Why a test case per run, not per check: a run is what fails and what is replayed.
 * Its test case carries the failed checks, the reason and the replay command; its name
 * (`run 7`) is stable from build to build, so a dashboard's history and flakiness view
 * follow one run of one scenario. Checks are the failure's details, not test cases of
 * their own: a run that threw has no verdicts to list, and one failed run would
 * otherwise count as several failures.
 */
import type { ScenarioResult } from '@chaos/scenarios';
import type { RunnerSummary, ScenarioStats } from '../../types.js';
import { FIGURES, formatFigure } from '../objectives.js';
import { replayCommandLine } from '../replayHint.js';
import type { GateVerdict } from './gates.js';

/** The figures each scenario's `testsuite` lists in its `properties`. */
const SUITE_FIGURES = ['successRate', 'recoveryRate', 'correctRecoveryRate', 'mttr.mean', 'mttr.p95', 'mttd', 'nrr'];

/** How the JUnit file is written. */
export interface JunitOptions {
  /** The command replay lines start with (`chaos`, `pnpm chaos`). */
  readonly command: string;
  /** The `--fail-on` gates as read, for the `gates` suite. */
  readonly gates: readonly GateVerdict[];
}

// XML 1.0 allows tab, newline and carriage return among the control characters, no other.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text as an XML attribute value (or element text): escaped, characters XML forbids replaced. */
function xml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Seconds as JUnit writes them: at most three decimals (Surefire's `SUREFIRE_TIME`). */
function seconds(value: number): string {
  return Number.isFinite(value) && value >= 0 ? value.toFixed(3) : '0.000';
}

/** An element with attributes, and text or children. */
function element(name: string, attributes: Readonly<Record<string, string | number>>, content?: string): string {
  const attrs = Object.entries(attributes).map(([key, value]) => ` ${key}="${xml(String(value))}"`).join('');
  return content === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

/** What a run that did not pass says: the failed checks, the reason, the seed and the replay command. */
function runDetails(result: ScenarioResult, replay: string): string {
  const lines = result.checks.filter((check) => !check.passed).map((check) => `check "${check.name}" failed: ${check.detail}`);
  // A failed check is the reason already; otherwise the run's own (it threw, it hung).
  if (lines.length === 0 && result.error !== undefined) lines.push(`reason: ${result.error}`);
  lines.push(`run seed: ${result.seed}`, `replay: ${replay}`);
  return lines.join('\n');
}

/** The test case of one run. */
function runCase(summary: RunnerSummary, result: ScenarioResult, index: number, command: string): string {
  const attributes = { name: `run ${index}`, classname: result.scenario, time: seconds(result.durationSeconds) };
  if (result.success) return `    ${element('testcase', attributes)}`;
  const details = runDetails(result, replayCommandLine(summary, result.scenario, index, { command }));
  let outcome: string;
  if (result.inconclusive) {
    outcome = element('skipped', { message: result.error ?? 'a planned fault never fired: the run proves nothing' });
  } else {
    const failed = result.checks.find((check) => !check.passed);
    outcome = failed === undefined
      ? element('error', { type: 'RunError', message: result.error ?? 'the run failed' }, xml(details))
      : element('failure', { type: 'SteadyStateViolated', message: `check "${failed.name}" failed: ${failed.detail}` }, xml(details));
  }
  return `    ${element('testcase', attributes, `\n      ${outcome}\n    `)}`;
}

function properties(entries: readonly (readonly [string, string])[]): string {
  const lines = entries.map(([name, value]) => `      ${element('property', { name, value })}`);
  return `    <properties>\n${lines.join('\n')}\n    </properties>`;
}

/** The `testsuite` of one scenario: its figures as properties, a test case per run. */
function scenarioSuite(summary: RunnerSummary, stats: ScenarioStats, results: readonly ScenarioResult[], command: string): string {
  const figures = SUITE_FIGURES.map((name) => FIGURES.find((figure) => figure.name === name)).filter((figure) => figure !== undefined);
  const props = properties([
    ['campaign.seed', summary.seed],
    ['time', summary.time],
    ...figures.map((figure) => [figure.name, formatFigure(figure.unit, figure.value(stats))] as const),
  ]);
  const errors = results.filter((r) => !r.success && !r.inconclusive && r.checks.every((check) => check.passed)).length;
  const skipped = results.filter((r) => r.inconclusive).length;
  const failures = results.filter((r) => !r.success && !r.inconclusive).length - errors;
  const time = results.reduce((sum, r) => sum + (Number.isFinite(r.durationSeconds) ? r.durationSeconds : 0), 0);
  const attributes = { name: stats.scenario, tests: results.length, failures, errors, skipped, time: seconds(time) };
  const cases = results.map((result, index) => runCase(summary, result, index, command));
  return `  ${element('testsuite', attributes, `\n${props}\n${cases.join('\n')}\n  `)}`;
}

/** The `testsuite` of the gates: a test case each, failed when its condition held. */
function gateSuite(gates: readonly GateVerdict[]): string {
  const cases = gates.map((gate) => {
    const attributes = { name: gate.reading.objective.text, classname: 'gates', time: '0.000' };
    if (gate.status === 'passed') return `    ${element('testcase', attributes)}`;
    const outcome = gate.status === 'failed'
      ? element('failure', { type: 'GateFailed', message: gate.message }, xml(gate.message))
      : element('skipped', { message: gate.message });
    return `    ${element('testcase', attributes, `\n      ${outcome}\n    `)}`;
  });
  const failures = gates.filter((gate) => gate.status === 'failed').length;
  const skipped = gates.filter((gate) => gate.status === 'not measured').length;
  const attributes = { name: 'gates', tests: gates.length, failures, errors: 0, skipped, time: '0.000' };
  return `  ${element('testsuite', attributes, `\n${cases.join('\n')}\n  `)}`;
}

/**
 * The campaign as a JUnit XML document.
 *
 * @example
 * ```ts
 * const xml = junitReport(summary, { command: 'chaos', gates: applyGates(gates, summary) });
 * ```
 */
export function junitReport(summary: RunnerSummary, options: JunitOptions): string {
  const suites: string[] = [];
  for (const stats of summary.scenarios) {
    // In run index order, as `summary.results` holds them.
    const results = summary.results.filter((result) => result.scenario === stats.scenario);
    suites.push(scenarioSuite(summary, stats, results, options.command));
  }
  if (options.gates.length > 0) suites.push(gateSuite(options.gates));
  const failed = summary.results.filter((r) => !r.success && !r.inconclusive);
  const errors = failed.filter((r) => r.checks.every((check) => check.passed)).length;
  const gateFailures = options.gates.filter((gate) => gate.status === 'failed').length;
  const attributes = {
    name: 'chaos run',
    tests: summary.results.length + options.gates.length,
    failures: failed.length - errors + gateFailures,
    errors,
    time: seconds(summary.wallSeconds),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('testsuites', attributes, `\n${suites.join('\n')}\n`)}\n`;
}

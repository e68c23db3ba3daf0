import { type Alignment, duration, fraction, interval, percent, table } from '@chaos/format';
import type { ScenarioResult } from '@chaos/scenarios';
import { replayCommandLine, type ReplayHintOptions } from './_internals/replayHint.js';
import type { RunnerSummary, ScenarioStats } from './types.js';

/** An interval end of the summary table: a percentage with one decimal, no unit. */
function oneDecimal(value: number): string {
  return value.toFixed(1);
}

/**
 * The end-of-campaign table and what to do about failures: for each failed run (the
 * first five), the command that replays it with everything that decides its result.
 *
 * @param summary - what `ChaosRunner.runAll` resolved to
 * @param options - how replay commands are written (the CLI's name, `CHAOS_*` settings)
 */
export function formatSummary(summary: RunnerSummary, options: ReplayHintOptions = {}): string {
  // Recovery, accuracy and correct recovery stand together: a recovery to the wrong
  // state is not one.
  const header = ['Scenario', 'Runs', 'Success [95% CI]', 'Recovery', 'Accuracy', 'Correct', 'MTTR-A mean', 'median', 'P95', 'Inconclusive', 'Failed'];
  const row = (name: string, runs: number, s: Pick<ScenarioStats, 'successRate' | 'successInterval' | 'recoveryRate' | 'mttr' | 'recoveries' | 'inconclusive' | 'failures'>): string[] => [
    name,
    String(runs),
    `${percent(s.successRate)}${s.successInterval === null ? '' : ` ${interval(s.successInterval, oneDecimal)}`}`,
    percent(s.recoveryRate),
    fraction(s.recoveries.reconstructionAccuracy),
    percent(s.recoveries.correctRate),
    duration(s.mttr.mean),
    duration(s.mttr.median),
    duration(s.mttr.p95),
    String(s.inconclusive),
    String(s.failures),
  ];
  const rows = summary.scenarios.map((s) => row(s.scenario, s.runs, s));
  rows.push(row('all', summary.totalRuns, { ...summary, inconclusive: summary.inconclusiveRuns, failures: summary.failedRuns }));
  const lines = [table(header, rows, header.map((_, i): Alignment => (i === 0 ? 'left' : 'right'))), ''];
  lines.push(
    `Correct: successful recoveries with reconstruction accuracy >= ${summary.accuracyThreshold} over the scored ones · ` +
      `NRR ${fraction(summary.mttr.nrr)} (median form ${fraction(summary.mttr.nrrMedian)}), uptime ${summary.mttr.uptime === null ? '-' : percent(100 * summary.mttr.uptime)}, MTBF ${duration(summary.mttr.mtbf)}, over the runs where MTBF is defined`,
  );
  lines.push(
    `Seed ${summary.seed} · ${summary.totalRuns} runs (${summary.time} time, ${summary.backend}${summary.resumedRuns > 0 ? `, ${summary.resumedRuns} from the journal` : ''}) · wall ${duration(summary.wallSeconds)} · simulated ${duration(summary.simulatedSeconds)}`,
  );
  if (summary.config !== null && Object.keys(summary.config).length > 0) {
    lines.push(`Fault settings in every run: ${Object.entries(summary.config).map(([key, value]) => `${key} ${String(value)}`).join(', ')}`);
  }
  if (summary.allHeld) {
    lines.push('Every steady state held.');
  } else {
    lines.push(`${summary.failedRuns} run(s) failed, ${summary.inconclusiveRuns} inconclusive. Replay one with:`);
    // Taken in turns from each scenario that failed, so every one gets a command.
    const failing: { scenario: string; index: number; result: ScenarioResult }[] = [];
    const total = summary.scenarios.reduce((sum, s) => sum + s.failedRunIndexes.length, 0);
    const rounds = Math.max(0, ...summary.scenarios.map((s) => s.failedRunIndexes.length));
    for (let round = 0; round < rounds && failing.length < 5; round++) {
      for (const s of summary.scenarios) {
        if (failing.length === 5) break;
        const index = s.failedRunIndexes[round];
        const result = index === undefined ? undefined : summary.results.find((r) => r.runId === `${s.scenario}#${index}`);
        if (index !== undefined && result !== undefined) failing.push({ scenario: s.scenario, index, result });
      }
    }
    for (const { scenario, index, result } of failing) {
      lines.push(`  ${replayCommandLine(summary, scenario, index, options)}   # ${result.error ?? 'failed'}`);
    }
    if (total > 5) lines.push(`  … and ${total - 5} more (see --json or the export files)`);
  }
  return `${lines.join('\n')}\n`;
}


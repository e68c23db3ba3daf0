import type { ChaosEvent } from '@chaos/config';
import { isCorrectRecovery, type Interval } from '@chaos/metrics';
import type { ScenarioResult } from '@chaos/scenarios';
import type { RunnerSummary, ScenarioStats } from '../types.js';
import { replayCommandLine, type ReplayHintOptions } from './replayHint.js';

/** A number of seconds for people: `0.42 s`, `12.3 s`, `4 min 05 s`. */
export function seconds(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '-';
  if (value >= 120) {
    const minutes = Math.floor(value / 60);
    return `${minutes} min ${String(Math.round(value - minutes * 60)).padStart(2, '0')} s`;
  }
  if (value >= 10) return `${value.toFixed(1)} s`;
  return `${value.toFixed(2)} s`;
}

function percent(value: number | null): string {
  return value === null ? '-' : `${value.toFixed(1)}%`;
}

function interval(value: Interval | null): string {
  return value === null ? '' : ` [${value.low.toFixed(1)}, ${value.high.toFixed(1)}]`;
}

function fraction(value: number | null): string {
  return value === null ? '-' : value.toFixed(2);
}

/** Lays rows out in columns, each aligned left (`l`) or right (`r`). */
function table(header: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (align[i] === 'l' ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * The end-of-campaign table and what to do about failures: for each failed run (the
 * first five), the command that replays it with everything that decides its result.
 *
 * @param options - how replay commands are written (the CLI's name, `CHAOS_*` settings)
 */
export function formatSummary(summary: RunnerSummary, options: ReplayHintOptions = {}): string {
  // Recovery, accuracy and correct recovery stand together: a recovery to the wrong
  // state is not one.
  const header = ['Scenario', 'Runs', 'Success [95% CI]', 'Recovery', 'Accuracy', 'Correct', 'MTTR-A mean', 'median', 'P95', 'Inconclusive', 'Failed'];
  const row = (name: string, runs: number, s: Pick<ScenarioStats, 'successRate' | 'successInterval' | 'recoveryRate' | 'mttr' | 'recoveries' | 'inconclusive' | 'failures'>): string[] => [
    name,
    String(runs),
    `${percent(s.successRate)}${interval(s.successInterval)}`,
    percent(s.recoveryRate),
    fraction(s.recoveries.reconstructionAccuracy),
    percent(s.recoveries.correctRate),
    seconds(s.mttr.mean),
    seconds(s.mttr.median),
    seconds(s.mttr.p95),
    String(s.inconclusive),
    String(s.failures),
  ];
  const rows = summary.scenarios.map((s) => row(s.scenario, s.runs, s));
  rows.push(row('all', summary.totalRuns, { ...summary, inconclusive: summary.inconclusiveRuns, failures: summary.failedRuns }));
  const lines = [table(header, rows, 'lrrrrrrrrrr'), ''];
  lines.push(
    `Correct: successful recoveries with reconstruction accuracy >= ${summary.accuracyThreshold} over the scored ones · ` +
      `NRR ${fraction(summary.mttr.nrr)} (median form ${fraction(summary.mttr.nrrMedian)}), uptime ${summary.mttr.uptime === null ? '-' : percent(100 * summary.mttr.uptime)}, MTBF ${seconds(summary.mttr.mtbf)}, over the runs where MTBF is defined`,
  );
  lines.push(
    `Seed ${summary.seed} · ${summary.totalRuns} runs (${summary.time} time, ${summary.backend}${summary.resumedRuns > 0 ? `, ${summary.resumedRuns} from the journal` : ''}) · wall ${seconds(summary.wallSeconds)} · simulated ${seconds(summary.simulatedSeconds)}`,
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

function compact(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function ms(value: unknown): string {
  return typeof value === 'number' ? seconds(value / 1000) : '?';
}

/** One line of detail about an event, by kind. */
function eventDetail(event: ChaosEvent): string {
  const e = event as unknown as Record<string, unknown>;
  if (event.kind === 'fault') {
    const details = e['details'] as Record<string, unknown> | undefined;
    const shown = details === undefined ? {} : Object.fromEntries(Object.entries(details).filter(([k]) => k !== 'seed'));
    const origin = e['source'] === 'plan' ? `plan rule ${String(e['ruleId'] ?? '?')}` : `by ${String(e['source'] ?? 'chance')}`;
    return `${String(e['fault'])} (${origin})${Object.keys(shown).length > 0 ? ` ${compact(shown)}` : ''}`;
  }
  if (event.kind === 'recovery') {
    const faultAt = e['faultAt'];
    const detectedAt = e['detectedAt'];
    const detect = typeof faultAt === 'number' && typeof detectedAt === 'number' ? ms(detectedAt - faultAt) : '?';
    return `${String(e['faultType'])} ${e['success'] === true ? 'recovered' : 'recovery FAILED'} ${ms(e['durationMs'])} after the fault (detected after ${detect})${typeof e['error'] === 'string' ? `: ${e['error']}` : ''}`;
  }
  const rest = Object.fromEntries(Object.entries(e).filter(([k]) => !['kind', 'at', 'runId', 'target', 'agentId'].includes(k)));
  return Object.keys(rest).length > 0 ? compact(rest) : '';
}

/** Next to `recovered`: the lowest reconstruction accuracy of the run and how many recoveries were correct. */
function recoveryQuality(result: ScenarioResult, accuracyThreshold: number | undefined): string {
  const scored = result.recoveries.filter((r) => r.reconstructionAccuracy !== undefined);
  if (scored.length === 0) return '';
  const lowest = Math.min(...scored.map((r) => r.reconstructionAccuracy as number));
  const correct = scored.filter((r) => isCorrectRecovery(r, accuracyThreshold)).length;
  return ` (lowest accuracy ${lowest.toFixed(2)}, ${correct}/${scored.length} correct)`;
}

/** The event timeline and steady-state verdicts of one run (`chaos replay`). */
export function formatTimeline(result: ScenarioResult, campaignSeed: string, runIndex: number, time: string, accuracyThreshold?: number): string {
  const lines = [`Replay of ${result.runId}: campaign seed ${campaignSeed}, run ${runIndex}, run seed ${result.seed}, ${time} time`, ''];
  const rows = result.events.map((event) => {
    const e = event as unknown as Record<string, unknown>;
    const target = typeof e['target'] === 'string' ? e['target'] : typeof e['agentId'] === 'string' ? e['agentId'] : '-';
    return [`${(event.at / 1000).toFixed(3)}`, event.kind, target, eventDetail(event)];
  });
  if (rows.length === 0) lines.push('(no events)');
  else {
    lines.push(table(['time (s)', 'event', 'target', 'detail'], rows, 'rlll'));
  }
  lines.push('', 'Steady state:');
  if (result.checks.length === 0) lines.push('  (no verdicts: the run did not finish)');
  for (const check of result.checks) lines.push(`  ${check.passed ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  lines.push('');
  const verdict = result.success ? 'PASS' : result.inconclusive ? 'INCONCLUSIVE' : 'FAIL';
  lines.push(
    `Result: ${verdict} · recovered ${result.recovered ? 'yes' : 'no'}${recoveryQuality(result, accuracyThreshold)} · task completed ${result.taskCompleted ? 'yes' : 'no'} · MTTR ${seconds(result.mttrSeconds)} · duration ${seconds(result.durationSeconds)}${result.error === undefined ? '' : `\nReason: ${result.error}`}`,
  );
  return `${lines.join('\n')}\n`;
}

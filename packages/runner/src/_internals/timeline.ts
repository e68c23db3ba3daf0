import type { ChaosEvent } from '@chaos/config';
import { duration, table } from '@chaos/format';
import { isCorrectRecovery } from '@chaos/metrics';
import type { ScenarioResult } from '@chaos/scenarios';

function compact(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function ms(value: unknown): string {
  return typeof value === 'number' ? duration(value / 1000) : '?';
}

/** One line of detail about an event, by kind. */
function eventDetail(event: ChaosEvent): string {
  const e: Readonly<Record<string, unknown>> = { ...event };
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
    const e: Readonly<Record<string, unknown>> = { ...event };
    const target = typeof e['target'] === 'string' ? e['target'] : typeof e['agentId'] === 'string' ? e['agentId'] : '-';
    return [`${(event.at / 1000).toFixed(3)}`, event.kind, target, eventDetail(event)];
  });
  if (rows.length === 0) lines.push('(no events)');
  else {
    lines.push(table(['time (s)', 'event', 'target', 'detail'], rows, ['right', 'left', 'left', 'left']));
  }
  lines.push('', 'Steady state:');
  if (result.checks.length === 0) lines.push('  (no verdicts: the run did not finish)');
  for (const check of result.checks) lines.push(`  ${check.passed ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`);
  lines.push('');
  const verdict = result.success ? 'PASS' : result.inconclusive ? 'INCONCLUSIVE' : 'FAIL';
  lines.push(
    `Result: ${verdict} · recovered ${result.recovered ? 'yes' : 'no'}${recoveryQuality(result, accuracyThreshold)} · task completed ${result.taskCompleted ? 'yes' : 'no'} · MTTR ${duration(result.mttrSeconds)} · duration ${duration(result.durationSeconds)}${result.error === undefined ? '' : `\nReason: ${result.error}`}`,
  );
  return `${lines.join('\n')}\n`;
}

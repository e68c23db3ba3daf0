import type { MetricsSummary } from '@chaos/metrics';
import type { RunnerSummary } from './types.js';

/** A {@link RunnerSummary} as plain JSON data: the metrics store replaced by its summary. */
export type RunnerSummaryJSON = Omit<RunnerSummary, 'metrics'> & { readonly metrics: MetricsSummary };

/**
 * The summary as plain data for `JSON.stringify` (what `chaos run --json` prints):
 * everything in it, with `metrics` as `metrics.getSummary()` instead of every record
 * (export those with `@chaos/export`).
 *
 * @example
 * ```ts
 * await writeFile('summary.json', JSON.stringify(summaryToJSON(summary), null, 2));
 * ```
 */
export function summaryToJSON(summary: RunnerSummary): RunnerSummaryJSON {
  return { ...summary, metrics: summary.metrics.getSummary() };
}

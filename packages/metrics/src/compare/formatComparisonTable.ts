import { interval, MISSING, percent, table, type Alignment } from '@chaos/format';
import type { CampaignComparison, GroupComparison } from './types.js';

const NONE = MISSING.text;

/**
 * Seconds with a precision that suits their size, `0.300`, `10.94`, `123.4` (the unit is
 * in the heading); `signed` writes `+` before a difference >= 0. (Finer than the
 * three significant digits of `@chaos/format`'s `seconds`: kept as the comparison has
 * always printed it, which `chaos compare`'s users and tests read.)
 */
function seconds(value: number | null, signed = false): string {
  if (value === null) return NONE;
  const size = Math.abs(value);
  const text = value.toFixed(size >= 100 ? 1 : size >= 10 ? 2 : 3);
  return signed && value >= 0 ? `+${text}` : text;
}

/** Percentage points, one decimal (the unit is in the heading), always signed. */
function points(value: number | null): string {
  if (value === null) return NONE;
  const text = value.toFixed(1);
  return value >= 0 ? `+${text}` : text;
}

function pValue(group: GroupComparison): string {
  const test = group.mttrTest;
  if (test === null) return NONE;
  const p = test.p < 0.0001 ? '<0.0001' : test.p.toFixed(4);
  return `${p} ${test.method}`;
}

function rate(successes: number, runs: number, value: number | null): string {
  return value === null ? NONE : `${successes}/${runs} ${percent(value)}`;
}

/** A table with a rule of dashes under its header, each dash run as wide as its column. */
function ruledTable(header: readonly string[], align: readonly Alignment[], rows: readonly (readonly string[])[]): string {
  const rule = header.map((title, c) => '-'.repeat(Math.max(title.length, ...rows.map((row) => (row[c] ?? '').length))));
  return table(header, [rule, ...rows], align);
}

function name(group: GroupComparison): string {
  return group.scenario ?? '(all)';
}

/** Options of {@link formatComparisonTable}. */
export interface FormatComparisonOptions {
  /**
   * Add the paragraph explaining the columns and methods under the tables.
   * @defaultValue `true`
   */
  readonly legend?: boolean | undefined;
}

/**
 * The comparison as plain text for a terminal or a log: a recovery-time table (MTTR-A
 * of each side, the difference B − A with its bootstrap interval, the Mann–Whitney p
 * and method) and a success-rate table (successful runs of each side, the difference in
 * percentage points with its Newcombe interval), one row for all records and one per
 * scenario, then a legend. `-` marks a value that cannot be computed (no data on a
 * side). Plain ASCII, no colours. For machines, `JSON.stringify(comparison)`.
 *
 * @example
 * ```ts
 * console.log(formatComparisonTable(compareCampaigns(a, b)));
 * ```
 */
export function formatComparisonTable(comparison: CampaignComparison, options: FormatComparisonOptions = {}): string {
  const { labels } = comparison;
  const groups = [comparison.overall, ...comparison.scenarios];
  const recovery = ruledTable(
    ['scenario', 'n A', 'n B', 'MTTR-A A', 'MTTR-A B', 'B - A', '95% CI', 'p (MWU)'],
    ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
    groups.map((g) => [
      name(g),
      String(g.a.recoveries),
      String(g.b.recoveries),
      seconds(g.a.mttrAvg),
      seconds(g.b.mttrAvg),
      seconds(g.mttrDifference, true),
      interval(g.mttrDifferenceCi95, (end) => seconds(end, true)),
      pValue(g),
    ]),
  );
  const success = ruledTable(
    ['scenario', 'success A', 'success B', 'B - A (pp)', '95% CI'],
    ['left', 'right', 'right', 'right', 'left'],
    groups.map((g) => [
      name(g),
      rate(g.a.successfulRuns, g.a.runs, g.a.successRate),
      rate(g.b.successfulRuns, g.b.runs, g.b.successRate),
      points(g.successRateDifference),
      interval(g.successRateDifferenceCi95, points),
    ]),
  );
  const parts = [
    `Campaign comparison: A = ${labels.a}, B = ${labels.b}; differences are B - A.`,
    '',
    'Recovery time (MTTR-A, seconds)',
    recovery,
    '',
    'Success rate (runs whose steady state held)',
    success,
  ];
  if (options.legend ?? true) {
    parts.push(
      '',
      'n: successful recoveries, the samples of the Mann-Whitney U test. MTTR-A: mean over runs of each',
      `run's mean recovery time. 95% CI of B - A: seeded bootstrap percentile interval (seed "${comparison.bootstrap.seed}",`,
      `${comparison.bootstrap.resamples} resamples). p (MWU): two-sided Mann-Whitney U test, "exact" distribution or "normal"`,
      'approximation with tie and continuity correction. Success-rate CI: Newcombe hybrid score interval.',
      '-: not enough data on a side.',
    );
  }
  return `${parts.join('\n')}\n`;
}

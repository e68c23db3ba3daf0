import type { CampaignComparison, GroupComparison } from '@chaos/metrics';
import { COLORS } from '../axes.js';
import { ecdfChart, noData } from '../distributionCharts.js';
import { fixed1, interval, NBSP, NONE, percent, points, pValue, seconds, secondsBare } from '../format.js';
import { html, type Html } from '../html.js';
import type { MetricsModel } from '../model.js';
import { forestChart } from '../otherCharts.js';
import type { ComparisonInput } from '../pageInput.js';
import { dataTable, numCell } from '../tables.js';

/** The comparison with a baseline campaign A: differences B − A with their intervals and tests. */

function groupName(group: GroupComparison): string {
  return group.scenario ?? 'All scenarios';
}

function rowClass(group: GroupComparison): string {
  return group.scenario === null ? 'overall' : '';
}

/** A difference in seconds with its interval, signed: `+0.512 s [+0.20, +0.83]`. */
function mttrDifference(g: GroupComparison): string {
  return `${seconds(g.mttrDifference, true)} ${interval(g.mttrDifferenceCi95, (v) => secondsBare(v, true))}`;
}

/** A difference in percentage points with its interval. */
function successDifference(g: GroupComparison): string {
  return `${points(g.successRateDifference)} ${interval(g.successRateDifferenceCi95, (v) => fixed1(v, true))}`;
}

/** Recovery time: MTTR-A of A and B, their difference with its bootstrap interval, the Mann–Whitney p. */
function recoveryTimePart(groups: readonly GroupComparison[]): Html {
  const rows = groups.map((g) => {
    const test = g.mttrTest;
    const p = html`<td class="num">${test === null ? NONE : pValue(test.p)}<span class="sub">${test === null ? '' : test.method === 'exact' ? 'exact' : 'normal approx.'}</span></td>`;
    return html`<tr class="${rowClass(g)}"><td>${groupName(g)}</td>${[
      numCell(g.a.recoveries),
      numCell(g.b.recoveries),
      numCell(seconds(g.a.mttrAvg)),
      numCell(seconds(g.b.mttrAvg)),
      numCell(seconds(g.mttrDifference, true)),
      numCell(interval(g.mttrDifferenceCi95, (v) => secondsBare(v, true))),
      p,
    ]}</tr>`;
  });
  const headings = ['scenario', ...['n A', 'n B', 'MTTR-A A', 'MTTR-A B', 'Δ MTTR-A', `95${NBSP}% CI (s)`, 'p (MWU)'].map((num) => ({ num }))];
  const forest = forestChart(
    groups.map((g) => ({ name: groupName(g), estimate: g.mttrDifference, ci: g.mttrDifferenceCi95, text: g.mttrDifference === null ? NONE : mttrDifference(g) })),
    'forest-mttr',
    'Difference in MTTR-A, B − A',
    'Δ MTTR-A, B − A (s); left of 0: B recovers faster',
  );
  return html`<h3>Recovery time</h3>
${dataTable('comparison-mttr', headings, rows)}
<p class="stats">n: successful recoveries, the two samples of the Mann–Whitney test.</p>
<figure>${forest}<figcaption>Δ MTTR-A with 95${NBSP}% bootstrap intervals; an interval that excludes 0 is a difference the resampling does not explain away.</figcaption></figure>`;
}

/** Success rate: each side's successful runs, the difference with Newcombe's interval. */
function successPart(groups: readonly GroupComparison[]): Html {
  const side = (s: GroupComparison['a']): string => (s.runs === 0 ? NONE : `${s.successfulRuns}/${s.runs} · ${percent(s.successRate)}`);
  const rows = groups.map(
    (g) =>
      html`<tr class="${rowClass(g)}"><td>${groupName(g)}</td>${[
        numCell(side(g.a)),
        numCell(side(g.b)),
        numCell(points(g.successRateDifference)),
        numCell(interval(g.successRateDifferenceCi95, (v) => fixed1(v, true))),
      ]}</tr>`,
  );
  const headings = ['scenario', ...['success A', 'success B', 'Δ success', `95${NBSP}% CI (pp)`].map((num) => ({ num }))];
  const forest = forestChart(
    groups.map((g) => ({ name: groupName(g), estimate: g.successRateDifference, ci: g.successRateDifferenceCi95, text: g.successRateDifference === null ? NONE : successDifference(g) })),
    'forest-success',
    'Difference in success rate, B − A',
    'Δ success rate, B − A (percentage points)',
  );
  return html`<h3>Success rate</h3>
${dataTable('comparison-success', headings, rows)}
<figure>${forest}<figcaption>Δ success rate with 95${NBSP}% Newcombe intervals.</figcaption></figure>`;
}

function durationsOf(model: MetricsModel, name: string | null): Float64Array {
  return name === null ? model.overall.durations : (model.scenarios.find((s) => s.name === name)?.durations ?? new Float64Array(0));
}

/** The recovery-time CDFs of A and B, one chart per group that has any. */
function distributionsPart(groups: readonly GroupComparison[], baseline: MetricsModel, model: MetricsModel, labels: CampaignComparison['labels']): Html {
  const overlays: Html[] = [];
  for (const g of groups) {
    const da = durationsOf(baseline, g.scenario);
    const db = durationsOf(model, g.scenario);
    if (da.length === 0 && db.length === 0) continue;
    const chart = ecdfChart(
      [
        { label: `A: ${labels.a}`, sorted: da, color: COLORS.muted, dash: '5 3' },
        { label: `B: ${labels.b}`, sorted: db, color: COLORS.primary },
      ],
      `Recovery-time CDF of A and B, ${groupName(g)}`,
      { markQuantiles: false },
    );
    overlays.push(html`<figure>${chart}<figcaption>${groupName(g)}: recovery-time CDFs of A (dashed) and B.</figcaption></figure>`);
  }
  if (overlays.length === 0) return noData('Neither campaign recorded a successful recovery — no recovery-time curves to compare.');
  return html`<h3>Recovery-time distributions</h3><div class="pair">${overlays}</div>`;
}

export function comparisonSection(comparison: ComparisonInput, model: MetricsModel): Html {
  const { result, baseline } = comparison;
  const { a, b } = result.labels;
  const groups = [result.overall, ...result.scenarios];
  return html`<section id="comparison"><h2>Comparison with another campaign</h2>
<p><strong>A</strong> = <code>${a}</code> (baseline), <strong>B</strong> = <code>${b}</code> (this report). Differences are B − A: a negative Δ MTTR-A means B recovers faster, a positive Δ success rate means more of B's runs held. Δ MTTR-A has a seeded bootstrap 95${NBSP}% interval (seed <code>${result.bootstrap.seed}</code>, ${result.bootstrap.resamples} resamples, runs resampled within each campaign); p is the two-sided Mann–Whitney U test of the two samples of recovery times (exact, or normal approximation with tie and continuity correction); the success-rate difference has Newcombe's hybrid score interval.</p>
${recoveryTimePart(groups)}
${successPart(groups)}
${distributionsPart(groups, baseline, model, result.labels)}
</section>`;
}

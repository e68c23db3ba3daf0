import { wilsonInterval } from '@chaos/metrics';
import { COLORS } from '../axes.js';
import { noData } from '../distributionCharts.js';
import { fraction, NBSP } from '../format.js';
import { html, type Html } from '../html.js';
import type { MetricsModel, OutcomeCounts } from '../model.js';
import { rateChart, type RateRow } from '../otherCharts.js';
import { dataTable, numCell, rateCell } from '../tables.js';

/** Rates by scenario: success, recovered, correct recovery, completion, with Wilson intervals. */

const RATE_KINDS = [
  { key: 'success', label: 'success', color: COLORS.primary },
  { key: 'recovery', label: 'recovered', color: COLORS.success },
  { key: 'completion', label: 'completed', color: COLORS.accent },
] as const;

function rateRow(name: string, o: OutcomeCounts): RateRow {
  const values: [number, number][] = [
    [o.successes, o.runs],
    [o.recovered, o.runs],
    [o.completed, o.conclusive],
  ];
  return {
    name,
    rates: RATE_KINDS.map((kind, i) => {
      const [k, n] = values[i] as [number, number];
      return { key: kind.key, label: kind.label, color: kind.color, k, n, value: n === 0 ? null : (100 * k) / n, ci: wilsonInterval(k, n) };
    }),
  };
}

const RATE_HEADINGS = ['scenario', ...['runs', 'success', 'recovered', 'accuracy', 'correct', 'completed', 'inconclusive'].map((num) => ({ num }))];

export function ratesSection(model: MetricsModel): Html {
  const groups = [model.overall, ...model.scenarios];
  if (model.overall.outcomes.runs === 0) {
    return html`<section id="rates"><h2>Rates by scenario</h2>${noData('No scenario results were recorded, so there are no success, recovery or completion rates.')}</section>`;
  }
  // Accuracy and correct recovery stand next to recovery: an agent back with the wrong state has not recovered.
  const rows = groups.map(
    (g) =>
      html`<tr class="${g === model.overall ? 'overall' : ''}"><td>${g.name}</td>${[
        numCell(g.outcomes.runs),
        rateCell(g.outcomes.successes, g.outcomes.runs),
        rateCell(g.outcomes.recovered, g.outcomes.runs),
        numCell(fraction(g.summary?.reconstructionAccuracyAvg ?? null)),
        rateCell(g.summary?.correctRecoveries ?? 0, g.summary?.scoredRecoveries ?? 0),
        rateCell(g.outcomes.completed, g.outcomes.conclusive),
        numCell(g.outcomes.inconclusive),
      ]}</tr>`,
  );
  return html`<section id="rates"><h2>Rates by scenario</h2>
<p><strong>Success</strong>: the run's steady-state hypothesis held. <strong>Recovered</strong>: every fault that needed a recovery got a successful one, none restored the wrong state (accuracy below ${model.summary.accuracyThreshold}), and the run did not fail afterwards. <strong>Accuracy</strong>: mean reconstruction accuracy of the scored recoveries. <strong>Correct</strong>: successful recoveries with accuracy ≥ ${model.summary.accuracyThreshold}, out of the scored ones. <strong>Completed</strong>: the task was done (out of conclusive runs; an inconclusive run — its planned fault never fired — counts neither way). Bars are 95${NBSP}% Wilson score intervals from the counts.</p>
<figure>${rateChart(groups.map((g) => rateRow(g.name, g.outcomes)), RATE_KINDS)}<figcaption>Rates by scenario, each with its 95${NBSP}% Wilson interval; counts at the right.</figcaption></figure>
${dataTable('rates', RATE_HEADINGS, rows)}
<p class="stats">Under each rate: the count and its 95${NBSP}% Wilson interval in percent.</p>
</section>`;
}

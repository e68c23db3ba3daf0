import type { MetricsGroupSummary } from '@chaos/metrics';
import { noData } from '../distributionCharts.js';
import { fraction, interval, NBSP, seconds, secondsBare } from '../format.js';
import { html, type Html } from '../html.js';
import type { MetricsModel } from '../model.js';
import { recoveryBarsChart } from '../otherCharts.js';
import { dataTable, numCell, rateCell } from '../tables.js';

/** Recoveries broken down by fault type, by agent and by each tag's values. */

const FIGURE_HEADINGS = ['faults', 'attempts', 'succeeded', 'failed', 'accuracy', 'correct', 'MTTR-A', `95${NBSP}% CI (s)`, 'MedTTR-A', 'std', 'P90', 'P95', 'MTTD', 'NRR'].map(
  (num) => ({ num }),
);

function breakdownTable(groups: readonly (readonly [string, MetricsGroupSummary])[], what: string): Html {
  const rows = groups.map(
    ([name, s]) =>
      html`<tr><td><code>${name}</code></td>${[
        numCell(s.totalFaults),
        numCell(s.totalRecoveries),
        numCell(s.successfulRecoveries),
        numCell(s.failedRecoveries),
        numCell(fraction(s.reconstructionAccuracyAvg)),
        rateCell(s.correctRecoveries, s.scoredRecoveries),
        numCell(seconds(s.mttrAvg)),
        numCell(interval(s.mttrCi95, secondsBare)),
        ...[s.mttrMedian, s.mttrStd, s.mttrP90, s.mttrP95, s.mttdAvg].map((v) => numCell(seconds(v))),
        numCell(fraction(s.nrr)),
      ]}</tr>`,
  );
  return dataTable(`by-${what}`, [what, ...FIGURE_HEADINGS], rows);
}

function breakdown(title: string, what: string, groups: readonly (readonly [string, MetricsGroupSummary])[]): Html {
  if (groups.length === 0) return html`<h3>${title}</h3>${noData(`No faults or recoveries were recorded, so there is nothing to break down by ${what}.`)}`;
  const withAttempts = groups.filter(([, s]) => s.totalRecoveries > 0);
  const chart =
    withAttempts.length === 0
      ? noData(`No recovery attempts were recorded for any ${what}.`)
      : html`<figure>${recoveryBarsChart(withAttempts.map(([name, s]) => ({ name, succeeded: s.successfulRecoveries, failed: s.failedRecoveries })), what)}<figcaption>Recovery attempts by ${what}: successful (green) and failed (red).</figcaption></figure>`;
  return html`<h3>${title}</h3>${chart}${breakdownTable(groups, what)}`;
}

export function breakdownSection(model: MetricsModel): Html {
  const s = model.summary;
  return html`<section id="breakdown"><h2>Recoveries by fault type and by agent</h2>${breakdown('By fault type', 'fault type', Object.entries(s.byFaultType))}${breakdown('By agent', 'agent', Object.entries(s.byAgent))}</section>`;
}

/** A table per tag key, when the records carry tags (the model, the prompt version, the reflex…). */
export function tagSection(model: MetricsModel): Html {
  const keys = Object.entries(model.summary.byTag);
  if (keys.length === 0) return html``;
  return html`<section id="tags"><h2>Recoveries by tag</h2><p>Each table groups the faults and recoveries tagged with one key, by its value; a record without the key is in none of its groups. Figures as in the other breakdowns.</p>${keys.map(([key, values]) => breakdown(`By tag “${key}”`, `tag ${key}`, Object.entries(values)))}</section>`;
}

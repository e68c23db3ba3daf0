import { wilsonInterval, type Interval, type MetricsSummary } from '@chaos/metrics';
import { count, fixed1, fraction, NBSP, NONE, percent, seconds, secondsBare } from '../format.js';
import { html, type Html } from '../html.js';
import type { MetricsModel, OutcomeCounts } from '../model.js';

/** The summary: a card per headline figure, with its interval and what it counts. */

interface CardSpec {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly detail?: string | undefined;
  readonly note?: string | undefined;
  readonly empty?: boolean;
  readonly rate?: boolean;
}

function card(spec: CardSpec): Html {
  const classes = ['card', spec.empty === true ? 'empty' : '', spec.rate === true ? 'rate' : ''].filter(Boolean).join(' ');
  return html`<div class="${classes}" data-card="${spec.id}"><h3>${spec.label}</h3><div class="value">${spec.value}</div>${spec.detail === undefined ? '' : html`<div class="detail">${spec.detail}</div>`}${spec.note === undefined ? '' : html`<div class="note">${spec.note}</div>`}</div>`;
}

/** `lo–hi` with one unit: `62.7–90.5 %`, `2.03–3.21 s`. */
function range(ci: Interval, format: (v: number) => string, unit: string): string {
  return `${format(ci.low)}\u2013${format(ci.high)}${NBSP}${unit}`;
}

function rateCard(id: string, label: string, k: number, n: number, note: string, emptyNote: string): Html {
  if (n === 0) return card({ id, label, value: NONE, note: emptyNote, empty: true });
  const ci = wilsonInterval(k, n) as Interval;
  return card({
    id,
    label,
    value: percent((100 * k) / n),
    detail: `95${NBSP}% CI ${range(ci, (v) => fixed1(v), '%')}`,
    note: `${count(k)} of ${count(n)} ${note}`,
    rate: true,
  });
}

/** The recovery-time cards: MTTR-A, MedTTR-A, P95 / P99, time to detect, MTBF, NRR. */
function timeCards(s: MetricsSummary): Html[] {
  const noRecovery = 'no successful recovery';
  return [
    card({
      id: 'mttr',
      label: 'MTTR-A',
      value: seconds(s.mttrAvg),
      detail: s.mttrCi95 === null ? undefined : `95${NBSP}% CI ${range(s.mttrCi95, secondsBare, 's')}`,
      note: s.mttrAvg === null ? noRecovery : "mean time to recover: mean over runs of each run's mean Δt",
      empty: s.mttrAvg === null,
    }),
    card({
      id: 'medttr',
      label: 'MedTTR-A',
      value: seconds(s.mttrMedian),
      detail: s.mttrMin === null ? undefined : `range ${secondsBare(s.mttrMin)}\u2013${secondsBare(s.mttrMax as number)}${NBSP}s`,
      note: s.mttrMedian === null ? noRecovery : `median Δt of ${count(s.successfulRecoveries)} recoveries`,
      empty: s.mttrMedian === null,
    }),
    card({
      id: 'p95',
      label: 'P95 / P99',
      value: seconds(s.mttrP95),
      detail: s.mttrP99 === null ? undefined : `P99 ${seconds(s.mttrP99)}`,
      note: s.mttrP95 === null ? noRecovery : 'quantiles of Δt (type 7)',
      empty: s.mttrP95 === null,
    }),
    card({
      id: 'mttd',
      label: 'Time to detect',
      value: seconds(s.mttdAvg),
      detail: s.mttrRepairAvg === null ? undefined : `+ ${seconds(s.mttrRepairAvg)} to repair`,
      note: s.mttdAvg === null ? noRecovery : 'mean fault → detection; detect + repair = MTTR-A',
      empty: s.mttdAvg === null,
    }),
    card({
      id: 'mtbf',
      label: 'MTBF',
      value: seconds(s.mtbf),
      note: s.mtbf === null ? 'no recovery was followed by another fault in its run' : 'mean stable time from a recovery to the next fault',
      empty: s.mtbf === null,
    }),
    card({
      id: 'nrr',
      label: 'NRR',
      value: fraction(s.nrr),
      detail: s.nrr === null ? undefined : `median form ${fraction(s.nrrMedian)}${s.uptime === null ? '' : ` · uptime ${percent(100 * s.uptime)}`}`,
      note:
        s.nrr === null
          ? '1 − MTTR-A / MTBF: needs MTBF'
          : `1 − MTTR-A / MTBF, both over the ${count(s.pairedRuns)} run${s.pairedRuns === 1 ? '' : 's'} where MTBF is defined`,
      empty: s.nrr === null,
    }),
  ];
}

/** The rate cards, each with its Wilson interval and its counts. */
function rateCards(s: MetricsSummary, o: OutcomeCounts): Html[] {
  return [
    rateCard('success-rate', 'Success rate', o.successes, o.runs, 'runs held their steady state', 'no scenario results recorded'),
    rateCard('recovery-rate', 'Recovery rate', o.recovered, o.runs, 'runs recovered from every fault', 'no scenario results recorded'),
    rateCard(
      'correct-recovery',
      'Correct recovery',
      s.correctRecoveries,
      s.scoredRecoveries,
      `scored recoveries restored the state (accuracy ≥ ${s.accuracyThreshold}; mean ${fraction(s.reconstructionAccuracyAvg)})`,
      'no recovery had its accuracy scored',
    ),
    rateCard('completion-rate', 'Task completion', o.completed, o.conclusive, 'conclusive runs completed their task', 'no conclusive scenario results'),
    rateCard('attempt-rate', 'Recovery attempts', s.successfulRecoveries, s.totalRecoveries, 'attempts succeeded', 'no recovery attempts'),
  ];
}

export function summaryCards(model: MetricsModel): Html {
  const s = model.summary;
  const cards = [...timeCards(s), ...rateCards(s, model.overall.outcomes)];
  return html`<section id="summary"><h2>Summary</h2><div class="cards">${cards}</div>
<p class="stats">Times are seconds on the runs' clocks (virtual time when the campaign ran under it). Intervals are 95${NBSP}%: a seeded bootstrap over runs (within each scenario) for MTTR-A, Wilson score intervals for the rates.${s.measurementStartRecoveries === 0 ? '' : ` ${count(s.measurementStartRecoveries)} of ${count(s.totalRecoveries)} recovery attempts had no recorded fault: their Δt is recovery-only, measured from the start of the measurement.`}${s.reconstructionAccuracyAvg === null ? '' : ` Mean reconstruction accuracy ${fraction(s.reconstructionAccuracyAvg)}.`}${s.peerContextUsageRate === null ? '' : ` Peer context used in ${percent(s.peerContextUsageRate)} of attempts.`}</p></section>`;
}

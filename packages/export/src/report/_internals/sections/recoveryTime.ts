import { COLORS } from '../axes.js';
import { boxPlotChart, ecdfChart, histogramChart, noData, quantile } from '../distributionCharts.js';
import { count, interval, NBSP, seconds, secondsBare } from '../format.js';
import { html, type Html } from '../html.js';
import type { GroupData, MetricsModel } from '../model.js';

/** Recovery time: box plots of every scenario, then each scenario's histogram and CDF. */

function statsLine(group: GroupData): string {
  const s = group.summary;
  const d = group.durations;
  if (d.length === 0 || s === undefined) return '';
  const parts = [
    `n = ${count(d.length)}`,
    `MTTR-A ${seconds(s.mttrAvg)}${s.mttrCi95 === null ? '' : ` ${interval(s.mttrCi95, secondsBare)}`}`,
    `median ${seconds(quantile(d, 0.5))}`,
    `P95 ${seconds(quantile(d, 0.95))}`,
    `P99 ${seconds(quantile(d, 0.99))}`,
    `range ${secondsBare(d[0] as number)}–${secondsBare(d[d.length - 1] as number)}${NBSP}s`,
  ];
  return parts.join(' · ');
}

function scenarioDistribution(group: GroupData): Html {
  const title = html`<h3>${group.name}</h3>`;
  if (group.durations.length === 0) {
    const why =
      group.summary === undefined || group.summary.totalRecoveries === 0
        ? 'No recovery was needed or recorded in this scenario'
        : `None of its ${group.summary.totalRecoveries} recovery attempts succeeded`;
    return html`<div class="scenario" data-scenario="${group.name}">${title}${noData(`${why} — no recovery times to plot.`)}</div>`;
  }
  return html`<div class="scenario" data-scenario="${group.name}">${title}<p class="stats">${statsLine(group)}</p><div class="pair"><figure>${histogramChart(group.durations, group.name)}<figcaption>Histogram of recovery times Δt (fault → recovered).</figcaption></figure><figure>${ecdfChart([{ label: group.name, sorted: group.durations, color: COLORS.primary }], `Empirical CDF of recovery times, ${group.name}`)}<figcaption>Empirical CDF: the share of recoveries done within t.</figcaption></figure></div></div>`;
}

export function recoveryTimeSection(model: MetricsModel): Html {
  const groups = [model.overall, ...model.scenarios];
  const anyData = model.overall.durations.length > 0;
  const overview = anyData
    ? html`<figure>${boxPlotChart(groups.map((g) => ({ name: g.name, sorted: g.durations, mttr: g.summary?.mttrAvg ?? null, pooled: g === model.overall && model.scenarios.length > 1 })))}<figcaption>Recovery time by scenario, one row each. Boxes span P25–P75 with the median; whiskers reach the furthest values within 1.5 IQR (of the logarithms when the axis is logarithmic, as it is when scenarios' medians differ tenfold or more); the diamond is MTTR-A (a mean of run means, so it can sit outside the box). The first row pools every scenario: a mixture, so its whiskers span the whole range and no value is called an outlier.</figcaption></figure>`
    : noData('No successful recovery was recorded in this campaign — there are no recovery times to plot.');
  return html`<section id="recovery-time"><h2>Recovery time</h2><p>Δt = t<sub>recovered</sub> − t<sub>fault</sub> of each successful recovery, in seconds.</p>${overview}${model.scenarios.map(scenarioDistribution)}</section>`;
}

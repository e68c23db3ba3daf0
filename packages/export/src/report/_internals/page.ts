import {
  wilsonInterval,
  type CampaignComparison,
  type GroupComparison,
  type Interval,
  type MetricsGroupSummary,
} from '@chaos/metrics';
import type { ExportLabelValue } from '../../types.js';
import { COLORS, resetIds } from './axes.js';
import { boxPlotChart, ecdfChart, histogramChart, noData, quantile } from './distributionCharts.js';
import {
  count,
  fixed1,
  fraction,
  interval,
  NBSP,
  NONE,
  percent,
  points,
  pValue,
  seconds,
  secondsBare,
  utc,
} from './format.js';
import { html, join, trusted, type Html } from './html.js';
import type { GroupData, MetricsModel, OutcomeCounts, TimelineData } from './model.js';
import { forestChart, rateChart, recoveryBarsChart, timelineChart, type RateRow } from './otherCharts.js';
import { STYLES } from './styles.js';

/** What the header says about the campaign. */
export interface CampaignInfo {
  readonly seed: string | number | null;
  readonly packages: readonly (readonly [string, string | null])[];
  /** When the export the report was read from was written (ISO 8601), if it was. */
  readonly exportedAt: string | null;
  /** The file the report was read from. */
  readonly source: string | null;
  readonly labels: readonly (readonly [string, ExportLabelValue])[];
  readonly config: object | null;
  readonly bootstrapSeed: string;
}

/** The comparison section's input. */
export interface ComparisonInput {
  readonly result: CampaignComparison;
  /** The baseline campaign A, for its recovery-time curves. */
  readonly baseline: MetricsModel;
  readonly baselineInfo: CampaignInfo;
}

export interface PageInput {
  readonly title: string;
  readonly generatedAt: Date;
  readonly reporterVersion: string | null;
  readonly campaign: CampaignInfo;
  readonly model: MetricsModel;
  readonly comparison: ComparisonInput | undefined;
}

// ---------------------------------------------------------------- header

function runsPerScenario(model: MetricsModel): string {
  const counts = new Set(model.scenarios.map((s) => s.outcomes.runs).filter((n) => n > 0));
  if (counts.size === 1) return `, ${[...counts][0]} per scenario`;
  return '';
}

function header(input: PageInput): Html {
  const { campaign, model } = input;
  const names = model.scenarios.map((s) => s.name);
  const runs = model.overall.outcomes.runs;
  const lede = `${count(runs)} run${runs === 1 ? '' : 's'} of ${names.length} scenario${names.length === 1 ? '' : 's'}${runsPerScenario(model)}; ${count(model.faultCount)} faults injected, ${count(model.recoveryCount)} recovery attempts.`;
  const packages = campaign.packages.map(([name, version]) => html`<li><code>${name}</code>${NBSP}${version ?? 'unknown'}</li>`);
  const labels = campaign.labels.map(([key, value]) => html`<li>${key}: <code>${String(value)}</code></li>`);
  return html`<header>
<h1>${input.title}</h1>
<p class="lede">${lede}</p>
<dl class="meta" id="campaign">
<dt>Seed</dt><dd>${campaign.seed === null ? html`<span class="muted">not recorded</span>` : html`<code>${String(campaign.seed)}</code>`}</dd>
<dt>Scenarios</dt><dd>${names.length === 0 ? NONE : html`<ul>${names.map((n) => html`<li><code>${n}</code></li>`)}</ul>`}</dd>
<dt>Runs</dt><dd>${count(runs)} (${count(model.overall.outcomes.successes)} held their steady state${model.overall.outcomes.inconclusive > 0 ? `, ${model.overall.outcomes.inconclusive} inconclusive` : ''})</dd>
<dt>Records</dt><dd>${count(model.faultCount)} faults, ${count(model.recoveryCount)} recovery attempts, ${count(runs)} scenario results</dd>
${campaign.labels.length > 0 ? html`<dt>Labels</dt><dd><ul>${labels}</ul></dd>` : ''}
<dt>Packages</dt><dd>${packages.length === 0 ? NONE : html`<ul>${packages}</ul>`}</dd>
${campaign.exportedAt === null ? '' : html`<dt>Exported</dt><dd>${campaign.exportedAt}</dd>`}
${campaign.source === null ? '' : html`<dt>Source</dt><dd><code>${campaign.source}</code></dd>`}
<dt>Report generated</dt><dd>${utc(input.generatedAt)}${input.reporterVersion === null ? '' : ` by @chaos/export ${input.reporterVersion}`}</dd>
<dt>Bootstrap seed</dt><dd><code>${campaign.bootstrapSeed}</code></dd>
</dl>
${campaign.config === null ? '' : html`<details><summary>Campaign configuration</summary><pre>${JSON.stringify(campaign.config, null, 2)}</pre></details>`}
</header>`;
}

function toc(input: PageInput): Html {
  const entries: [string, string][] = [
    ['summary', 'Summary'],
    ['recovery-time', 'Recovery time'],
    ['rates', 'Rates'],
    ['breakdown', 'By fault type and agent'],
    ...(Object.keys(input.model.summary.byTag).length === 0 ? [] : [['tags', 'By tag'] as [string, string]]),
    ['timeline', 'Timeline of a run'],
  ];
  if (input.comparison !== undefined) entries.push(['comparison', 'Comparison']);
  entries.push(['failures', 'Failures'], ['methods', 'Methods']);
  return html`<nav class="toc" aria-label="Contents"><ol>${entries.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ol></nav>`;
}

// ---------------------------------------------------------------- summary cards

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

function summaryCards(model: MetricsModel): Html {
  const s = model.summary;
  const o = model.overall.outcomes;
  const noRecovery = 'no successful recovery';
  const cards = [
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
  return html`<section id="summary"><h2>Summary</h2><div class="cards">${cards}</div>
<p class="stats">Times are seconds on the runs' clocks (virtual time when the campaign ran under it). Intervals are 95${NBSP}%: a seeded bootstrap over runs (within each scenario) for MTTR-A, Wilson score intervals for the rates.${s.measurementStartRecoveries === 0 ? '' : ` ${count(s.measurementStartRecoveries)} of ${count(s.totalRecoveries)} recovery attempts had no recorded fault: their Δt is recovery-only, measured from the start of the measurement.`}${s.reconstructionAccuracyAvg === null ? '' : ` Mean reconstruction accuracy ${fraction(s.reconstructionAccuracyAvg)}.`}${s.peerContextUsageRate === null ? '' : ` Peer context used in ${percent(s.peerContextUsageRate)} of attempts.`}</p></section>`;
}

// ---------------------------------------------------------------- recovery time

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

function recoveryTimeSection(model: MetricsModel): Html {
  const groups = [model.overall, ...model.scenarios];
  const anyData = model.overall.durations.length > 0;
  const overview = anyData
    ? html`<figure>${boxPlotChart(groups.map((g) => ({ name: g.name, sorted: g.durations, mttr: g.summary?.mttrAvg ?? null, pooled: g === model.overall && model.scenarios.length > 1 })))}<figcaption>Recovery time by scenario, one row each. Boxes span P25–P75 with the median; whiskers reach the furthest values within 1.5 IQR (of the logarithms when the axis is logarithmic, as it is when scenarios' medians differ tenfold or more); the diamond is MTTR-A (a mean of run means, so it can sit outside the box). The first row pools every scenario: a mixture, so its whiskers span the whole range and no value is called an outlier.</figcaption></figure>`
    : noData('No successful recovery was recorded in this campaign — there are no recovery times to plot.');
  return html`<section id="recovery-time"><h2>Recovery time</h2><p>Δt = t<sub>recovered</sub> − t<sub>fault</sub> of each successful recovery, in seconds.</p>${overview}${model.scenarios.map(scenarioDistribution)}</section>`;
}

// ---------------------------------------------------------------- rates

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

function rateCell(k: number, n: number): Html {
  if (n === 0) return html`<td class="num">${NONE}</td>`;
  const ci = wilsonInterval(k, n) as Interval;
  return html`<td class="num">${percent((100 * k) / n)}<span class="sub">${k}/${n} · ${interval(ci, (v) => fixed1(v))}</span></td>`;
}

function ratesSection(model: MetricsModel): Html {
  const groups = [model.overall, ...model.scenarios];
  if (model.overall.outcomes.runs === 0) {
    return html`<section id="rates"><h2>Rates by scenario</h2>${noData('No scenario results were recorded, so there are no success, recovery or completion rates.')}</section>`;
  }
  // Accuracy and correct recovery stand next to recovery: an agent back with the wrong state has not recovered.
  const rows = groups.map((g) => html`<tr class="${g === model.overall ? 'overall' : ''}"><td>${g.name}</td><td class="num">${g.outcomes.runs}</td>${rateCell(g.outcomes.successes, g.outcomes.runs)}${rateCell(g.outcomes.recovered, g.outcomes.runs)}<td class="num">${fraction(g.summary?.reconstructionAccuracyAvg ?? null)}</td>${rateCell(g.summary?.correctRecoveries ?? 0, g.summary?.scoredRecoveries ?? 0)}${rateCell(g.outcomes.completed, g.outcomes.conclusive)}<td class="num">${g.outcomes.inconclusive}</td></tr>`);
  return html`<section id="rates"><h2>Rates by scenario</h2>
<p><strong>Success</strong>: the run's steady-state hypothesis held. <strong>Recovered</strong>: every fault that needed a recovery got a successful one, none restored the wrong state (accuracy below ${model.summary.accuracyThreshold}), and the run did not fail afterwards. <strong>Accuracy</strong>: mean reconstruction accuracy of the scored recoveries. <strong>Correct</strong>: successful recoveries with accuracy ≥ ${model.summary.accuracyThreshold}, out of the scored ones. <strong>Completed</strong>: the task was done (out of conclusive runs; an inconclusive run — its planned fault never fired — counts neither way). Bars are 95${NBSP}% Wilson score intervals from the counts.</p>
<figure>${rateChart(groups.map((g) => rateRow(g.name, g.outcomes)), RATE_KINDS)}<figcaption>Rates by scenario, each with its 95${NBSP}% Wilson interval; counts at the right.</figcaption></figure>
<div class="scroll"><table data-table="rates"><thead><tr><th>scenario</th><th class="num">runs</th><th class="num">success</th><th class="num">recovered</th><th class="num">accuracy</th><th class="num">correct</th><th class="num">completed</th><th class="num">inconclusive</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="stats">Under each rate: the count and its 95${NBSP}% Wilson interval in percent.</p>
</section>`;
}

// ---------------------------------------------------------------- breakdowns

function breakdownTable(groups: readonly (readonly [string, MetricsGroupSummary])[], what: string): Html {
  const rows = groups.map(([name, s]) => html`<tr><td><code>${name}</code></td><td class="num">${s.totalFaults}</td><td class="num">${s.totalRecoveries}</td><td class="num">${s.successfulRecoveries}</td><td class="num">${s.failedRecoveries}</td><td class="num">${fraction(s.reconstructionAccuracyAvg)}</td>${rateCell(s.correctRecoveries, s.scoredRecoveries)}<td class="num">${seconds(s.mttrAvg)}</td><td class="num">${s.mttrCi95 === null ? NONE : `${interval(s.mttrCi95, secondsBare)}`}</td><td class="num">${seconds(s.mttrMedian)}</td><td class="num">${seconds(s.mttrStd)}</td><td class="num">${seconds(s.mttrP90)}</td><td class="num">${seconds(s.mttrP95)}</td><td class="num">${seconds(s.mttdAvg)}</td><td class="num">${fraction(s.nrr)}</td></tr>`);
  return html`<div class="scroll"><table data-table="by-${what}"><thead><tr><th>${what}</th><th class="num">faults</th><th class="num">attempts</th><th class="num">succeeded</th><th class="num">failed</th><th class="num">accuracy</th><th class="num">correct</th><th class="num">MTTR-A</th><th class="num">95${NBSP}% CI (s)</th><th class="num">MedTTR-A</th><th class="num">std</th><th class="num">P90</th><th class="num">P95</th><th class="num">MTTD</th><th class="num">NRR</th></tr></thead><tbody>${rows}</tbody></table></div>`;
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

function breakdownSection(model: MetricsModel): Html {
  const s = model.summary;
  return html`<section id="breakdown"><h2>Recoveries by fault type and by agent</h2>${breakdown('By fault type', 'fault type', Object.entries(s.byFaultType))}${breakdown('By agent', 'agent', Object.entries(s.byAgent))}</section>`;
}

/** A table per tag key, when the records carry tags (the model, the prompt version, the reflex…). */
function tagSection(model: MetricsModel): Html {
  const keys = Object.entries(model.summary.byTag);
  if (keys.length === 0) return html``;
  return html`<section id="tags"><h2>Recoveries by tag</h2><p>Each table groups the faults and recoveries tagged with one key, by its value; a record without the key is in none of its groups. Figures as in the other breakdowns.</p>${keys.map(([key, values]) => breakdown(`By tag “${key}”`, `tag ${key}`, Object.entries(values)))}</section>`;
}

// ---------------------------------------------------------------- timeline

function timelineSection(timeline: TimelineData | null): Html {
  if (timeline === null || (timeline.faults.length === 0 && timeline.recoveries.length === 0)) {
    return html`<section id="timeline"><h2>Timeline of a representative run</h2>${noData('No faults or recoveries were recorded, so there is no run to draw.')}</section>`;
  }
  const { outcome } = timeline;
  const t0 = Math.min(...timeline.faults.map((f) => f.at), ...timeline.recoveries.map((r) => r.faultAt));
  const events: { at: number; agent: string; what: string; detail: string }[] = [];
  for (const f of timeline.faults) events.push({ at: f.at, agent: f.agentId, what: `fault: ${f.faultType}`, detail: f.error ?? '' });
  for (const r of timeline.recoveries) {
    events.push({ at: r.detectedAt, agent: r.agentId, what: `detected: ${r.faultType}`, detail: `${secondsBare((r.detectedAt - r.faultAt) / 1000)}${NBSP}s after the fault` });
    events.push({
      at: r.recoveredAt,
      agent: r.agentId,
      what: r.success ? 'recovered' : 'recovery failed',
      detail: r.success ? `Δt ${secondsBare((r.recoveredAt - r.faultAt) / 1000)}${NBSP}s${r.reconstructionAccuracy === undefined ? '' : `, reconstruction accuracy ${fraction(r.reconstructionAccuracy)}`}${r.usedPeerContext ? ', used peer context' : ''}` : (r.error ?? ''),
    });
  }
  events.sort((a, b) => a.at - b.at);
  const rows = events.map((e) => html`<tr><td class="num">${secondsBare((e.at - t0) / 1000)}</td><td><code>${e.agent}</code></td><td>${e.what}</td><td class="${e.what === 'recovery failed' ? 'error' : ''}">${e.detail}</td></tr>`);
  const verdict =
    outcome === undefined
      ? 'no scenario result recorded'
      : outcome.success
        ? html`<span class="good">steady state held</span>`
        : html`<span class="bad">${outcome.inconclusive === true ? 'inconclusive' : 'steady state did not hold'}</span>`;
  return html`<section id="timeline"><h2>Timeline of a representative run</h2>
<p>Run <code>${timeline.runId}</code>${timeline.scenario === undefined ? '' : html` of <strong>${timeline.scenario}</strong>`}${outcome?.seed === undefined ? '' : html`, seed <code>${outcome.seed}</code>`}: ${verdict}. Shown because it is ${timeline.why}.${timeline.omitted > 0 ? ` ${timeline.omitted} further records of this run are not drawn.` : ''}</p>
<figure>${timelineChart(timeline.faults, timeline.recoveries, timeline.runId)}<figcaption>One lane per agent. A triangle marks each fault, a tick its detection, a dot the recovery; the dashed span is time to detect, the bar the repair.</figcaption></figure>
<div class="scroll"><table data-table="timeline"><thead><tr><th class="num">t (s)</th><th>agent</th><th>event</th><th>details</th></tr></thead><tbody>${rows}</tbody></table></div>
</section>`;
}

// ---------------------------------------------------------------- comparison

function comparisonRows(result: CampaignComparison): GroupComparison[] {
  return [result.overall, ...result.scenarios];
}

function groupName(group: GroupComparison): string {
  return group.scenario ?? 'All scenarios';
}

function comparisonSection(comparison: ComparisonInput, model: MetricsModel): Html {
  const { result, baseline } = comparison;
  const { a, b } = result.labels;
  const groups = comparisonRows(result);
  const rows = groups.map((g) => {
    const test = g.mttrTest;
    return html`<tr class="${g.scenario === null ? 'overall' : ''}"><td>${groupName(g)}</td><td class="num">${g.a.recoveries}</td><td class="num">${g.b.recoveries}</td><td class="num">${seconds(g.a.mttrAvg)}</td><td class="num">${seconds(g.b.mttrAvg)}</td><td class="num">${seconds(g.mttrDifference, true)}</td><td class="num">${interval(g.mttrDifferenceCi95, (v) => secondsBare(v, true))}</td><td class="num">${test === null ? NONE : pValue(test.p)}<span class="sub">${test === null ? '' : test.method === 'exact' ? 'exact' : 'normal approx.'}</span></td></tr>`;
  });
  const rateRows = groups.map((g) => {
    const side = (s: GroupComparison['a']): string => (s.runs === 0 ? NONE : `${s.successfulRuns}/${s.runs} · ${percent(s.successRate)}`);
    return html`<tr class="${g.scenario === null ? 'overall' : ''}"><td>${groupName(g)}</td><td class="num">${side(g.a)}</td><td class="num">${side(g.b)}</td><td class="num">${points(g.successRateDifference)}</td><td class="num">${interval(g.successRateDifferenceCi95, (v) => fixed1(v, true))}</td></tr>`;
  });
  const mttrForest = forestChart(
    groups.map((g) => ({
      name: groupName(g),
      estimate: g.mttrDifference,
      ci: g.mttrDifferenceCi95,
      text: g.mttrDifference === null ? NONE : `${seconds(g.mttrDifference, true)} ${interval(g.mttrDifferenceCi95, (v) => secondsBare(v, true))}`,
    })),
    'forest-mttr',
    'Difference in MTTR-A, B − A',
    'Δ MTTR-A, B − A (s); left of 0: B recovers faster',
  );
  const rateForest = forestChart(
    groups.map((g) => ({
      name: groupName(g),
      estimate: g.successRateDifference,
      ci: g.successRateDifferenceCi95,
      text: g.successRateDifference === null ? NONE : `${points(g.successRateDifference)} ${interval(g.successRateDifferenceCi95, (v) => fixed1(v, true))}`,
    })),
    'forest-success',
    'Difference in success rate, B − A',
    'Δ success rate, B − A (percentage points)',
  );
  const durationsOf = (m: MetricsModel, name: string | null): Float64Array =>
    name === null ? m.overall.durations : (m.scenarios.find((s) => s.name === name)?.durations ?? new Float64Array(0));
  const overlays = groups
    .map((g) => {
      const da = durationsOf(baseline, g.scenario);
      const db = durationsOf(model, g.scenario);
      if (da.length === 0 && db.length === 0) return '';
      return html`<figure>${ecdfChart(
        [
          { label: `A: ${a}`, sorted: da, color: COLORS.muted, dash: '5 3' },
          { label: `B: ${b}`, sorted: db, color: COLORS.primary },
        ],
        `Recovery-time CDF of A and B, ${groupName(g)}`,
        { markQuantiles: false },
      )}<figcaption>${groupName(g)}: recovery-time CDFs of A (dashed) and B.</figcaption></figure>`;
    })
    .filter((x) => x !== '');
  return html`<section id="comparison"><h2>Comparison with another campaign</h2>
<p><strong>A</strong> = <code>${a}</code> (baseline), <strong>B</strong> = <code>${b}</code> (this report). Differences are B − A: a negative Δ MTTR-A means B recovers faster, a positive Δ success rate means more of B's runs held. Δ MTTR-A has a seeded bootstrap 95${NBSP}% interval (seed <code>${result.bootstrap.seed}</code>, ${result.bootstrap.resamples} resamples, runs resampled within each campaign); p is the two-sided Mann–Whitney U test of the two samples of recovery times (exact, or normal approximation with tie and continuity correction); the success-rate difference has Newcombe's hybrid score interval.</p>
<h3>Recovery time</h3>
<div class="scroll"><table data-table="comparison-mttr"><thead><tr><th>scenario</th><th class="num">n A</th><th class="num">n B</th><th class="num">MTTR-A A</th><th class="num">MTTR-A B</th><th class="num">Δ MTTR-A</th><th class="num">95${NBSP}% CI (s)</th><th class="num">p (MWU)</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="stats">n: successful recoveries, the two samples of the Mann–Whitney test.</p>
<figure>${mttrForest}<figcaption>Δ MTTR-A with 95${NBSP}% bootstrap intervals; an interval that excludes 0 is a difference the resampling does not explain away.</figcaption></figure>
<h3>Success rate</h3>
<div class="scroll"><table data-table="comparison-success"><thead><tr><th>scenario</th><th class="num">success A</th><th class="num">success B</th><th class="num">Δ success</th><th class="num">95${NBSP}% CI (pp)</th></tr></thead><tbody>${rateRows}</tbody></table></div>
<figure>${rateForest}<figcaption>Δ success rate with 95${NBSP}% Newcombe intervals.</figcaption></figure>
${overlays.length === 0 ? noData('Neither campaign recorded a successful recovery — no recovery-time curves to compare.') : html`<h3>Recovery-time distributions</h3><div class="pair">${overlays}</div>`}
</section>`;
}

// ---------------------------------------------------------------- failures, methods

function failuresSection(model: MetricsModel): Html {
  const runs =
    model.failedRunCount === 0
      ? html`<p class="good">Every recorded run held its steady state.</p>`
      : html`<p>${model.failedRunCount} run${model.failedRunCount === 1 ? '' : 's'} did not hold${model.failedRunCount > model.failedRuns.length ? ` (the first ${model.failedRuns.length} are listed)` : ''}. Replay one with its seed.</p><div class="scroll"><table data-table="failed-runs"><thead><tr><th>scenario</th><th>run</th><th>seed</th><th>outcome</th><th>reason</th></tr></thead><tbody>${model.failedRuns.map((r) => html`<tr><td>${r.scenario}</td><td><code>${r.runId}</code></td><td>${r.seed === undefined ? NONE : html`<code>${r.seed}</code>`}</td><td>${r.inconclusive ? 'inconclusive' : 'failed'}</td><td class="error">${r.error ?? ''}</td></tr>`)}</tbody></table></div>`;
  const attempts =
    model.failedRecoveryCount === 0
      ? html`<p class="good">No recovery attempt failed.</p>`
      : html`<p>${model.failedRecoveryCount} recovery attempt${model.failedRecoveryCount === 1 ? '' : 's'} failed${model.failedRecoveryCount > model.failedRecoveries.length ? ` (the first ${model.failedRecoveries.length} are listed)` : ''}.</p><div class="scroll"><table data-table="failed-recoveries"><thead><tr><th>scenario</th><th>run</th><th>agent</th><th>fault</th><th>error</th></tr></thead><tbody>${model.failedRecoveries.map((r) => html`<tr><td>${r.scenario ?? NONE}</td><td><code>${r.runId}</code></td><td><code>${r.agentId}</code></td><td>${r.faultType}</td><td class="error">${r.error ?? ''}</td></tr>`)}</tbody></table></div>`;
  return html`<section id="failures"><h2>Failures</h2><h3>Runs</h3>${runs}<h3>Recovery attempts</h3>${attempts}</section>`;
}

/** The Methods section: how every figure is computed. */
function methods(accuracyThreshold: number): Html {
  return trusted(`<section id="methods"><h2>Methods</h2><dl class="methods">
<dt>Recovery time Δt</dt><dd>t<sub>recovered</sub> − t<sub>fault</sub> of a successful recovery, split into detection (t<sub>detected</sub> − t<sub>fault</sub>) and repair. Failed attempts count in the rates but have no Δt.</dd>
<dt>Recovery-only Δt</dt><dd>A recovery measured with no recorded fault starts at the start of its measurement: its Δt is the recovery's own duration. The files mark each recovery's <code>faultTimeSource</code> (<code>recorded</code>, <code>given</code>, or <code>measurement-start</code>), and the summary counts the last.</dd>
<dt>MTTR-A</dt><dd>Mean over runs of each run's mean Δt (with one run, the plain mean), after Or, <em>MTTR-A: Measuring Cognitive Recovery Latency in Multi-Agent Systems</em> (arXiv 2511.20663). Its 95&nbsp;% interval is a seeded bootstrap percentile interval over runs. A campaign runs a fixed number of runs of each scenario, so a group that spans several scenarios (all scenarios, a fault type, an agent, a tag) resamples runs <em>within each scenario</em> (a stratified bootstrap): resampling the pooled runs would treat each scenario's share as random and widen the interval by the spread between scenarios. The comparison's pooled row does the same.</dd>
<dt>MedTTR-A, P90, P95, P99</dt><dd>Type-7 quantiles (linear interpolation) of all Δt.</dd>
<dt>MTBF, NRR, uptime</dt><dd>MTBF: mean time from a successful recovery to the next fault of the same run, from recorded times only. NRR = 1 − MTTR-A / MTBF and uptime = MTBF / (MTBF + MTTR-A) pair the two over the same runs — those where MTBF is defined (a recovery followed by a fault) — so a campaign whose only such runs are one scenario's has that scenario's NRR. The median form, 1 − MedTTR-A / MTBF over the same runs, is the paper's Table II.</dd>
<dt>Correct recovery</dt><dd>A successful recovery whose reconstruction accuracy is at least the threshold (here ${String(accuracyThreshold)}): the agent came back with the right state. Correct recovery = correct / scored recoveries; a run with a scored recovery below the threshold is not counted as recovered.</dd>
<dt>Rates</dt><dd>Success: runs whose steady-state checks held / runs. Recovered: runs in which every fault needing recovery got one / runs. Completion: runs that completed their task / conclusive runs. Attempts: successful / all recovery attempts. Intervals: Wilson score 95&nbsp;% intervals from the counts.</dd>
<dt>Representative run</dt><dd>The run whose mean Δt is closest to the median of all runs' mean Δt.</dd>
<dt>Charts</dt><dd>Histograms bin Δt at round values (about Sturges' number of bins); the empirical CDF is a step function; box plots use Tukey's 1.5&nbsp;IQR whiskers.</dd>
</dl></section>`);
}

/** The whole report as one HTML document. */
export function renderPage(input: PageInput): string {
  resetIds();
  const { model } = input;
  const body = html`<main>
${header(input)}
${toc(input)}
${summaryCards(model)}
${recoveryTimeSection(model)}
${ratesSection(model)}
${breakdownSection(model)}
${tagSection(model)}
${timelineSection(model.timeline)}
${input.comparison === undefined ? '' : comparisonSection(input.comparison, model)}
${failuresSection(model)}
${methods(model.summary.accuracyThreshold)}
<footer>Generated ${utc(input.generatedAt)} by @chaos/export${input.reporterVersion === null ? '' : ` ${input.reporterVersion}`}. This file is self-contained: it loads nothing from the network and runs no scripts.</footer>
</main>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="generator" content="@chaos/export${input.reporterVersion === null ? '' : ` ${input.reporterVersion}`}">
<title>${html`${input.title}`.value}</title>
<style>${STYLES}</style>
</head>
<body>
${body.value}
</body>
</html>
`;
}


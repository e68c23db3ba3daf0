import { noData } from '../distributionCharts.js';
import { fraction, NBSP, secondsBare } from '../format.js';
import { html, type Html } from '../html.js';
import type { TimelineData } from '../model.js';
import { timelineChart } from '../otherCharts.js';
import { dataTable, numCell } from '../tables.js';

/** The timeline of one representative run: a chart per agent lane and the events as a table. */

interface TimelineEvent {
  readonly at: number;
  readonly agent: string;
  readonly what: string;
  readonly detail: string;
}

/** The run's faults, detections and recoveries, in time order. */
function eventsOf(timeline: TimelineData): TimelineEvent[] {
  const events: TimelineEvent[] = [];
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
  return events.sort((a, b) => a.at - b.at);
}

function eventsTable(timeline: TimelineData): Html {
  const t0 = Math.min(...timeline.faults.map((f) => f.at), ...timeline.recoveries.map((r) => r.faultAt));
  const rows = eventsOf(timeline).map(
    (e) =>
      html`<tr>${numCell(secondsBare((e.at - t0) / 1000))}<td><code>${e.agent}</code></td><td>${e.what}</td><td class="${e.what === 'recovery failed' ? 'error' : ''}">${e.detail}</td></tr>`,
  );
  return dataTable('timeline', [{ num: 't (s)' }, 'agent', 'event', 'details'], rows);
}

function verdictOf(outcome: TimelineData['outcome']): Html | string {
  if (outcome === undefined) return 'no scenario result recorded';
  if (outcome.success) return html`<span class="good">steady state held</span>`;
  return html`<span class="bad">${outcome.inconclusive === true ? 'inconclusive' : 'steady state did not hold'}</span>`;
}

export function timelineSection(timeline: TimelineData | null): Html {
  if (timeline === null || (timeline.faults.length === 0 && timeline.recoveries.length === 0)) {
    return html`<section id="timeline"><h2>Timeline of a representative run</h2>${noData('No faults or recoveries were recorded, so there is no run to draw.')}</section>`;
  }
  const { outcome } = timeline;
  return html`<section id="timeline"><h2>Timeline of a representative run</h2>
<p>Run <code>${timeline.runId}</code>${timeline.scenario === undefined ? '' : html` of <strong>${timeline.scenario}</strong>`}${outcome?.seed === undefined ? '' : html`, seed <code>${outcome.seed}</code>`}: ${verdictOf(outcome)}. Shown because it is ${timeline.why}.${timeline.omitted > 0 ? ` ${timeline.omitted} further records of this run are not drawn.` : ''}</p>
<figure>${timelineChart(timeline.faults, timeline.recoveries, timeline.runId)}<figcaption>One lane per agent. A triangle marks each fault, a tick its detection, a dot the recovery; the dashed span is time to detect, the bar the repair.</figcaption></figure>
${eventsTable(timeline)}
</section>`;
}

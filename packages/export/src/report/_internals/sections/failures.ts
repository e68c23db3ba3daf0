import { NONE } from '../format.js';
import { html, type Html } from '../html.js';
import type { MetricsModel } from '../model.js';
import { dataTable } from '../tables.js';

/** The failed runs (with their seeds, to replay them) and the failed recovery attempts. */

/** `3 runs did not hold (the first 2 are listed)`: how many there were, and whether all are listed. */
function howMany(total: number, listed: number, what: string, verb: string): string {
  return `${total} ${what}${total === 1 ? '' : 's'} ${verb}${total > listed ? ` (the first ${listed} are listed)` : ''}`;
}

function failedRuns(model: MetricsModel): Html {
  if (model.failedRunCount === 0) return html`<p class="good">Every recorded run held its steady state.</p>`;
  const rows = model.failedRuns.map(
    (r) =>
      html`<tr><td>${r.scenario}</td><td><code>${r.runId}</code></td><td>${r.seed === undefined ? NONE : html`<code>${r.seed}</code>`}</td><td>${r.inconclusive ? 'inconclusive' : 'failed'}</td><td class="error">${r.error ?? ''}</td></tr>`,
  );
  return html`<p>${howMany(model.failedRunCount, model.failedRuns.length, 'run', 'did not hold')}. Replay one with its seed.</p>${dataTable('failed-runs', ['scenario', 'run', 'seed', 'outcome', 'reason'], rows)}`;
}

function failedRecoveries(model: MetricsModel): Html {
  if (model.failedRecoveryCount === 0) return html`<p class="good">No recovery attempt failed.</p>`;
  const rows = model.failedRecoveries.map(
    (r) =>
      html`<tr><td>${r.scenario ?? NONE}</td><td><code>${r.runId}</code></td><td><code>${r.agentId}</code></td><td>${r.faultType}</td><td class="error">${r.error ?? ''}</td></tr>`,
  );
  return html`<p>${howMany(model.failedRecoveryCount, model.failedRecoveries.length, 'recovery attempt', 'failed')}.</p>${dataTable('failed-recoveries', ['scenario', 'run', 'agent', 'fault', 'error'], rows)}`;
}

export function failuresSection(model: MetricsModel): Html {
  return html`<section id="failures"><h2>Failures</h2><h3>Runs</h3>${failedRuns(model)}<h3>Recovery attempts</h3>${failedRecoveries(model)}</section>`;
}

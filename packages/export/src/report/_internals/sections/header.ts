import { count, NBSP, NONE, utc } from '../format.js';
import { html, type Html } from '../html.js';
import type { MetricsModel } from '../model.js';
import type { PageInput } from '../pageInput.js';

/** The header: title, lede, what is known of the campaign; then the table of contents. */

function runsPerScenario(model: MetricsModel): string {
  const counts = new Set(model.scenarios.map((s) => s.outcomes.runs).filter((n) => n > 0));
  if (counts.size === 1) return `, ${[...counts][0]} per scenario`;
  return '';
}

export function header(input: PageInput): Html {
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

export function toc(input: PageInput): Html {
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

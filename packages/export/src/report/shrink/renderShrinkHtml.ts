import { htmlDocument } from '../_internals/document.js';
import { NONE } from '../_internals/format.js';
import { html } from '../_internals/html.js';
import { dataTable, numCell } from '../_internals/tables.js';
import { writeHtmlFile } from '../_internals/writeHtmlFile.js';

/** A shrunk run, as `shrinkRun` of `@chaos/runner` (and `chaos shrink --json`) gives it. */
export interface ShrinkReportInput {
  readonly scenario: string;
  readonly seed: string;
  readonly runId: string;
  readonly campaignSeed?: string;
  readonly runIndex?: number;
  readonly check: { readonly name: string; readonly detail: string };
  readonly fired: number;
  /** The minimal plan's faults, with when they fired in the failed run (ms). */
  readonly faults: readonly { readonly fault: string; readonly target: string; readonly call: number; readonly at: number; readonly rule: { readonly options?: object | undefined } }[];
  readonly planSource: string;
  readonly replays: number;
  readonly oneMinimal: boolean;
  /** The command that replays the plan, when known. */
  readonly replayCommand?: string;
}

/**
 * A self-contained HTML page of a shrunk run (`chaos shrink --report`): the check the
 * minimal plan still fails, its faults with where and when they fired, the plan to paste
 * and the command that replays it.
 */
export function renderShrinkHtml(shrunk: ShrinkReportInput, options: { readonly title?: string } = {}): string {
  const title = options.title ?? `The faults that matter: ${shrunk.runId}`;
  const rows = shrunk.faults.map(
    (f) => html`<tr><td>${f.fault}</td><td><code>${f.target}</code></td>${numCell(f.call)}${numCell(`${(f.at / 1000).toFixed(3)} s`)}<td>${f.rule.options === undefined ? NONE : html`<code>${JSON.stringify(f.rule.options)}</code>`}</td></tr>`,
  );
  const origin = shrunk.campaignSeed === undefined ? html`seed <code>${shrunk.seed}</code>` : html`run ${shrunk.runIndex} of campaign <code>${shrunk.campaignSeed}</code> (run seed <code>${shrunk.seed}</code>)`;
  const body = html`<main>
<h1>${title}</h1>
<p class="lede">${shrunk.scenario}, ${origin}: ${shrunk.faults.length} of the ${shrunk.fired} faults the run fired still fail <strong>${shrunk.check.name}</strong>.</p>
<dl class="meta"><dt>fails</dt><dd>${shrunk.check.name}: ${shrunk.check.detail}</dd><dt>minimal</dt><dd>${shrunk.oneMinimal ? 'removing any one of these faults makes the check pass (each removal replayed)' : 'not shown 1-minimal: the replay budget ran out'}</dd><dt>replays</dt><dd>${shrunk.replays}</dd></dl>
<h2>The faults</h2>
${dataTable('shrink-faults', ['fault', 'target', { num: 'call' }, { num: 'fired at' }, 'pinned options'], rows)}
<h2>The plan, to paste into <code>defineScenario</code></h2>
<pre><code>${shrunk.planSource}</code></pre>
${shrunk.replayCommand === undefined ? '' : html`<h2>Replay it</h2><pre><code>${shrunk.replayCommand}</code></pre>`}
</main>`;
  return htmlDocument(title, body);
}

/**
 * Writes {@link renderShrinkHtml}'s page to `outFile` atomically.
 *
 * @returns the absolute path written
 * @throws {@link ExportError} when the file cannot be written
 */
export function writeShrinkReport(shrunk: ShrinkReportInput, outFile: string): Promise<string> {
  return writeHtmlFile(outFile, () => renderShrinkHtml(shrunk));
}

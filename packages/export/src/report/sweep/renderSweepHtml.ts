import { resetIds } from '../_internals/axes.js';
import { htmlDocument } from '../_internals/document.js';
import { interval, NBSP, NONE } from '../_internals/format.js';
import { html } from '../_internals/html.js';
import { dataTable, numCell } from '../_internals/tables.js';
import { writeHtmlFile } from '../_internals/writeHtmlFile.js';
import { sweepChart } from './sweepChart.js';
import type { SweepReportInput } from './types.js';

const number = (value: number | null): string => (value === null ? NONE : String(Number(value.toPrecision(6))));

/**
 * A self-contained HTML page of a sweep (`chaos sweep --report`): where the objective
 * breaks, the plot of the figure against the knob with each probe's 95 % interval and the
 * objective line, and the table of probes.
 *
 * @example
 * ```ts
 * const page = renderSweepHtml(await sweepKnob({ … }));
 * ```
 */
export function renderSweepHtml(sweep: SweepReportInput, options: { readonly title?: string } = {}): string {
  resetIds();
  const title = options.title ?? `Where ${sweep.objective} breaks: ${sweep.scenario}`;
  const rows = sweep.probes.map(
    (p) =>
      html`<tr data-decision="${p.decision}">${numCell(number(p.value))}${numCell(p.runs)}${numCell(number(p.estimate))}${numCell(interval(p.interval, number))}<td>${p.decision}</td></tr>`,
  );
  const body = html`<main>
<h1>${title}</h1>
<p class="lede">Sweep of <code>${sweep.knob}</code> for scenario <code>${sweep.scenario}</code>, seed <code>${sweep.seed}</code>.</p>
<dl class="meta"><dt>objective</dt><dd><code>${sweep.objective}</code></dd><dt>breaks at</dt><dd>${sweep.knob} ≈ ${number(sweep.breakPoint)}, in ${interval(sweep.interval, number)} (between the closest probes decided on each side with 95&nbsp;% confidence)</dd><dt>runs</dt><dd>${sweep.runs} (a fixed grid of the same precision: ${sweep.gridRuns})</dd></dl>
<h2>${sweep.figure} against ${sweep.knob}</h2>
<figure class="chart">${sweepChart(sweep)}</figure>
<h2>Probes</h2>
${dataTable('sweep-probes', [{ num: sweep.knob }, { num: 'runs' }, { num: sweep.figure }, { num: `95${NBSP}% interval` }, 'decision'], rows)}
</main>`;
  return htmlDocument(title, body);
}

/**
 * Writes {@link renderSweepHtml}'s page to `outFile` atomically (a temporary file, then a
 * rename), making its folder if needed.
 *
 * @returns the absolute path written
 * @throws {@link ExportError} when the file cannot be written
 */
export function writeSweepReport(sweep: SweepReportInput, outFile: string): Promise<string> {
  return writeHtmlFile(outFile, () => renderSweepHtml(sweep));
}

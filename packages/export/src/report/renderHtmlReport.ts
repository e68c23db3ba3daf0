import { compareCampaigns } from '@chaos/metrics';
import { formatValue } from '@chaos/format';
import { systemNow } from '../_internals/now.js';
import { packageVersions } from '../_internals/versions.js';
import { buildMetricsModel } from './_internals/model.js';
import { renderPage } from './_internals/page.js';
import type { ComparisonInput } from './_internals/pageInput.js';
import { resolveInput } from './_internals/resolveInput.js';
import type { HtmlReportInput, HtmlReportOptions } from './types.js';

/** The default title of a report. */
export const DEFAULT_REPORT_TITLE = 'Chaos campaign report';

function validateOptions(options: HtmlReportOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`Expected options to be an object, got \`${formatValue(options)}\``);
  }
  if (options.title !== undefined && (typeof options.title !== 'string' || options.title.trim() === '')) {
    throw new TypeError(`Expected \`title\` to be a non-empty string, got \`${formatValue(options.title)}\``);
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new TypeError(`Expected \`now\` to be a function returning a Date, got \`${formatValue(options.now)}\``);
  }
  if (options.timelineRunId !== undefined && typeof options.timelineRunId !== 'string') {
    throw new TypeError(`Expected \`timelineRunId\` to be a string, got \`${formatValue(options.timelineRunId)}\``);
  }
}

/**
 * Renders a chaos campaign as one self-contained HTML document: inline CSS and SVG
 * charts (drawn on the server with d3-scale, d3-shape and d3-array), no script, no
 * font or image fetched — a Content-Security-Policy in the page forbids it — and a
 * print stylesheet. Every name and error text from the data is escaped.
 *
 * Sections: the campaign header (seed, scenarios, runs, package versions, times);
 * summary cards (MTTR-A with its bootstrap interval, MedTTR-A, P95/P99, time to detect,
 * MTBF, NRR, and success / recovery / completion / attempt rates with Wilson
 * intervals); recovery time — box plots by scenario, then each scenario's histogram and
 * empirical CDF; rates by scenario with interval bars; recoveries by fault type and by
 * agent; the timeline of a representative run (the one whose mean recovery time is
 * closest to the median over runs); with `compareWith`, a comparison section; the
 * failed runs and recovery attempts; the methods. A part with no data says so instead
 * of drawing an empty chart.
 *
 * @param input - a path to an export folder (its newest `chaos_full_metrics_<ts>.json`)
 *   or to a full-metrics JSON file; a metrics store; or `{ metrics, context, … }`
 * @param options - title, clock, a baseline to compare with, the timeline's run
 * @returns the HTML document
 * @throws `TypeError` for an input or option of the wrong kind; {@link ExportError} when
 *   a path cannot be read or is not a full-metrics export
 *
 * @example
 * ```ts
 * const html = await renderHtmlReport('results/');                     // newest export in the folder
 * const live = await renderHtmlReport({ metrics, context: { seed: 'campaign-1' } });
 * const diff = await renderHtmlReport('after/', { compareWith: 'before/' }); // B = after, A = before
 * ```
 */
export async function renderHtmlReport(input: HtmlReportInput, options: HtmlReportOptions = {}): Promise<string> {
  validateOptions(options);
  const campaign = await resolveInput(input, 'input', options.load);
  const baseline = options.compareWith === undefined ? undefined : await resolveInput(options.compareWith, 'compareWith', options.load);
  const model = buildMetricsModel(campaign.metrics, campaign.scenarios, options.timelineRunId);
  let comparison: ComparisonInput | undefined;
  if (baseline !== undefined) {
    let a = options.compare?.labels?.a ?? baseline.label ?? 'A';
    let b = options.compare?.labels?.b ?? campaign.label ?? 'B';
    if (a === b) {
      a = `A: ${a}`;
      b = `B: ${b}`;
    }
    const result = compareCampaigns(baseline.metrics, campaign.metrics, { ...options.compare, labels: { a, b } });
    comparison = {
      result,
      baseline: buildMetricsModel(baseline.metrics, baseline.scenarios),
      baselineInfo: baseline.info,
    };
  }
  const now = (options.now ?? systemNow)();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new TypeError(`Expected \`now\` to return a valid Date, got \`${String(now)}\``);
  }
  return renderPage({
    title: options.title ?? DEFAULT_REPORT_TITLE,
    generatedAt: now,
    reporterVersion: packageVersions()['@chaos/export'],
    campaign: campaign.info,
    model,
    comparison,
  });
}

/**
 * The report of campaign `b` with a section comparing it with the baseline `a`:
 * `renderHtmlReport(b, { ...options, compareWith: a })`. Differences are B − A.
 *
 * @example
 * ```ts
 * const html = await renderComparisonHtml('runs/main', 'runs/retry-v2');
 * ```
 */
export function renderComparisonHtml(
  a: HtmlReportInput,
  b: HtmlReportInput,
  options: Omit<HtmlReportOptions, 'compareWith'> = {},
): Promise<string> {
  return renderHtmlReport(b, { ...options, compareWith: a });
}

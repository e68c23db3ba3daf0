import { basename, dirname, join } from 'node:path';
import { writeHtmlFile } from './_internals/writeHtmlFile.js';
import { renderHtmlReport } from './renderHtmlReport.js';
import type { HtmlReportInput, WriteHtmlReportOptions } from './types.js';

/**
 * Renders the report ({@link renderHtmlReport}) and writes it to `outFile` atomically:
 * the HTML goes to a hidden temp file in the same folder, is fsynced, and then takes its
 * final name — a rename that replaces an older report in one step, or with
 * `overwrite: false` a hard link that fails if the name is taken. A crash never leaves
 * a half-written report under `outFile`. The folder is created if missing.
 *
 * @param input - as for {@link renderHtmlReport}
 * @param outFile - where the report goes (relative paths resolve against the current directory)
 * @returns the absolute path of the report
 * @throws {@link ExportError} when the file cannot be written (or exists, with
 *   `overwrite: false`), naming it; `signal.reason` when aborted
 *
 * @example
 * ```ts
 * const path = await writeHtmlReport('results/', 'results/report.html');
 * ```
 */
export function writeHtmlReport(input: HtmlReportInput, outFile: string, options: WriteHtmlReportOptions = {}): Promise<string> {
  return writeHtmlFile(outFile, () => renderHtmlReport(input, options), options);
}

/**
 * Where the HTML report of a full export goes by default: `chaos_report_<ts>.html` beside
 * `chaos_full_metrics_<ts>.json`, with the same timestamp (and `-n` suffix).
 *
 * @example
 * ```ts
 * reportPathFor('results/chaos_full_metrics_20261128T081500Z.json'); // 'results/chaos_report_20261128T081500Z.html'
 * ```
 */
export function reportPathFor(fullMetricsFile: string): string {
  return join(dirname(fullMetricsFile), basename(fullMetricsFile).replace(/^chaos_full_metrics_/, 'chaos_report_').replace(/\.json$/, '.html'));
}

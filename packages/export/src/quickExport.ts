import type { MetricsSource } from '@chaos/metrics';
import { MetricsExporter, type MetricsExporterOptions } from './MetricsExporter.js';
import type { ExportOptions, ExportPaths } from './types.js';

/** Options of {@link quickExport}: the exporter's options plus those of one export. */
export interface QuickExportOptions extends MetricsExporterOptions, ExportOptions {}

/**
 * Writes all four files in one call: `new MetricsExporter(options).exportAll(metrics)`.
 *
 * @param metrics - the store to export (a `ResilienceMetrics`, or any `MetricsSource`)
 * @param options - `outputDir`, and optionally `context`, `now` and `signal`
 * @returns the absolute paths of the four files
 * @throws `TypeError` when an option is invalid
 * @throws {@link ExportError} naming the file (or `outputDir`) and the cause
 *
 * @example
 * ```ts
 * import { getMetrics } from '@chaos/metrics';
 * import { quickExport } from '@chaos/export';
 *
 * const { summary, events } = await quickExport(getMetrics(), { outputDir: 'results' });
 * ```
 */
export async function quickExport(metrics: MetricsSource, options: QuickExportOptions): Promise<ExportPaths> {
  const { signal, ...exporterOptions } = options;
  return new MetricsExporter(exporterOptions).exportAll(metrics, { signal });
}

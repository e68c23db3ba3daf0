export { MetricsExporter } from './MetricsExporter.js';
export type { MetricsExporterOptions } from './MetricsExporter.js';
export { quickExport } from './quickExport.js';
export type { QuickExportOptions } from './quickExport.js';
export { loadExport, LOAD_EXPORT_MAX_BYTES } from './loadExport.js';
export type { LoadExportOptions } from './loadExport.js';
export { EVENTS_CSV_COLUMNS, MTTR_CSV_COLUMNS } from './csvColumns.js';
export type { EventsCsvColumn, MttrCsvColumn } from './csvColumns.js';
export { ExportError, isExportError } from './ExportError.js';
export { FULL_METRICS_FILE_FORMAT, SUMMARY_FILE_FORMAT } from './types.js';
export type {
  ExportContext,
  ExportCounts,
  ExportLabelValue,
  ExportOptions,
  ExportPaths,
  FullMetricsFile,
  PackageVersions,
  RecordedExportContext,
  SummaryFile,
} from './types.js';
export { renderHtmlReport, renderComparisonHtml, DEFAULT_REPORT_TITLE } from './report/renderHtmlReport.js';
export { reportPathFor, writeHtmlReport } from './report/writeHtmlReport.js';
export { renderSweepHtml, writeSweepReport } from './report/sweep/renderSweepHtml.js';
export type { SweepReportInput, SweepReportProbe } from './report/sweep/types.js';
export { renderShrinkHtml, writeShrinkReport } from './report/shrink/renderShrinkHtml.js';
export type { ShrinkReportInput } from './report/shrink/renderShrinkHtml.js';
export { findLatestExport, loadReportCampaign } from './report/loadReportCampaign.js';
export type { HtmlReportInput, HtmlReportOptions, ReportCampaign, WriteHtmlReportOptions } from './report/types.js';

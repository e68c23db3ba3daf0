import type { CompareCampaignsOptions, MetricsSource } from '@chaos/metrics';
import type { LoadExportOptions } from '../loadExport.js';
import type { ExportContext } from '../types.js';

/**
 * A campaign to report on, in memory: the metrics and what is known about the campaign
 * that produced them.
 */
export interface ReportCampaign {
  /** The records: a `ResilienceMetrics` or another `MetricsSource`. */
  readonly metrics: MetricsSource;
  /**
   * Seed, configuration, scenario names and labels, shown in the header; the scenario
   * names also get a (possibly empty) section each.
   * @defaultValue `{}` — no seed, no configuration, the scenarios found in the records
   */
  readonly context?: ExportContext | undefined;
  /**
   * Versions of the packages that produced the metrics.
   * @defaultValue the installed `@chaos/export`, `@chaos/metrics` and `@chaos/config`
   */
  readonly packages?: Readonly<Record<string, string | null>> | undefined;
  /** When the data was exported (ISO 8601), if it was. */
  readonly exportedAt?: string | undefined;
  /** Where the data was read from, shown in the header. */
  readonly source?: string | undefined;
  /**
   * The campaign's name in a comparison.
   * @defaultValue the file name for a path; `'A'` / `'B'` otherwise
   */
  readonly label?: string | undefined;
}

/**
 * What a report is made from: a path to an export folder (its newest
 * `chaos_full_metrics_<ts>.json` is read) or to a full-metrics JSON file; a metrics
 * store; or a {@link ReportCampaign}.
 */
export type HtmlReportInput = string | MetricsSource | ReportCampaign;

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /**
   * The report's title.
   * @defaultValue `'Chaos campaign report'`
   */
  readonly title?: string | undefined;
  /**
   * The wall clock that stamps "report generated" (a label only; inject it for
   * reproducible output).
   * @defaultValue the system time
   */
  readonly now?: (() => Date) | undefined;
  /**
   * A baseline campaign A to compare this one (B) with: adds a comparison section
   * (differences are B − A). Same forms as the input.
   * @defaultValue none — no comparison section
   */
  readonly compareWith?: HtmlReportInput | undefined;
  /**
   * Options of the comparison (`seed`, `resamples`, `labels`), passed to
   * `compareCampaigns` of `@chaos/metrics`.
   * @defaultValue labels from the inputs' `label` or file names; the metrics defaults otherwise
   */
  readonly compare?: CompareCampaignsOptions | undefined;
  /**
   * The run to draw as the timeline.
   * @defaultValue the run whose mean recovery time is closest to the median over runs
   */
  readonly timelineRunId?: string | undefined;
  /** Options of `loadExport` when an input is a path. */
  readonly load?: LoadExportOptions | undefined;
}

/** Options of {@link writeHtmlReport}. */
export interface WriteHtmlReportOptions extends HtmlReportOptions {
  /**
   * Replace an existing file at `outFile` (atomically: readers see the old report or
   * the new one, never a mix). With `false`, an existing file is an `ExportError`.
   * @defaultValue `true`
   */
  readonly overwrite?: boolean | undefined;
  /** Cancels the write: the temp file is removed and the promise rejects with `signal.reason`. */
  readonly signal?: AbortSignal | undefined;
}

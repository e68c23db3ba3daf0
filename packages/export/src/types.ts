import type { FaultRecord, MetricsSummary, RecoveryRecord, ScenarioOutcome } from '@chaos/metrics';

/** A label value: what a spreadsheet cell or a JSON scalar can hold. */
export type ExportLabelValue = string | number | boolean | null;

/**
 * What an export records about the campaign that produced the metrics. Every field is
 * optional; see {@link RecordedExportContext} for what is written when one is left out.
 */
export interface ExportContext {
  /**
   * The configuration of the campaign: a `ChaosConfig`, a runner config, or any
   * JSON-serialisable object. Functions in it are dropped, as `JSON.stringify` does.
   * @defaultValue the active chaos runtime's config at export time (`currentChaos().config`)
   */
  readonly config?: object | undefined;
  /**
   * The campaign seed, so the campaign can be replayed.
   * @defaultValue the active chaos runtime's seed when `config` is also left out, else `null`
   */
  readonly seed?: string | number | undefined;
  /**
   * The names of the scenarios the campaign ran.
   * @defaultValue the scenarios found in the metrics (`summary.byScenario`), sorted
   */
  readonly scenarios?: readonly string[] | undefined;
  /**
   * Free-form labels: machine, git commit, thesis chapter, ….
   * @defaultValue `{}`
   */
  readonly labels?: Readonly<Record<string, ExportLabelValue>> | undefined;
}

/** The context as written in both JSON files: every field present. */
export interface RecordedExportContext {
  readonly config: object | null;
  readonly seed: string | number | null;
  readonly scenarios: readonly string[];
  readonly labels: Readonly<Record<string, ExportLabelValue>>;
}

/**
 * The installed versions of the packages that produced an export, as recorded in both
 * JSON files (`null` for a package that could not be resolved, as in a bundled app).
 */
export interface PackageVersions {
  readonly '@chaos/export': string | null;
  readonly '@chaos/metrics': string | null;
  readonly '@chaos/config': string | null;
}

/** How many records the full file holds, written before them. */
export interface ExportCounts {
  readonly faults: number;
  readonly recoveries: number;
  readonly scenarioResults: number;
}

/** The value of `format` in `chaos_summary_<ts>.json`. */
export const SUMMARY_FILE_FORMAT = 'chaos-summary';
/** The value of `format` in `chaos_full_metrics_<ts>.json`. */
export const FULL_METRICS_FILE_FORMAT = 'chaos-full-metrics';

/**
 * `chaos_summary_<ts>.json` (schema: `@chaos/export/schemas/summary.schema.json`).
 * Summary durations are seconds, rates percentages 0..100, an empty sample `null`.
 */
export interface SummaryFile {
  readonly format: typeof SUMMARY_FILE_FORMAT;
  /** `METRICS_SCHEMA_VERSION` of `@chaos/metrics`. */
  readonly schemaVersion: number;
  /** When the export was written, ISO 8601 UTC (a wall-clock label). */
  readonly generatedAt: string;
  readonly packages: PackageVersions;
  readonly context: RecordedExportContext;
  /** `startMeasurement()` time, ms on the run clock, or `null`. */
  readonly startedAt: number | null;
  /** The seed of the bootstrap interval. */
  readonly bootstrapSeed: string;
  /**
   * The resamples of the bootstrap interval, when the store tells (`ResilienceMetrics`
   * does); {@link loadExport} restores it so the interval comes out the same.
   */
  readonly bootstrapResamples: number | null;
  /**
   * The reconstruction accuracy a successful recovery needed to be a correct recovery;
   * {@link loadExport} restores it so `correctRecoveryRate` comes out the same.
   */
  readonly accuracyThreshold: number;
  readonly counts: ExportCounts;
  readonly summary: MetricsSummary;
}

/**
 * `chaos_full_metrics_<ts>.json` (schema: `@chaos/export/schemas/full-metrics.schema.json`):
 * the summary file's fields plus every record. It is also a valid `MetricsSnapshot`, so
 * `ResilienceMetrics.fromJSON` reads it (that is what {@link loadExport} does). Optional
 * record fields that are `undefined` are left out, as `JSON.stringify` does.
 */
export interface FullMetricsFile extends Omit<SummaryFile, 'format'> {
  readonly format: typeof FULL_METRICS_FILE_FORMAT;
  readonly faults: readonly FaultRecord[];
  readonly recoveries: readonly RecoveryRecord[];
  readonly scenarioResults: readonly ScenarioOutcome[];
}

/** The files one {@link MetricsExporter.exportAll} wrote: absolute paths. */
export interface ExportPaths {
  /** `chaos_full_metrics_<ts>.json` */
  readonly fullMetrics: string;
  /** `chaos_summary_<ts>.json` */
  readonly summary: string;
  /** `chaos_events_<ts>.csv` */
  readonly events: string;
  /** `chaos_mttr_<ts>.csv` */
  readonly mttr: string;
}

/** Options of one export call. */
export interface ExportOptions {
  /**
   * Cancels the export: the temp files are removed, nothing is published, and the
   * promise rejects with `signal.reason`.
   */
  readonly signal?: AbortSignal | undefined;
}

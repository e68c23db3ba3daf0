import { isAbsolute, join, resolve } from 'node:path';
import { currentChaos } from '@chaos/config';
import { errorMessage, formatValue } from '@chaos/format';
import type { MetricsSource, MetricsSummary } from '@chaos/metrics';
import { EVENTS_CSV_COLUMNS, MTTR_CSV_COLUMNS } from './csvColumns.js';
import { ExportError } from './ExportError.js';
import {
  discardAll,
  prepareOutputDir,
  publishAll,
  reserveStamp,
  stageFile,
  type StagedFile,
} from './_internals/atomicFiles.js';
import { eventRows, mttrRows } from './_internals/csvTable.js';
import { csvWriter, textWriter } from './_internals/csvWriter.js';
import { fullMetricsChunks, summaryDocument, type DocumentHeader } from './_internals/documents.js';
import { systemNow } from './_internals/now.js';
import { fileTimestamp } from './_internals/timestamp.js';
import { packageVersions } from './_internals/versions.js';
import type { ExportContext, ExportLabelValue, ExportOptions, ExportPaths, RecordedExportContext } from './types.js';

/** Options of {@link MetricsExporter}. */
export interface MetricsExporterOptions {
  /**
   * The folder the files are written to; created (recursively) if missing. A relative
   * path is resolved against the current directory when the exporter is created.
   */
  readonly outputDir: string;
  /**
   * What the JSON files record about the campaign (config, seed, scenarios, labels).
   * @defaultValue `{}` — see {@link ExportContext} for each field's default
   */
  readonly context?: ExportContext | undefined;
  /**
   * The wall clock that names the files and fills `generatedAt`. It only labels the
   * export; inject it to get predictable names in tests.
   * @defaultValue the system time
   */
  readonly now?: (() => Date) | undefined;
}

type FileKind = keyof ExportPaths;

const ALL_KINDS: readonly FileKind[] = ['fullMetrics', 'summary', 'events', 'mttr'];

/** The file name of each kind of file for one timestamp. */
function fileName(kind: FileKind, stamp: string): string {
  switch (kind) {
    case 'fullMetrics':
      return `chaos_full_metrics_${stamp}.json`;
    case 'summary':
      return `chaos_summary_${stamp}.json`;
    case 'events':
      return `chaos_events_${stamp}.csv`;
    case 'mttr':
      return `chaos_mttr_${stamp}.csv`;
  }
}

function fileNames(stamp: string): string[] {
  return ALL_KINDS.map((kind) => fileName(kind, stamp));
}

function validateOptions(options: MetricsExporterOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`Expected options to be an object with \`outputDir\`, got \`${formatValue(options)}\``);
  }
  if (typeof options.outputDir !== 'string' || options.outputDir.trim() === '') {
    throw new TypeError(`Expected \`outputDir\` to be a non-empty string, got \`${formatValue(options.outputDir)}\``);
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new TypeError(`Expected \`now\` to be a function returning a Date, got \`${formatValue(options.now)}\``);
  }
  validateContext(options.context);
}

function validateContext(context: ExportContext | undefined): void {
  if (context === undefined) return;
  if (typeof context !== 'object' || context === null) {
    throw new TypeError(`Expected \`context\` to be an object, got \`${formatValue(context)}\``);
  }
  const { config, seed, scenarios, labels } = context;
  if (config !== undefined) {
    if (typeof config !== 'object' || config === null) {
      throw new TypeError(`Expected \`context.config\` to be an object, got \`${formatValue(config)}\``);
    }
    try {
      JSON.stringify(config);
    } catch (error: unknown) {
      throw new TypeError(`Expected \`context.config\` to be JSON-serialisable: ${errorMessage(error)}`, { cause: error });
    }
  }
  if (seed !== undefined && typeof seed !== 'string' && !(typeof seed === 'number' && Number.isFinite(seed))) {
    throw new TypeError(`Expected \`context.seed\` to be a string or a finite number, got \`${formatValue(seed)}\``);
  }
  if (scenarios !== undefined && (!Array.isArray(scenarios) || !scenarios.every((s) => typeof s === 'string'))) {
    throw new TypeError(`Expected \`context.scenarios\` to be an array of strings, got \`${formatValue(scenarios)}\``);
  }
  if (labels !== undefined) {
    if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
      throw new TypeError(`Expected \`context.labels\` to be an object, got \`${formatValue(labels)}\``);
    }
    for (const [key, value] of Object.entries(labels) as [string, unknown][]) {
      const ok =
        value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
      if (!ok) {
        throw new TypeError(
          `Expected \`context.labels.${key}\` to be a string, a finite number, a boolean or null, got \`${formatValue(value)}\``,
        );
      }
    }
  }
}

function validateSource(metrics: unknown): asserts metrics is MetricsSource {
  const m = metrics as Partial<Record<keyof MetricsSource, unknown>> | null;
  if (
    typeof m !== 'object' ||
    m === null ||
    typeof m.getSummary !== 'function' ||
    typeof m.iterateFaults !== 'function' ||
    typeof m.iterateRecoveries !== 'function' ||
    !Array.isArray(m.scenarioResults)
  ) {
    throw new TypeError('Expected `metrics` to be a metrics store (a `ResilienceMetrics` or another `MetricsSource`)');
  }
}

/**
 * Writes the data of a chaos campaign for analysis: the full metrics and the summary as
 * JSON, and the events and recovery times as CSV. Every file is written atomically (a
 * temp file in the same folder, fsynced, then renamed) and large files are streamed.
 *
 * File names carry a UTC timestamp (`chaos_events_20261128T081500Z.csv`); when an export
 * of the same second already exists in the folder, the next one gets `-2`, `-3`, … All
 * files of one call share one timestamp, and no existing file is ever overwritten.
 *
 * @example
 * ```ts
 * const exporter = new MetricsExporter({ outputDir: 'results', context: { seed: 'campaign-1' } });
 * const paths = await exporter.exportAll(getMetrics());
 * console.log(paths.events); // /…/results/chaos_events_20261128T081500Z.csv
 * ```
 */
export class MetricsExporter {
  /** The absolute folder the files go to. */
  readonly outputDir: string;
  /** What the JSON files record about the campaign, as given. */
  readonly context: ExportContext;
  readonly #now: () => Date;

  /**
   * @throws `TypeError` when an option is invalid (naming the option and the value)
   */
  constructor(options: MetricsExporterOptions) {
    validateOptions(options);
    this.outputDir = isAbsolute(options.outputDir) ? options.outputDir : resolve(options.outputDir);
    this.context = options.context ?? {};
    this.#now = options.now ?? systemNow;
  }

  /**
   * Writes all four files under one timestamp, all or nothing: the files are written to
   * temp files first, and only when all four are complete are they renamed; if any step
   * fails, none of the four is left behind.
   *
   * @returns the absolute paths of the files
   * @throws {@link ExportError} naming the file (or `outputDir`) and the cause
   */
  async exportAll(metrics: MetricsSource, options: ExportOptions = {}): Promise<ExportPaths> {
    const paths = await this.#export(ALL_KINDS, metrics, options);
    return paths as ExportPaths;
  }

  /**
   * Writes `chaos_full_metrics_<ts>.json`: the summary and every record, streamed.
   * @returns the absolute path of the file
   * @throws {@link ExportError} naming the file (or `outputDir`) and the cause
   */
  async exportFullMetrics(metrics: MetricsSource, options: ExportOptions = {}): Promise<string> {
    return (await this.#export(['fullMetrics'], metrics, options)).fullMetrics as string;
  }

  /**
   * Writes `chaos_summary_<ts>.json`: the summary, context and versions, without records.
   * @returns the absolute path of the file
   * @throws {@link ExportError} naming the file (or `outputDir`) and the cause
   */
  async exportSummary(metrics: MetricsSource, options: ExportOptions = {}): Promise<string> {
    return (await this.#export(['summary'], metrics, options)).summary as string;
  }

  /**
   * Writes `chaos_events_<ts>.csv`: one row per fault and per recovery attempt
   * ({@link EVENTS_CSV_COLUMNS}), streamed from the store.
   * @returns the absolute path of the file
   * @throws {@link ExportError} naming the file (or `outputDir`) and the cause
   */
  async exportEventsCsv(metrics: MetricsSource, options: ExportOptions = {}): Promise<string> {
    return (await this.#export(['events'], metrics, options)).events as string;
  }

  /**
   * Writes `chaos_mttr_<ts>.csv`: one row per recovery attempt with its Δt, detect and
   * repair times ({@link MTTR_CSV_COLUMNS}), streamed from the store.
   * @returns the absolute path of the file
   * @throws {@link ExportError} naming the file (or `outputDir`) and the cause
   */
  async exportMttrCsv(metrics: MetricsSource, options: ExportOptions = {}): Promise<string> {
    return (await this.#export(['mttr'], metrics, options)).mttr as string;
  }

  async #export(kinds: readonly FileKind[], metrics: MetricsSource, options: ExportOptions): Promise<Partial<ExportPaths>> {
    validateSource(metrics);
    const signal = options.signal;
    signal?.throwIfAborted();
    const date = this.#now();
    if (!(date instanceof Date)) throw new TypeError(`Expected \`now()\` to return a Date, got \`${formatValue(date)}\``);
    const stem = fileTimestamp(date);
    const dir = this.outputDir;

    const needsJson = kinds.includes('fullMetrics') || kinds.includes('summary');
    const header = needsJson ? this.#header(metrics, date, dir) : undefined;

    await prepareOutputDir(dir);
    const reservation = await reserveStamp(dir, stem, fileNames);
    const staged: StagedFile[] = [];
    try {
      const paths: Partial<Record<FileKind, string>> = {};
      for (const kind of kinds) {
        const finalPath = join(dir, fileName(kind, reservation.stamp));
        staged.push(await stageFile(finalPath, this.#writerFor(kind, metrics, header, signal), signal));
        paths[kind] = finalPath;
      }
      signal?.throwIfAborted();
      await publishAll(staged);
      return paths;
    } catch (error: unknown) {
      await discardAll(staged);
      throw error;
    } finally {
      await reservation.release();
    }
  }

  #writerFor(kind: FileKind, metrics: MetricsSource, header: DocumentHeader | undefined, signal: AbortSignal | undefined) {
    switch (kind) {
      case 'fullMetrics':
        return textWriter(fullMetricsChunks(header as DocumentHeader, metrics), signal);
      case 'summary':
        return textWriter([summaryDocument(header as DocumentHeader, metrics)], signal);
      case 'events':
        return csvWriter(eventRows(metrics), EVENTS_CSV_COLUMNS, signal);
      case 'mttr':
        return csvWriter(mttrRows(metrics), MTTR_CSV_COLUMNS, signal);
    }
  }

  #header(metrics: MetricsSource, date: Date, dir: string): DocumentHeader {
    let summary: MetricsSummary;
    try {
      summary = metrics.getSummary();
    } catch (error: unknown) {
      throw new ExportError(`Could not export to ${dir}: the metrics summary failed: ${errorMessage(error)}`, dir, error);
    }
    return {
      generatedAt: date.toISOString(),
      packages: packageVersions(),
      context: this.#recordedContext(summary),
      summary,
    };
  }

  #recordedContext(summary: MetricsSummary): RecordedExportContext {
    const { config, seed, scenarios, labels } = this.context;
    const active = config === undefined ? currentChaos() : undefined;
    // A config given as a class instance or with functions: keep what JSON keeps.
    const configText = JSON.stringify(config ?? active?.config ?? null);
    const recordedConfig = configText === undefined ? null : (JSON.parse(configText) as object | null);
    return {
      config: recordedConfig,
      seed: seed ?? active?.seed ?? null,
      scenarios: scenarios !== undefined ? [...scenarios] : Object.keys(summary.byScenario).sort(),
      labels: { ...(labels ?? {}) } as Record<string, ExportLabelValue>,
    };
  }
}

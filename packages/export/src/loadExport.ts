import { constants as bufferConstants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import {
  METRICS_SCHEMA_VERSION,
  ResilienceMetrics,
  type MetricsSnapshot,
  type ResilienceMetricsOptions,
} from '@chaos/metrics';
import { errorMessage, formatValue } from '@chaos/format';
import { ExportError } from './ExportError.js';
import { FULL_METRICS_FILE_FORMAT, SUMMARY_FILE_FORMAT } from './types.js';

/**
 * The largest file {@link loadExport} reads by default: the longest string V8 can hold
 * (`buffer.constants.MAX_STRING_LENGTH`, 2^29 − 24 characters, about 512 MiB on 64-bit
 * Node). A full export takes about 250–350 bytes per record, so this is roughly
 * 1.5 million faults and recoveries.
 */
export const LOAD_EXPORT_MAX_BYTES: number = bufferConstants.MAX_STRING_LENGTH;

/** Options of {@link loadExport}. */
export interface LoadExportOptions {
  /**
   * Refuse files larger than this many bytes (the whole file is read and parsed in memory).
   * @defaultValue {@link LOAD_EXPORT_MAX_BYTES}
   */
  readonly maxBytes?: number | undefined;
  /**
   * Options of the new store: its `clock`, and `bootstrapResamples` to override the
   * count recorded in the file. (The bootstrap seed always comes from the file.)
   * @defaultValue `{}` — the file's `bootstrapResamples`, else the metrics default
   */
  readonly metricsOptions?: Omit<ResilienceMetricsOptions, 'bootstrapSeed'> | undefined;
}

function fail(path: string, reason: string, cause?: unknown): ExportError {
  return new ExportError(`Could not load export ${path}: ${reason}`, path, cause);
}

/**
 * Reads a `chaos_full_metrics_<ts>.json` file (or a `toJSON()` snapshot saved as JSON)
 * back into a `ResilienceMetrics`, whose `getSummary()` equals the summary of the store
 * that was exported (the records, the bootstrap seed and resample count are restored
 * exactly).
 *
 * The file is read whole and parsed with `JSON.parse`, so it must be at most `maxBytes`
 * (about 512 MiB by default, see {@link LOAD_EXPORT_MAX_BYTES}).
 *
 * @param path - the full-metrics JSON file
 * @throws {@link ExportError} when the file cannot be read, is too large, is not JSON,
 *   is another kind of export (a summary), has another `schemaVersion`, or holds
 *   records that `ResilienceMetrics.fromJSON` rejects
 *
 * @example
 * ```ts
 * const metrics = await loadExport('results/chaos_full_metrics_20261128T081500Z.json');
 * console.log(metrics.getSummary().mttrAvg);
 * ```
 */
export async function loadExport(path: string, options: LoadExportOptions = {}): Promise<ResilienceMetrics> {
  if (typeof path !== 'string' || path === '') {
    throw new TypeError(`Expected \`path\` to be a non-empty string, got \`${formatValue(path)}\``);
  }
  const maxBytes = options.maxBytes ?? LOAD_EXPORT_MAX_BYTES;
  if (typeof maxBytes !== 'number' || !(maxBytes > 0)) {
    throw new TypeError(`Expected \`maxBytes\` to be a positive number, got \`${formatValue(maxBytes)}\``);
  }

  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw fail(path, 'it is not a file');
    size = info.size;
  } catch (error: unknown) {
    if (error instanceof ExportError) throw error;
    throw fail(path, errorMessage(error), error);
  }
  if (size > maxBytes) {
    throw fail(path, `it is ${size} bytes, more than the ${maxBytes} bytes loadExport reads (maxBytes)`);
  }

  let document: unknown;
  try {
    document = JSON.parse(await readFile(path, 'utf8'));
  } catch (error: unknown) {
    throw fail(path, error instanceof SyntaxError ? `it is not valid JSON: ${error.message}` : errorMessage(error), error);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw fail(path, 'it does not hold a JSON object');
  }
  const file = document as Record<string, unknown>;

  if (file['format'] === SUMMARY_FILE_FORMAT) {
    throw fail(path, 'it is a summary export, which holds no records; load the chaos_full_metrics_<ts>.json file');
  }
  if (file['format'] !== undefined && file['format'] !== FULL_METRICS_FILE_FORMAT) {
    throw fail(path, `its format is ${formatValue(file['format'])}, expected "${FULL_METRICS_FILE_FORMAT}"`);
  }
  // Version 1 files (before tags, fault time sources and the accuracy threshold) still load.
  if (file['schemaVersion'] !== METRICS_SCHEMA_VERSION && file['schemaVersion'] !== 1) {
    throw fail(
      path,
      file['schemaVersion'] === undefined
        ? `it has no schemaVersion; expected ${METRICS_SCHEMA_VERSION}`
        : `it has schemaVersion ${formatValue(file['schemaVersion'])}, and this version of @chaos/export reads schemaVersions 1 and ${METRICS_SCHEMA_VERSION}`,
    );
  }
  for (const key of ['faults', 'recoveries', 'scenarioResults'] as const) {
    if (!Array.isArray(file[key])) throw fail(path, `its \`${key}\` is not an array`);
  }

  const snapshot = {
    schemaVersion: file['schemaVersion'],
    startedAt: file['startedAt'] ?? null,
    bootstrapSeed: file['bootstrapSeed'],
    ...(typeof file['accuracyThreshold'] === 'number' ? { accuracyThreshold: file['accuracyThreshold'] } : {}),
    faults: file['faults'],
    recoveries: file['recoveries'],
    scenarioResults: file['scenarioResults'],
  } as MetricsSnapshot;
  const recordedResamples = file['bootstrapResamples'];
  const metricsOptions = {
    ...(typeof recordedResamples === 'number' ? { bootstrapResamples: recordedResamples } : {}),
    ...options.metricsOptions,
  };
  try {
    return ResilienceMetrics.fromJSON(snapshot, metricsOptions);
  } catch (error: unknown) {
    throw fail(path, `its records were rejected: ${errorMessage(error)}`, error);
  }
}

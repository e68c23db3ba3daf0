import { ChaosError, hasChaosErrorCode } from '@chaos/config';

/**
 * An export could not be written or read. `path` names the file (or the output folder)
 * and `cause` carries the underlying error, so
 * `Could not write chaos_events_20261128T081500Z.csv in /data/run-7: ENOSPC …` says what
 * failed, where, and why.
 *
 * @example
 * ```ts
 * try { await exporter.exportAll(metrics); } catch (error: unknown) {
 *   if (isExportError(error)) console.error(error.path, error.cause);
 * }
 * ```
 */
export class ExportError extends ChaosError {
  /** The file or folder the failed operation was about. */
  readonly path: string;

  constructor(message: string, path: string, cause?: unknown) {
    super('CHAOS_EXPORT', message, cause === undefined ? {} : { cause });
    this.name = 'ExportError';
    this.path = path;
  }
}

/** True when `error` is an {@link ExportError}, from any installed copy of the package. */
export function isExportError(error: unknown): error is ExportError {
  return hasChaosErrorCode(error, 'CHAOS_EXPORT');
}

import { ChaosError, isChaosError } from '@chaos/config';

/** Why a journal was refused. */
export type JournalErrorCode = 'CHAOS_JOURNAL_MISMATCH' | 'CHAOS_JOURNAL_CORRUPT';

/**
 * A campaign journal could not be used: it was written by a different campaign
 * configuration (`CHAOS_JOURNAL_MISMATCH`, with each difference listed), or a line
 * other than a torn last one is not a journal record (`CHAOS_JOURNAL_CORRUPT`).
 *
 * @example
 * ```ts
 * try { await runner.runAll(); } catch (error: unknown) {
 *   if (isJournalError(error)) console.error(error.journal, error.differences);
 * }
 * ```
 */
export class JournalError extends ChaosError {
  declare readonly code: JournalErrorCode;
  /** The journal file. */
  readonly journal: string;
  /** For a mismatch: each setting that differs, `name: here … vs journal …`. */
  readonly differences: readonly string[];

  constructor(code: JournalErrorCode, journal: string, message: string, differences: readonly string[] = []) {
    super(code, message);
    this.name = 'JournalError';
    this.journal = journal;
    this.differences = Object.freeze([...differences]);
  }
}

/** True when `error` is a {@link JournalError}, from any installed copy of the package. */
export function isJournalError(error: unknown): error is JournalError {
  return isChaosError(error) && (error.code === 'CHAOS_JOURNAL_MISMATCH' || error.code === 'CHAOS_JOURNAL_CORRUPT');
}

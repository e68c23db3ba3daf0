import { ChaosError, isChaosError } from '@chaos/config';

/** Why a journal was refused. */
export type JournalErrorCode =
  | 'CHAOS_JOURNAL_MISMATCH'
  | 'CHAOS_JOURNAL_CORRUPT'
  | 'CHAOS_JOURNAL_FOREIGN'
  | 'CHAOS_JOURNAL_LOCKED'
  | 'CHAOS_JOURNAL_UNUSABLE';

const CODES: ReadonlySet<string> = new Set<JournalErrorCode>([
  'CHAOS_JOURNAL_MISMATCH',
  'CHAOS_JOURNAL_CORRUPT',
  'CHAOS_JOURNAL_FOREIGN',
  'CHAOS_JOURNAL_LOCKED',
  'CHAOS_JOURNAL_UNUSABLE',
]);

/**
 * A campaign journal could not be used, and was left as it was:
 *
 * - `CHAOS_JOURNAL_MISMATCH`: written by a different campaign configuration (each
 *   difference listed in `differences`);
 * - `CHAOS_JOURNAL_CORRUPT`: a line other than a torn last one is not a run record of
 *   the campaign (the message says how to salvage the intact runs);
 * - `CHAOS_JOURNAL_FOREIGN`: the file is not a chaos journal (no header line);
 * - `CHAOS_JOURNAL_LOCKED`: another campaign is using it (the message names it);
 * - `CHAOS_JOURNAL_UNUSABLE`: a folder, or a file that cannot be read or created.
 *
 * @example
 * ```ts
 * try { await runner.runAll(); } catch (error: unknown) {
 *   if (isJournalError(error)) console.error(error.code, error.journal, error.differences);
 * }
 * ```
 */
export class JournalError extends ChaosError {
  declare readonly code: JournalErrorCode;
  /** The journal file. */
  readonly journal: string;
  /** For a mismatch: each setting that differs, `name: here … vs journal …`. */
  readonly differences: readonly string[];

  constructor(code: JournalErrorCode, journal: string, message: string, differences: readonly string[] = [], cause?: unknown) {
    super(code, message, cause === undefined ? {} : { cause });
    this.name = 'JournalError';
    this.journal = journal;
    this.differences = Object.freeze([...differences]);
  }
}

/** True when `error` is a {@link JournalError}, from any installed copy of the package. */
export function isJournalError(error: unknown): error is JournalError {
  return isChaosError(error) && CODES.has(error.code);
}

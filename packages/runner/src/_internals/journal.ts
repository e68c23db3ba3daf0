import { dirname, resolve } from 'node:path';
import type { ScenarioResult } from '@chaos/scenarios';
import { errorMessage } from '@chaos/format';
import { JournalError, type JournalErrorCode } from '../JournalError.js';
import { errorCode, fileSystem, fsyncFolder, makeFolders, statIfPresent, writeAll } from './fileSystem.js';
import { differencesBetween, fingerprintOf, headerLine, readHeader, readRun, runLine, type CampaignIdentity } from './journalFormat.js';
import { lockJournal, type JournalLock } from './journalLock.js';

export { hashOfValue, runKey, type CampaignIdentity } from './journalFormat.js';

/** How to get the intact runs out of a damaged journal, for error messages. */
export function salvageAdvice(path: string): string {
  return `Copy its intact runs into a new journal with \`chaos salvage ${path} <new-journal>\` (or salvageJournal() from @chaos/runner), then resume with --journal <new-journal>.`;
}

function unusable(code: JournalErrorCode, path: string, why: string, cause?: unknown): JournalError {
  return new JournalError(code, path, `Journal "${path}" ${why}`, [], cause);
}

/**
 * Whether the journal file exists; explains why a path cannot be a journal file.
 * Reads nothing.
 */
function exists(path: string): boolean {
  let info;
  try {
    info = statIfPresent(path);
  } catch (error: unknown) {
    throw unusable('CHAOS_JOURNAL_UNUSABLE', path, `cannot be used: ${errorCode(error) === 'ENOTDIR' ? 'a part of its path is a file' : errorMessage(error)}`, error);
  }
  if (info === undefined) return false;
  if (info.isDirectory()) throw unusable('CHAOS_JOURNAL_UNUSABLE', path, 'is a folder: give the path of a journal file (it is created if missing)');
  if (!info.isFile()) throw unusable('CHAOS_JOURNAL_UNUSABLE', path, 'is not a regular file');
  return true;
}

/** The journal's text, `undefined` when there is no file. */
function readExisting(path: string): string | undefined {
  if (!exists(path)) return undefined;
  try {
    return fileSystem.readFileSync(path, 'utf8');
  } catch (error: unknown) {
    throw unusable('CHAOS_JOURNAL_UNUSABLE', path, `cannot be read: ${errorMessage(error)}`, error);
  }
}

/**
 * An append-only JSON-lines record of a campaign. Line 1 is a header naming the format,
 * its version, the campaign's identity and its fingerprint; each further line is one
 * finished run, written and fsynced before the runner counts it. A journal is locked
 * (`<journal>.lock`) while open.
 */
export class Journal {
  readonly path: string;
  /** Runs read back from the file, by `runKey`. */
  readonly completed: ReadonlyMap<string, ScenarioResult>;
  #fd: number | undefined;
  readonly #lock: JournalLock;

  private constructor(path: string, fd: number, lock: JournalLock, completed: Map<string, ScenarioResult>) {
    this.path = path;
    this.#fd = fd;
    this.#lock = lock;
    this.completed = completed;
  }

  /**
   * Opens (or creates) the journal of a campaign and locks it. A file that is not a
   * journal of this campaign is never written to.
   *
   * @param notice - told about repairs: a torn last line removed, a stale lock taken over
   * @throws {@link JournalError}: `CHAOS_JOURNAL_UNUSABLE` (a folder, unreadable),
   * `CHAOS_JOURNAL_FOREIGN` (not a journal), `CHAOS_JOURNAL_MISMATCH` (another
   * campaign's), `CHAOS_JOURNAL_CORRUPT` (a damaged line before the last),
   * `CHAOS_JOURNAL_LOCKED` (in use)
   */
  static open(file: string, identity: CampaignIdentity, notice: (message: string) => void): Journal {
    const path = resolve(file);
    exists(path);
    try {
      makeFolders(dirname(path));
    } catch (error: unknown) {
      throw unusable('CHAOS_JOURNAL_UNUSABLE', path, `cannot be created in ${dirname(path)}: ${errorMessage(error)}`, error);
    }
    const lock = lockJournal(path, notice);
    try {
      // Read again under the lock: the file may have changed before we held it.
      const text = readExisting(path);
      const completed = new Map<string, ScenarioResult>();
      const header = headerLine(identity);
      if (text === undefined || text === '') return new Journal(path, Journal.#create(path, header, text === undefined), lock, completed);
      const end = text.lastIndexOf('\n');
      if (end === -1) {
        if (!header.startsWith(text)) throw Journal.#foreign(path, 'it has no header line');
        // The header of this very campaign, cut off when the journal was being created.
        notice(`Journal "${path}": completed its header, cut off when the journal was created.`);
        return new Journal(path, Journal.#create(path, header, false), lock, completed);
      }
      Journal.#readRuns(path, text.slice(0, end), identity, completed);
      const tornBytes = Buffer.byteLength(text.slice(end + 1));
      if (tornBytes > 0) {
        Journal.#truncate(path, Buffer.byteLength(text.slice(0, end + 1)));
        notice(`Journal "${path}": removed a torn last line (${tornBytes} bytes, a run cut off mid-write); that run will run again.`);
      }
      return new Journal(path, fileSystem.openSync(path, 'a'), lock, completed);
    } catch (error: unknown) {
      lock.release();
      throw error;
    }
  }

  static #foreign(path: string, why: string): JournalError {
    return unusable('CHAOS_JOURNAL_FOREIGN', path, `is not a chaos journal (${why}); it was left untouched. Give a new file, or a journal this campaign wrote.`);
  }

  /** Writes the header into a new or empty file. */
  static #create(path: string, header: string, isNew: boolean): number {
    const fd = fileSystem.openSync(path, 'w');
    try {
      writeAll(fd, header);
      fileSystem.fsyncSync(fd);
    } catch (error: unknown) {
      fileSystem.closeSync(fd);
      throw error;
    }
    if (isNew) fsyncFolder(dirname(path));
    return fd;
  }

  /** Checks the header and reads every whole line into `completed`. */
  static #readRuns(path: string, whole: string, identity: CampaignIdentity, completed: Map<string, ScenarioResult>): void {
    const lines = whole.split('\n');
    const header = readHeader(lines[0] as string);
    if ('problem' in header) throw Journal.#foreign(path, header.problem);
    if (header.fingerprint !== fingerprintOf(identity)) {
      const differences = differencesBetween(identity, header.campaign);
      throw new JournalError(
        'CHAOS_JOURNAL_MISMATCH',
        path,
        `Journal "${path}" was written by a different campaign configuration (${differences.join('; ') || 'fingerprint differs'}). Resume it with the same configuration, or use another journal file.`,
        differences,
      );
    }
    const bounds = { scenarios: new Set(identity.scenarios), runsPerScenario: identity.runsPerScenario };
    for (let i = 1; i < lines.length; i++) {
      const run = readRun(lines[i] as string, bounds);
      if ('problem' in run) {
        throw new JournalError(
          'CHAOS_JOURNAL_CORRUPT',
          path,
          `Journal "${path}" is damaged at line ${i + 1}: ${run.problem}. It was left untouched. ${salvageAdvice(path)}`,
        );
      }
      // A run recorded twice (it cannot happen through the runner) counts once.
      if (!completed.has(run.key)) completed.set(run.key, run.result);
    }
  }

  static #truncate(path: string, length: number): void {
    const fd = fileSystem.openSync(path, 'r+');
    try {
      fileSystem.ftruncateSync(fd, length);
      fileSystem.fsyncSync(fd);
    } finally {
      fileSystem.closeSync(fd);
    }
  }

  /** Appends one finished run and flushes it to disk before returning. */
  append(scenario: string, runIndex: number, result: ScenarioResult): void {
    if (this.#fd === undefined) throw new Error(`Journal "${this.path}" is closed`);
    writeAll(this.#fd, runLine(scenario, runIndex, result));
    fileSystem.fsyncSync(this.#fd);
  }

  /** Closes the file and releases the lock. Idempotent. */
  close(): void {
    if (this.#fd === undefined) return;
    fileSystem.closeSync(this.#fd);
    this.#fd = undefined;
    this.#lock.release();
  }
}

import { hostname } from 'node:os';
import { JournalError } from '../JournalError.js';
import { errorCode, fileSystem, writeAll } from './fileSystem.js';

/** Who holds a journal: the lock file's content. */
interface LockHolder {
  readonly pid: number;
  readonly host: string;
}

/** An exclusive hold on a journal, released by `release()` (idempotent). */
export interface JournalLock {
  readonly path: string;
  release(): void;
}

/** The lock file of a journal. */
export function lockPathOf(journal: string): string {
  return `${journal}.lock`;
}

function readHolder(lockPath: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(fileSystem.readFileSync(lockPath, 'utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, host } = value as Record<string, unknown>;
    return typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0 && typeof host === 'string' ? { pid, host } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process of this machine is running (one of another user counts as running). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Writes the lock file whole, then links it into place: `link` fails when a lock is
 * already there, and a reader never sees a half-written lock.
 *
 * @returns false when another lock is in place
 */
function tryCreate(lockPath: string, holder: LockHolder): boolean {
  const temp = `${lockPath}.${holder.pid}.tmp`;
  const fd = fileSystem.openSync(temp, 'w');
  try {
    writeAll(fd, `${JSON.stringify({ format: 'chaos-journal-lock', ...holder })}\n`);
    fileSystem.fsyncSync(fd);
  } finally {
    fileSystem.closeSync(fd);
  }
  try {
    fileSystem.linkSync(temp, lockPath);
    return true;
  } catch (error: unknown) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    fileSystem.unlinkSync(temp);
  }
}

/**
 * Takes the journal's lock: a file `<journal>.lock` holding this process's pid and
 * host. A lock left by a process of this host that is gone (killed) is taken over, with
 * a notice. A lock held by a running process, or by one on another host (whose life
 * cannot be checked from here), refuses.
 *
 * @throws {@link JournalError} `CHAOS_JOURNAL_LOCKED` naming the holder
 */
export function lockJournal(journal: string, notice: (message: string) => void): JournalLock {
  const lockPath = lockPathOf(journal);
  const me: LockHolder = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath, me)) return heldLock(lockPath, me);
    const holder = readHolder(lockPath);
    if (holder === undefined) {
      throw new JournalError(
        'CHAOS_JOURNAL_LOCKED',
        journal,
        `Journal "${journal}" is locked by ${lockPath}, which names no process. If no campaign is using the journal, delete ${lockPath}.`,
      );
    }
    const local = holder.host === me.host;
    if (local && holder.pid !== me.pid && !isRunning(holder.pid)) {
      // Check the lock is still the stale one just before removing it: another process
      // may have taken it over in between.
      const again = readHolder(lockPath);
      if (again?.pid === holder.pid && again.host === holder.host) {
        try {
          fileSystem.unlinkSync(lockPath);
        } catch (error: unknown) {
          if (errorCode(error) !== 'ENOENT') throw error;
        }
        notice(`Journal "${journal}": took over the lock of process ${holder.pid} on ${holder.host}, which is no longer running.`);
      }
      continue;
    }
    throw new JournalError(
      'CHAOS_JOURNAL_LOCKED',
      journal,
      `Journal "${journal}" is in use by another campaign (process ${holder.pid} on ${holder.host}${holder.pid === me.pid && local ? ', this very process' : ''}). ` +
        (local
          ? 'Wait for it to finish, or use another journal file.'
          : `Wait for it to finish, or use another journal file; if that campaign is no longer running, delete ${lockPath}.`),
    );
  }
  throw new JournalError('CHAOS_JOURNAL_LOCKED', journal, `Journal "${journal}": could not take its lock ${lockPath}; other campaigns keep taking it.`);
}

function heldLock(path: string, me: LockHolder): JournalLock {
  let held = true;
  return {
    path,
    release(): void {
      if (!held) return;
      held = false;
      // Remove the lock only if it is still ours.
      const holder = readHolder(path);
      if (holder?.pid !== me.pid || holder.host !== me.host) return;
      try {
        fileSystem.unlinkSync(path);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}

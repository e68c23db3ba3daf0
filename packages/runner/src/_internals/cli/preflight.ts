import { dirname, join, resolve } from 'node:path';
import { errorMessage } from '@chaos/format';
import { errorCode, fileSystem, missingFolders, statIfPresent } from '../fileSystem.js';
import { UsageError } from './usage.js';

/** A path a command will write: a folder it writes files into, or one file. */
export interface PlannedWrite {
  /** How the user gave it, for the message: `--out`, `--journal`. */
  readonly option: string;
  readonly path: string;
  readonly kind: 'folder' | 'file';
}

/** Why `dir` (which exists) cannot take new files, or `undefined`. Creates and removes a probe file. */
function whyNotWritable(dir: string): string | undefined {
  const probe = join(dir, `.chaos-preflight-${process.pid}`);
  try {
    fileSystem.closeSync(fileSystem.openSync(probe, 'wx'));
    fileSystem.unlinkSync(probe);
    return undefined;
  } catch (error: unknown) {
    return `is not writable (${errorMessage(error)})`;
  }
}

/** Why the folder `dir` cannot be used or created, or `undefined`. */
function folderProblem(dir: string): string | undefined {
  let missing: string[];
  let existing: string;
  try {
    const info = statIfPresent(dir);
    if (info !== undefined) return info.isDirectory() ? whyNotWritable(dir) : 'is a file, not a folder';
    ({ existing, missing } = missingFolders(dir));
  } catch (error: unknown) {
    return errorCode(error) === 'ENOTDIR' ? 'cannot be created: a part of its path is a file' : `cannot be read (${errorMessage(error)})`;
  }
  if (!fileSystem.statSync(existing).isDirectory()) return `cannot be created: ${existing} is a file`;
  // Make the first missing folder and remove it again: only that shows a place (a
  // read-only mount, /proc) refuses new folders. Nothing is left behind.
  const first = missing[0] as string;
  try {
    fileSystem.mkdirSync(first);
  } catch (error: unknown) {
    return `cannot be created (${errorMessage(error)})`;
  }
  try {
    fileSystem.rmdirSync(first);
  } catch {
    // Left as an empty folder: harmless, and the campaign would have made it anyway.
  }
  return undefined;
}

/** Why the file `file` cannot be written (created, or opened for writing), or `undefined`. */
function fileProblem(file: string): string | undefined {
  let info;
  try {
    info = statIfPresent(file);
  } catch (error: unknown) {
    return errorCode(error) === 'ENOTDIR' ? 'cannot be created: a part of its path is a file' : `cannot be read (${errorMessage(error)})`;
  }
  if (info === undefined) {
    const parent = folderProblem(dirname(file));
    return parent === undefined ? undefined : `cannot be created: its folder ${dirname(file)} ${parent}`;
  }
  if (info.isDirectory()) return 'is a folder, not a file';
  if (!info.isFile()) return 'is not a regular file';
  try {
    // Opening for writing changes nothing in the file.
    fileSystem.closeSync(fileSystem.openSync(file, 'r+'));
    return undefined;
  } catch (error: unknown) {
    return `cannot be opened for writing (${errorMessage(error)})`;
  }
}

/**
 * Checks, before anything runs, that every path a command will write can be written:
 * a folder exists as a folder we may write in, or can be created; a file is a regular
 * file we may open for writing, or can be created in its folder. Only synchronous
 * calls that return at once (no recursive `mkdir`, which never returns under `/proc`).
 *
 * @throws {@link UsageError} naming the option, the path and the problem
 */
export function preflight(writes: readonly PlannedWrite[]): void {
  for (const write of writes) {
    const path = resolve(write.path);
    const problem = write.kind === 'folder' ? folderProblem(path) : fileProblem(path);
    if (problem !== undefined) throw new UsageError(`${write.option} "${path}" ${problem}`);
  }
}

import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The synchronous file operations of the journal and the CLI's preflight, in one
 * mutable object: a test replaces or watches them (that every journal line is
 * fsynced before the run counts is only visible this way; a SIGKILL cannot show it).
 */
export const fileSystem = {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
};

/** The `code` of a Node.js system error, if any. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** `stat`, or `undefined` when nothing is there. Other errors (ENOTDIR, EACCES…) throw. */
export function statIfPresent(path: string): Stats | undefined {
  try {
    return fileSystem.statSync(path);
  } catch (error: unknown) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The folders of `dir` that do not exist yet, outermost first, and the nearest one that
 * does.
 *
 * @throws the `stat` error when a part of the path is a file (ENOTDIR) or unreadable
 */
export function missingFolders(dir: string): { readonly existing: string; readonly missing: string[] } {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    if (statIfPresent(current) !== undefined) return { existing: current, missing: missing.reverse() };
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) return { existing: current, missing: missing.reverse() };
    current = parent;
  }
}

/**
 * `mkdir -p`, one level at a time. Node's recursive `mkdir` never returns when a parent
 * exists but refuses children with ENOENT (anything under `/proc`); this fails on the
 * first level that cannot be made.
 */
export function makeFolders(dir: string): void {
  for (const folder of missingFolders(dir).missing) {
    try {
      fileSystem.mkdirSync(folder);
    } catch (error: unknown) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
}

/** Writes all of `text` at the file's position (a short write is continued). */
export function writeAll(fd: number, text: string): void {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buffer.length) offset += fileSystem.writeSync(fd, buffer, offset, buffer.length - offset);
}

/** Flushes a folder's entries (a file just created or renamed in it) to disk; best effort. */
export function fsyncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fileSystem.openSync(dir, 'r');
    fileSystem.fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the file's own fsync still holds.
  } finally {
    if (fd !== undefined) fileSystem.closeSync(fd);
  }
}

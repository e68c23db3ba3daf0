/** Where `chaos run --junit` writes: checked before the campaign, written whole or not at all. */
import { readSync, renameSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { errorMessage } from '@chaos/format';
import { fileSystem, fsyncFolder, statIfPresent, writeAll } from '../fileSystem.js';
import { UsageError } from './usage.js';

/** How many bytes of an existing file are read to tell whether it is a JUnit file. */
const SNIFF_BYTES = 4096;

/** Whether `text` (a file's start) is a JUnit XML document: an XML declaration or comments, then `<testsuites` or `<testsuite`. */
export function looksLikeJunit(text: string): boolean {
  const body = text.replace(/^\uFEFF/, '').replace(/^\s*<\?xml[^>]*\?>/, '').replace(/^(\s*<!--[\s\S]*?-->)*/, '').trimStart();
  return /^<testsuites?[\s>/]/.test(body);
}

/**
 * Refuses a `--junit` path that holds something else than a JUnit file: a CI job
 * rewrites its own report from build to build, but a typo must not cost the user a
 * file. An empty file is taken (nothing is lost). Run after {@link preflight}, which
 * has checked the path can be written.
 *
 * @throws {@link UsageError} naming the option, the path and why it is kept
 */
export function checkJunitTarget(path: string): void {
  const file = resolve(path);
  const info = statIfPresent(file);
  if (info === undefined || !info.isFile() || info.size === 0) return;
  let start: string;
  const fd = fileSystem.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(SNIFF_BYTES, info.size));
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    start = buffer.subarray(0, read).toString('utf8');
  } catch (error: unknown) {
    throw new UsageError(`--junit "${file}" cannot be read (${errorMessage(error)}), so it is not overwritten`);
  } finally {
    fileSystem.closeSync(fd);
  }
  if (!looksLikeJunit(start)) {
    throw new UsageError(`--junit "${file}" exists and is not a JUnit XML file: it is kept. Give a new path, or remove the file first`);
  }
}

/**
 * Writes the JUnit file atomically: a temporary file beside it, flushed, then renamed
 * over it, so a reader (or a crash) never sees half a report. When that fails, the
 * temporary file is removed: a failed write leaves nothing behind.
 */
export function writeJunitFile(path: string, xml: string): string {
  const file = resolve(path);
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  const fd = fileSystem.openSync(temp, 'w');
  try {
    writeAll(fd, xml);
    fileSystem.fsyncSync(fd);
  } catch (error: unknown) {
    fileSystem.closeSync(fd);
    fileSystem.unlinkSync(temp);
    throw error;
  }
  fileSystem.closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (error: unknown) {
    removeQuietly(temp);
    throw error;
  }
  fsyncFolder(dirname(file));
  return file;
}

/** Removes a temporary file after a failure; the failure is what gets reported, not the removal's. */
function removeQuietly(temp: string): void {
  try {
    fileSystem.unlinkSync(temp);
  } catch {
    // Already gone, or its folder is unwritable: nothing more to do.
  }
}

import { constants, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { access, link, lstat, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { errorMessage } from '@chaos/format';
import { ExportError } from '../ExportError.js';

/** A file fully written and fsynced under a temp name, waiting to be published. */
export interface StagedFile {
  readonly finalPath: string;
  readonly tempPath: string;
}

let tempCounter = 0;

/** `.chaos_events_<ts>.csv.<pid>.<n>.tmp`: hidden, unique in this process and across processes. */
function tempPathFor(finalPath: string): string {
  tempCounter += 1;
  return join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}.${tempCounter}.tmp`);
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Removes a file, ignoring every error (it may never have been created). */
export async function removeQuietly(path: string): Promise<void> {
  try {
    await rm(path, { force: true });
  } catch {
    // Nothing more can be done; the error being reported is the one that matters.
  }
}

/**
 * `mkdir -p`, one level at a time: Node's recursive `mkdir` never returns when a parent
 * exists but refuses children with ENOENT (anything under `/proc`), spinning a core.
 */
async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    const exists = await stat(current).then(
      () => true,
      (error: unknown) => {
        if (errorCode(error) === 'ENOENT') return false;
        throw error;
      },
    );
    if (exists || dirname(current) === current) break;
    missing.push(current);
  }
  for (const folder of missing.reverse()) {
    await mkdir(folder).catch((error: unknown) => {
      if (errorCode(error) !== 'EEXIST') throw error;
    });
  }
}

/**
 * Creates `dir` (and its parents) if needed, and checks that it is a folder we may write to.
 * @throws {@link ExportError} naming `dir` when it is a file, sits under a file, cannot be created or is not writable
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  try {
    await makeFolders(dir);
  } catch (error: unknown) {
    const code = errorCode(error);
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      const isFile = await stat(dir).then((s) => !s.isDirectory(), () => false);
      throw new ExportError(
        isFile
          ? `outputDir "${dir}" is a file, not a folder`
          : `outputDir "${dir}" cannot be created: a part of its path is a file (${errorMessage(error)})`,
        dir,
        error,
      );
    }
    throw new ExportError(`outputDir "${dir}" cannot be created: ${errorMessage(error)}`, dir, error);
  }
  const info = await stat(dir).catch((error: unknown) => {
    throw new ExportError(`outputDir "${dir}" cannot be read: ${errorMessage(error)}`, dir, error);
  });
  if (!info.isDirectory()) throw new ExportError(`outputDir "${dir}" is a file, not a folder`, dir);
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error: unknown) {
    throw new ExportError(`outputDir "${dir}" is not writable: ${errorMessage(error)}`, dir, error);
  }
}

function writeError(finalPath: string, cause: unknown): ExportError {
  return new ExportError(
    `Could not write ${basename(finalPath)} in ${dirname(finalPath)}: ${errorMessage(cause)}`,
    finalPath,
    cause,
  );
}

/**
 * Writes a file under a fresh temp name next to `finalPath` (exclusive create), fsyncs
 * it and closes it (the stream's `flush` option). `write` pipes into the stream it is given and resolves when done.
 * On any failure the temp file is removed and an {@link ExportError} naming `finalPath`
 * is thrown, with the failure as `cause` — or `signal.reason` when the signal aborted.
 */
export async function stageFile(
  finalPath: string,
  write: (out: Writable) => Promise<void>,
  signal: AbortSignal | undefined,
): Promise<StagedFile> {
  const tempPath = tempPathFor(finalPath);
  let out: WriteStream | undefined;
  try {
    signal?.throwIfAborted();
    // `wx`: a fresh file, never someone else's; `flush`: fsync before the stream closes.
    out = createWriteStream(tempPath, { flags: 'wx', mode: 0o644, flush: true, highWaterMark: 1 << 16 });
    await write(out);
    if (!out.closed) await once(out, 'close');
    return { finalPath, tempPath };
  } catch (error: unknown) {
    if (out !== undefined && !out.closed) {
      out.destroy();
      await once(out, 'close').catch(() => undefined);
    }
    await removeQuietly(tempPath);
    if (signal?.aborted === true) throw signal.reason;
    throw writeError(finalPath, error);
  }
}

/** Link errors that mean "this file system has no hard links", not "the name is taken". */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EINVAL']);

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error: unknown) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Gives a staged file its final name without ever replacing an existing file: a hard
 * link fails with `EEXIST` when the name is taken. Where the file system has no hard
 * links, falls back to check-then-rename (the timestamp reservation keeps other chaos
 * exports away from the name meanwhile).
 */
async function publishOne(file: StagedFile): Promise<void> {
  try {
    await link(file.tempPath, file.finalPath);
  } catch (error: unknown) {
    const code = errorCode(error);
    if (code === 'EEXIST') throw new Error(`${basename(file.finalPath)} already exists; it is never overwritten`, { cause: error });
    if (code === undefined || !NO_HARD_LINKS.has(code)) throw error;
    if (await exists(file.finalPath)) {
      throw new Error(`${basename(file.finalPath)} already exists; it is never overwritten`);
    }
    await rename(file.tempPath, file.finalPath);
    return;
  }
  await removeQuietly(file.tempPath);
}

/** fsyncs a folder so renames in it survive a power cut; not every platform allows it. */
async function syncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some file systems cannot fsync a directory; the data itself is synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Publishes staged files all or nothing: if one cannot take its final name, the ones
 * already published by this call are removed again, and every temp file is removed.
 * @throws {@link ExportError} naming the file that could not be published
 */
export async function publishAll(files: readonly StagedFile[]): Promise<void> {
  const published: string[] = [];
  for (const file of files) {
    try {
      await publishOne(file);
      published.push(file.finalPath);
    } catch (error: unknown) {
      for (const path of published) await removeQuietly(path);
      await discardAll(files);
      throw writeError(file.finalPath, error);
    }
  }
  const dirs = new Set(files.map((file) => dirname(file.finalPath)));
  for (const dir of dirs) await syncDir(dir);
}

/** Removes the temp files of staged files that will not be published. */
export async function discardAll(files: readonly StagedFile[]): Promise<void> {
  for (const file of files) await removeQuietly(file.tempPath);
}

/** A claim on one export timestamp in one folder. */
export interface Reservation {
  /** The timestamp with its suffix, if one was needed: `20261128T081500Z-2`. */
  readonly stamp: string;
  release(): Promise<void>;
}

/** Enough for any realistic burst of exports in one second; more is surely a loop gone wrong. */
const MAX_SUFFIX = 10_000;

/**
 * Claims a timestamp for one export: `stem`, else `stem-2`, `stem-3`, … The claim is a
 * hidden `.chaos_<stamp>.lock` file created exclusively, so two concurrent exports (in
 * this process or another) never pick the same stamp; and a stamp is skipped when any
 * of `namesFor(stamp)` already exists, so finished exports are never overwritten either.
 * The lock is removed by `release()`, after the files are published.
 */
export async function reserveStamp(
  dir: string,
  stem: string,
  namesFor: (stamp: string) => readonly string[],
): Promise<Reservation> {
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const stamp = n === 1 ? stem : `${stem}-${n}`;
    const lockPath = join(dir, `.chaos_${stamp}.lock`);
    try {
      await writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
    } catch (error: unknown) {
      if (errorCode(error) === 'EEXIST') continue;
      throw new ExportError(`Could not reserve export name ${stamp} in ${dir}: ${errorMessage(error)}`, lockPath, error);
    }
    let taken: boolean;
    try {
      taken = (await Promise.all(namesFor(stamp).map((name) => exists(join(dir, name))))).some(Boolean);
    } catch (error: unknown) {
      await removeQuietly(lockPath);
      throw new ExportError(`Could not list existing exports in ${dir}: ${errorMessage(error)}`, dir, error);
    }
    if (taken) {
      await removeQuietly(lockPath);
      continue;
    }
    return { stamp, release: () => removeQuietly(lockPath) };
  }
  throw new ExportError(`Could not find a free export name for ${stem} in ${dir} after ${MAX_SUFFIX} tries`, dir);
}

import { rename } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ExportError } from '../ExportError.js';
import { errorMessage } from '@chaos/format';
import { endWith, prepareOutputDir, removeQuietly, stageFile } from '../_internals/atomicFiles.js';
import { htmlDocument } from './_internals/document.js';
import type { Html } from './_internals/html.js';

/** A self-contained page (the report's stylesheet, nothing fetched) around `body`. */
export function standalonePage(title: string, body: Html): string {
  return htmlDocument(title, body);
}

/**
 * Writes a page to `outFile` atomically (a temporary file, then a rename), making its
 * folder if needed.
 *
 * @returns the absolute path written
 * @throws {@link ExportError} when the file cannot be written
 */
export async function writePage(page: string, outFile: string): Promise<string> {
  if (typeof outFile !== 'string' || outFile.trim() === '') throw new TypeError(`Expected \`outFile\` to be a non-empty path, got \`${String(outFile)}\``);
  const target = resolve(outFile);
  try {
    await prepareOutputDir(dirname(target));
  } catch (error: unknown) {
    throw new ExportError(`Could not write ${target}: ${errorMessage(error)}`, target, error);
  }
  // The exports' own staging: a hidden temp name of this process, created exclusively, flushed to disk.
  const staged = await stageFile(target, (out) => endWith(out, page), undefined);
  try {
    await rename(staged.tempPath, target);
  } catch (error: unknown) {
    await removeQuietly(staged.tempPath);
    throw new ExportError(`Could not write ${target}: ${errorMessage(error)}`, target, error);
  }
  return target;
}

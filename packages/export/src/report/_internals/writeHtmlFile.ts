import { link, rename } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errorMessage, formatValue } from '@chaos/format';
import { ExportError } from '../../ExportError.js';
import { errorCode, prepareOutputDir, removeQuietly, stageFile } from '../../_internals/atomicFiles.js';
import { textWriter } from '../../_internals/csvWriter.js';

/** How {@link writeHtmlFile} publishes the page and when it gives up. */
export interface HtmlFileWriteOptions {
  /** Replace an existing file at `outFile` (a rename); with `false`, a hard link that fails if the name is taken. @defaultValue `true` */
  readonly overwrite?: boolean | undefined;
  /** Cancels the write: the temp file is removed and the promise rejects with `signal.reason`. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Writes the page `render` makes to `outFile` atomically, as every HTML page of the
 * package is written: the text goes to a hidden temp file in the same folder, is
 * fsynced, and then takes its final name, so a crash never leaves half a page under
 * `outFile`. The folder is created if missing. `outFile` is checked before `render`
 * runs, so a bad path fails before a costly render.
 *
 * @returns the absolute path written
 * @throws TypeError when `outFile` is not a non-empty path
 * @throws {@link ExportError} when the file cannot be written (or exists, with
 *   `overwrite: false`), naming it; `signal.reason` when aborted
 */
export async function writeHtmlFile(
  outFile: string,
  render: () => string | Promise<string>,
  options: HtmlFileWriteOptions = {},
): Promise<string> {
  if (typeof outFile !== 'string' || outFile.trim() === '') {
    throw new TypeError(`Expected \`outFile\` to be a non-empty path, got \`${formatValue(outFile)}\``);
  }
  const target = resolve(outFile);
  const { signal } = options;
  signal?.throwIfAborted();
  const page = await render();
  await prepareOutputDir(dirname(target));
  const staged = await stageFile(target, textWriter([page], signal), signal);
  try {
    signal?.throwIfAborted();
    if (options.overwrite ?? true) {
      await rename(staged.tempPath, target);
    } else {
      try {
        await link(staged.tempPath, target);
      } catch (error: unknown) {
        if (errorCode(error) === 'EEXIST') throw new Error(`${target} already exists and \`overwrite\` is false`, { cause: error });
        throw error;
      }
      await removeQuietly(staged.tempPath);
    }
  } catch (error: unknown) {
    await removeQuietly(staged.tempPath);
    if (signal?.aborted === true) throw signal.reason;
    throw new ExportError(`Could not write ${target}: ${errorMessage(error)}`, target, error);
  }
  return target;
}

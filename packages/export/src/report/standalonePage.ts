import { rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ExportError } from '../ExportError.js';
import { errorMessage } from '@chaos/format';
import { prepareOutputDir, removeQuietly } from '../_internals/atomicFiles.js';
import { html, type Html } from './_internals/html.js';
import { STYLES } from './_internals/styles.js';

/** A self-contained page (the report's stylesheet, nothing fetched) around `body`. */
export function standalonePage(title: string, body: Html): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${html`${title}`.value}</title>
<style>${STYLES}</style>
</head>
<body>
${body.value}
</body>
</html>
`;
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
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await prepareOutputDir(dirname(target));
    await writeFile(temp, page, { flag: 'wx', mode: 0o644 });
    await rename(temp, target);
  } catch (error: unknown) {
    await removeQuietly(temp);
    throw new ExportError(`Could not write ${target}: ${errorMessage(error)}`, target, error);
  }
  return target;
}

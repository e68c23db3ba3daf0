import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The file this code runs from, in both builds: the CommonJS build has `__filename`;
 * the ESM build (and the sources under vitest) read `import.meta.url`. (tsup empties
 * `import.meta` in the CJS build, which never reaches that branch.)
 */
export function moduleFile(): string {
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
}

let cachedRoot: { dir: string; version: string } | undefined;

/**
 * This package's folder and version: the nearest `package.json` named
 * `@chaos/runner` above this file (`dist/` when built, `src/_internals/` in sources).
 */
function packageRoot(): { dir: string; version: string } {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = dirname(moduleFile());
  for (let depth = 0; depth < 4; depth++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === '@chaos/runner') {
          cachedRoot = { dir, version: typeof pkg.version === 'string' ? pkg.version : 'unknown' };
          return cachedRoot;
        }
      } catch {
        // not ours; keep looking
      }
    }
    dir = dirname(dir);
  }
  cachedRoot = { dir: dirname(moduleFile()), version: 'unknown' };
  return cachedRoot;
}

/**
 * This package's version. Recorded in journal headers, so a journal is resumed only
 * by the version that wrote it.
 */
export function runnerVersion(): string {
  return packageRoot().version;
}

/**
 * The worker script to start: `worker.js` / `worker.cjs` beside this module in a
 * build, or the built `dist/worker.js` when this code runs from its sources (vitest).
 *
 * @throws `Error` when none is found (the package is not built)
 */
export function workerScriptPath(): string {
  const here = moduleFile();
  const dir = dirname(here);
  const candidates = here.endsWith('.cjs')
    ? [join(dir, 'worker.cjs'), join(dir, 'worker.js')]
    : [join(dir, 'worker.js'), join(dir, 'worker.cjs'), join(packageRoot().dir, 'dist', 'worker.js')];
  const found = candidates.find((file) => existsSync(file));
  if (found === undefined) {
    throw new Error(`@chaos/runner: the worker script was not found (looked for ${candidates.join(', ')}); build the package first`);
  }
  return found;
}

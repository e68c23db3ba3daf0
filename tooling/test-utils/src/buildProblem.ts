import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The folder of a workspace package: `config` -> `<repo>/packages/config`, `demo` -> `<repo>/apps/demo`. */
export function workspacePackageDir(name: string): string {
  for (const group of ['packages', 'apps', 'tooling']) {
    const dir = join(root, group, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new RangeError(`No workspace package named "${name}" under packages/, apps/ or tooling/`);
}

/** Every file under `dir`, recursively (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Why the build of a workspace package cannot be trusted by a test that runs it, or
 * `undefined` when it can: a `dist/` file the test needs is missing, or a source
 * (`src/`, `package.json`, `tsup.config.ts`) changed after the oldest file of `dist/`
 * was written — a stale build would test yesterday's code.
 *
 * @param name - the package's folder name (`runner`, `demo`)
 * @param needed - files of `dist/` the test runs (`cli.js`)
 */
export function buildProblem(name: string, needed: readonly string[] = ['index.js']): string | undefined {
  return buildProblemAt(workspacePackageDir(name), needed);
}

/** {@link buildProblem} for the package in folder `dir`; paths in the message are relative to the repository. */
export function buildProblemAt(dir: string, needed: readonly string[] = ['index.js']): string | undefined {
  const dist = join(dir, 'dist');
  const where = relative(root, dir);
  for (const file of needed) {
    if (!existsSync(join(dist, file))) return `${where}/dist/${file} is missing: build first (pnpm build)`;
  }
  const built = filesUnder(dist).map((file) => statSync(file).mtimeMs);
  const oldestBuilt = Math.min(...built);
  const sources = [...filesUnder(join(dir, 'src')), join(dir, 'package.json'), join(dir, 'tsup.config.ts')].filter((file) => existsSync(file));
  for (const source of sources) {
    if (statSync(source).mtimeMs > oldestBuilt) {
      return `${where}/dist is older than ${relative(root, source)}: rebuild (pnpm build) before running the tests that use it`;
    }
  }
  return undefined;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Options } from 'tsup';

interface PackageJson {
  exports?: Record<string, unknown>;
  bin?: string | Record<string, string>;
}

/**
 * The entry points of a package, read from its `exports` (and `bin`): `./dist/x.js`
 * is built from `src/x.ts`. One place decides how every library is built.
 */
function entriesOf(pkg: PackageJson): Record<string, string> {
  const entries: Record<string, string> = {};
  const add = (distPath: unknown): void => {
    if (typeof distPath !== 'string') return;
    const match = /^\.\/dist\/(.+)\.(?:js|cjs|mjs)$/.exec(distPath);
    if (match?.[1] !== undefined) entries[match[1]] = `src/${match[1]}.ts`;
  };
  const visit = (node: unknown): void => {
    if (typeof node === 'string') add(node);
    else if (node !== null && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(pkg.exports);
  visit(pkg.bin);
  return entries;
}

/** tsup options for a library package: ESM + CJS + `.d.ts`, Node 20. */
export function libraryConfig(overrides: Options = {}): Options {
  const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as PackageJson;
  return {
    entry: entriesOf(pkg),
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    shims: false,
    ...overrides,
  };
}

/**
 * The `.d.ts` banner of a package whose types use `Symbol.dispose` (`using`-ready
 * handles). A consumer compiling for ES2022 without `@types/node` has no
 * `SymbolConstructor.dispose`; this reference brings TypeScript's own declarations of
 * it. (Written in a source file, the directive would land mid-bundle and be ignored.)
 */
export const DISPOSABLE_TYPES_BANNER = '/// <reference lib="esnext.disposable" />';

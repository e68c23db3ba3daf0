import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import type { ViteUserConfig } from 'vitest/config';

type Plugin = Extract<NonNullable<ViteUserConfig['plugins']>[number], { name: string }>;

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Vite's default TypeScript transform does not lower TS 5 standard decorators. esbuild
 * does (as tsup does in the published build), so tests see the code users get.
 */
export function esbuildTypeScript(): Plugin {
  return {
    name: 'chaos:esbuild-typescript',
    enforce: 'pre',
    async transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!/\.(?:c|m)?ts$/.test(file) || file.includes('/node_modules/')) return null;
      const result = await transform(code, {
        loader: 'ts',
        target: 'es2022',
        format: 'esm',
        sourcemap: true,
        sourcefile: file,
      });
      return { code: result.code, map: result.map };
    },
  };
}

/**
 * Maps each `@chaos/<name>` (and each subpath export, `@chaos/<name>/<sub>`) to its
 * source, so unit tests run against `src/` with no build. The smoke test is the one
 * place that loads the built packages by name.
 */
export function sourceAliases(): { find: RegExp; replacement: string }[] {
  const packagesDir = `${root}packages`;
  return readdirSync(packagesDir)
    .filter((name) => existsSync(`${packagesDir}/${name}/src/index.ts`))
    .flatMap((name) => {
      const pkg = JSON.parse(readFileSync(`${packagesDir}/${name}/package.json`, 'utf8')) as { exports?: Record<string, unknown> };
      const subpaths = Object.keys(pkg.exports ?? {})
        .map((key) => /^\.\/([\w-]+)$/.exec(key)?.[1])
        .filter((sub): sub is string => sub !== undefined && existsSync(`${packagesDir}/${name}/src/${sub}.ts`));
      return [
        ...subpaths.map((sub) => ({ find: new RegExp(`^@chaos/${name}/${sub}$`), replacement: `${packagesDir}/${name}/src/${sub}.ts` })),
        { find: new RegExp(`^@chaos/${name}$`), replacement: `${packagesDir}/${name}/src/index.ts` },
      ];
    });
}

import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { esbuildTypeScript, sourceAliases } from './vitest.shared.ts';

/** One project per package and app, named after its folder. */
function projectsIn(dir: string, useSource: boolean) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(`${dir}/${name}/package.json`))
    .map((name) => ({
      extends: true as const,
      resolve: useSource ? { alias: sourceAliases() } : {},
      test: {
        name,
        root: `${dir}/${name}`,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        typecheck: {
          enabled: true,
          include: ['test/**/*.test-d.ts', 'src/**/*.test-d.ts'],
          tsconfig: resolve(dir, name, 'tsconfig.json'),
        },
      },
    }));
}

export default defineConfig({
  oxc: false,
  plugins: [esbuildTypeScript()],
  test: {
    projects: [...projectsIn('packages', true), ...projectsIn('apps', true), ...projectsIn('tooling', false)],
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    restoreMocks: true,
    testTimeout: 20_000,
  },
});

/**
 * The AI SDK tests again, against AI SDK 7 (`ai` 7, `@ai-sdk/provider` 4, installed
 * under the aliases `ai-v7` and `@ai-sdk/provider-v4`), which needs Node >= 22:
 *
 *   node22 node_modules/vitest/vitest.mjs run --config packages/faults/vitest.ai-sdk-v7.config.ts
 *
 * `.ci/run` does this with a Node 22 from the registry. The same sources and tests
 * run on AI SDK 6 in the workspace's own run, on the project's Node 20.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { esbuildTypeScript, sourceAliases } from '../../vitest.shared';

const here = fileURLToPath(new URL('.', import.meta.url));
const installed = (name: string): string => realpathSync(`${here}node_modules/${name}`);
const ai = installed('ai-v7');
const provider = installed('@ai-sdk/provider-v4');

export default defineConfig({
  oxc: false,
  plugins: [esbuildTypeScript()],
  resolve: {
    alias: [
      ...sourceAliases(),
      { find: /^ai$/, replacement: `${ai}/dist/index.js` },
      { find: /^ai\/test$/, replacement: `${ai}/dist/test/index.js` },
      { find: /^@ai-sdk\/provider$/, replacement: `${provider}/dist/index.js` },
    ],
  },
  test: {
    name: 'faults-ai-sdk-v7',
    root: here,
    include: ['test/ai-sdk/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/ai-sdk/**/*.test-d.ts'], tsconfig: `${here}tsconfig.ai-sdk-v7.json` },
    reporters: ['default', ['json', { outputFile: `${here}../../.vitest/results-ai-sdk-v7.json` }]],
    env: { CHAOS_EXPECT_AI_SDK: '7' },
    restoreMocks: true,
    testTimeout: 20_000,
  },
});

import { libraryConfig } from '../../tsup.shared';

// `worker` is not an export: it is the script worker threads start (dist/worker.js).
// `@chaos/runner/bullmq` stays a separate file the CLI imports by name only when asked
// for, so neither the main entry nor the CLI loads bullmq otherwise.
export default libraryConfig({
  entry: { index: 'src/index.ts', bullmq: 'src/bullmq.ts', cli: 'src/cli.ts', worker: 'src/worker.ts' },
  external: ['@chaos/runner/bullmq'],
  // The workspace's private formatting package is bundled in, never a dependency.
  noExternal: ['@chaos/format'],
  esbuildOptions(options) {
    // The CJS build reads `__filename`; the `import.meta.url` branch is ESM-only.
    options.logOverride = { ...options.logOverride, 'empty-import-meta': 'silent' };
  },
});

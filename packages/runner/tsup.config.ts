import { libraryConfig } from '../../tsup.shared';

// `worker` is not an export: it is the script worker threads start (dist/worker.js).
export default libraryConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', worker: 'src/worker.ts' },
  esbuildOptions(options) {
    // The CJS build reads `__filename`; the `import.meta.url` branch is ESM-only.
    options.logOverride = { ...options.logOverride, 'empty-import-meta': 'silent' };
  },
});

import { libraryConfig } from '../../tsup.shared';

// The worker module is loaded by path by the runner's worker threads, so it is an entry
// of its own; the demo is run, not published, so ESM is enough.
export default libraryConfig({
  entry: { index: 'src/index.ts', main: 'src/main.ts', worker: 'src/worker.ts' },
  format: ['esm'],
  dts: false,
});

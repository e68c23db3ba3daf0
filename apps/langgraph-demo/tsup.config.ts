import { libraryConfig } from '../../tsup.shared';

// The worker module is loaded by path by the runner's worker threads (and by
// `chaos run --module`), so it is an entry of its own; the app is run, not published.
export default libraryConfig({
  entry: { index: 'src/index.ts', main: 'src/main.ts', worker: 'src/worker.ts' },
  format: ['esm'],
  dts: false,
});

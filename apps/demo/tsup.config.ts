import { libraryConfig } from '../../tsup.shared';

// The worker modules are loaded by path by the runner's worker threads (and by
// `chaos replay --module`), so each is an entry of its own; the demo is run, not
// published, so ESM is enough.
export default libraryConfig({
  entry: { index: 'src/index.ts', main: 'src/main.ts', worker: 'src/worker.ts', brokenWorker: 'src/brokenWorker.ts', brokenLlmWorker: 'src/brokenLlmWorker.ts' },
  format: ['esm'],
  dts: false,
});

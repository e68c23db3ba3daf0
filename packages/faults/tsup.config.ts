import { dirname, resolve } from 'node:path';
import type { Options } from 'tsup';
import { libraryConfig } from '../../tsup.shared';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Modules of the main entry that the subpath entries (`ai-sdk`, `langgraph`, `otel`)
 * import. Each exports only names `src/index.ts` exports as they are.
 */
const MAIN_ENTRY_MODULES = new Set(['src/withChaos', 'src/hallucination/hallucinate'].map((file) => resolve(file)));

/**
 * With `splitting: false` every entry bundles what it imports, so a subpath entry would
 * carry its own copy of the core: an `AgentCrashError` thrown in a `chaosNode` would not
 * be the `AgentCrashError` a user imports from `@chaos/faults`. The subpath entries
 * import the modules above from the package itself (`@chaos/faults`, resolved through its
 * `exports`), so there is one core per format. The sources keep their relative imports,
 * so they type-check and test without a build. (Code splitting would share them too, but
 * costs the main entry bytes of its size budget.)
 */
const subpathsShareMainEntry: EsbuildPlugin = {
  name: 'chaos:subpaths-share-main-entry',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, ({ path, importer }) => {
      if (!/[\\/]src[\\/](?:ai-sdk|langgraph|otel)[\\/]/.test(importer)) return undefined;
      const module = resolve(dirname(importer), path).replace(/\.[cm]?[jt]s$/, '');
      return MAIN_ENTRY_MODULES.has(module) ? { path: '@chaos/faults', external: true } : undefined;
    });
  },
};

// `@chaos/format` is a private workspace package: bundled in, never a runtime dependency
// (the sources take `formatValue` from `@chaos/config`, which re-exports it: one copy).
export default libraryConfig({ noExternal: ['@chaos/format'], esbuildPlugins: [subpathsShareMainEntry] });

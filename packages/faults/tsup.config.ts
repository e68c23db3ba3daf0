import { libraryConfig } from '../../tsup.shared';

// `@chaos/format` is a private workspace package: bundled in, never a runtime dependency.
export default libraryConfig({ noExternal: ['@chaos/format'] });

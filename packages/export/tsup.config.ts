import { libraryConfig } from '../../tsup.shared';

// @chaos/format is private to the workspace: bundled, never a runtime dependency.
export default libraryConfig({ noExternal: ['@chaos/format'] });

import { DISPOSABLE_TYPES_BANNER, libraryConfig } from '../../tsup.shared';

// `@chaos/format` is a private workspace package: bundled in, never a runtime dependency.
export default libraryConfig({ dts: { banner: DISPOSABLE_TYPES_BANNER }, noExternal: ['@chaos/format'] });

import { DISPOSABLE_TYPES_BANNER, libraryConfig } from '../../tsup.shared';

export default libraryConfig({ dts: { banner: DISPOSABLE_TYPES_BANNER } });

import { createRequire } from 'node:module';
import type { PackageVersions } from '../types.js';

let cached: PackageVersions | undefined;

/**
 * A `require` that resolves packages from this module's location, in both builds: a
 * CommonJS module has `__filename`; an ES module (and the sources under vitest) has
 * `import.meta.url`.
 */
function localRequire(): NodeJS.Require {
  return createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
}

/**
 * Reads each package's `version` from its installed `package.json` (every `@chaos/*`
 * package exports `./package.json`), so an export records what actually ran, not what
 * this package was built against. A package that cannot be resolved (a bundled app)
 * is recorded as `null`. Read once, on the first export.
 */
export function packageVersions(): PackageVersions {
  if (cached !== undefined) return cached;
  const req = localRequire();
  const read = (name: string): string | null => {
    try {
      const pkg = req(`${name}/package.json`) as { version?: unknown };
      return typeof pkg.version === 'string' ? pkg.version : null;
    } catch {
      return null;
    }
  };
  cached = Object.freeze({
    '@chaos/export': read('@chaos/export'),
    '@chaos/metrics': read('@chaos/metrics'),
    '@chaos/config': read('@chaos/config'),
  });
  return cached;
}

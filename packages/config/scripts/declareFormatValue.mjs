#!/usr/bin/env node
/**
 * Runs after tsup. `formatValue` comes from `@chaos/format`, a private workspace package
 * bundled into the JavaScript and never published, so the declaration files must not
 * import it: the re-export becomes a declaration of its own. (Re-exported, the function
 * has one binding in the bundle an agent author ships; wrapped, it would cost bytes of
 * the faults size budget.) Fails the build if anything else still names the package.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const REEXPORT = "export { formatValue } from '@chaos/format';";
const DECLARATION = [
  '/**',
  ' * A value as the messages of this toolkit quote it: strings in quotes, `12n`,',
  ' * `[function name]`, objects and arrays as JSON of at most 120 characters.',
  ' */',
  'export declare function formatValue(value: unknown): string;',
].join('\n');

for (const file of ['dist/index.d.ts', 'dist/index.d.cts']) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(REEXPORT)) throw new Error(`${file}: expected the line ${REEXPORT}`);
  const fixed = text.replace(REEXPORT, DECLARATION);
  if (fixed.includes('@chaos/format')) throw new Error(`${file} still names @chaos/format, which is not published`);
  writeFileSync(file, fixed);
}

#!/usr/bin/env node
/**
 * Minified + gzipped size of what an agent author ships: the ESM build of
 * @chaos/faults (`dist/index.js`, so run `npx tsup` in packages/config and
 * packages/faults first) bundled with @chaos/config and seedrandom, `node:*` left
 * external. Exits 1 above the 10 kB target of issue 2.
 *
 *   node bench/size.mjs
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const LIMIT = 10 * 1024;
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

const result = await build({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['node:*'],
  write: false,
  metafile: true,
  logLevel: 'silent',
});

const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
const inputs = Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)
  .map(([path, { bytesInOutput }]) => [path.replace(/^.*node_modules\//, ''), bytesInOutput])
  .sort((a, b) => b[1] - a[1]);

console.log('@chaos/faults + @chaos/config + seedrandom, ESM, minified\n');
console.log('| input | minified bytes |');
console.log('|---|---:|');
for (const [path, bytes] of inputs) console.log(`| ${path} | ${bytes} |`);
console.log('');
console.log(`minified: ${code.length} bytes`);
console.log(`minified + gzip: ${gzipped} bytes (target < ${LIMIT} bytes): ${gzipped < LIMIT ? 'PASS' : 'FAIL'}`);
process.exitCode = gzipped < LIMIT ? 0 : 1;

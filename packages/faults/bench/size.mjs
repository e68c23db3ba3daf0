#!/usr/bin/env node
/**
 * Minified + gzipped size of what an agent author ships: the ESM build of
 * @chaos/faults (`dist/index.js`, so run `npx tsup` in packages/config and
 * packages/faults first) bundled with @chaos/config and seedrandom, `node:*` left
 * external. Also prints faults + config alone (seedrandom left external), the code
 * this project writes. Exits 1 when the full bundle is not under 10 KiB (10,240 bytes).
 *
 *   node bench/size.mjs
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const LIMIT = 10 * 1024;
const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

async function bundle(external) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)
    .map(([path, { bytesInOutput }]) => [path.replace(/^.*node_modules\//, ''), bytesInOutput])
    .sort((a, b) => b[1] - a[1]);
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, inputs };
}

const full = await bundle(['node:*']);
const own = await bundle(['node:*', 'seedrandom', 'seedrandom/*']);

console.log('@chaos/faults + @chaos/config + seedrandom, ESM, minified\n');
console.log('| input | minified bytes |');
console.log('|---|---:|');
for (const [path, bytes] of full.inputs) console.log(`| ${path} | ${bytes} |`);
console.log('');
console.log(`faults + config alone (seedrandom external): minified ${own.minified} bytes, minified + gzip ${own.gzipped} bytes`);
console.log(`minified: ${full.minified} bytes`);
console.log(`minified + gzip: ${full.gzipped} bytes (target < ${LIMIT} bytes): ${full.gzipped < LIMIT ? 'PASS' : 'FAIL'}`);
process.exitCode = full.gzipped < LIMIT ? 0 : 1;

#!/usr/bin/env node
/**
 * Compiles two consumer projects against the packed packages, as users install them:
 *
 * - `agent`: `@chaos/faults` + `@chaos/config` only (what an agent author installs);
 * - `lab`: every published package (what a lab installs with `@chaos/runner`).
 *
 * Each is compiled with plain `tsc --strict` (target ES2022, its default libs), once as
 * ES modules (`.mts`) and once as CommonJS (`.cts`) under `module: nodenext`, with no
 * `@types/node` (none of the packages asks its users for it) and no `skipLibCheck`:
 * every published `.d.ts` is checked.
 *
 * Needs the packages built (`pnpm build`) and the npm registry for the packages'
 * own dependencies. Usage: `node tooling/consumer-types/check.mjs [--keep]`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const keep = process.argv.includes('--keep');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

// Each source is compiled twice: as `<name>.mts` (an ES module) and as `<name>.cts` (CommonJS).
const PROJECTS = [
  { name: 'agent', packages: ['config', 'faults'], source: 'agent.mts' },
  { name: 'lab', packages: ['config', 'faults', 'metrics', 'export', 'scenarios', 'runner'], source: 'lab.mts' },
];

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

const work = mkdtempSync(join(tmpdir(), 'chaos-consumer-types-'));
let failed = false;
try {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  const packed = new Map();
  for (const name of new Set(PROJECTS.flatMap((p) => p.packages))) {
    // pnpm pack rewrites `workspace:` ranges to versions, as `pnpm publish` does.
    run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', name));
    const file = readdirSync(tarballs).find((f) => f.startsWith(`chaos-${name}-`) && f.endsWith('.tgz'));
    if (file === undefined) throw new Error(`pnpm pack wrote no tarball for @chaos/${name}`);
    packed.set(`@chaos/${name}`, `file:${join(tarballs, file)}`);
  }

  for (const project of PROJECTS) {
    const dir = join(work, project.name);
    mkdirSync(dir);
    const deps = Object.fromEntries(project.packages.map((p) => [`@chaos/${p}`, packed.get(`@chaos/${p}`)]));
    // `overrides` keeps a package's dependency on a sibling (`@chaos/config@0.0.0`) on
    // the packed tarball: never on a registry package of the same name.
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: `consumer-${project.name}`, private: true, version: '0.0.0', dependencies: deps, overrides: deps }, null, 2)}\n`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            strict: true,
            target: 'es2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            types: [],
            noEmit: true,
            skipLibCheck: false,
          },
          files: [project.source, project.source.replace(/\.mts$/, '.cts')],
        },
        null,
        2,
      )}\n`,
    );
    cpSync(join(here, 'src', project.source), join(dir, project.source));
    cpSync(join(here, 'src', project.source), join(dir, project.source.replace(/\.mts$/, '.cts')));
    run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], dir);
    try {
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
      console.log(`consumer types: ${project.name} (${project.packages.map((p) => `@chaos/${p}`).join(', ')}): ESM and CJS compile`);
    } catch (error) {
      failed = true;
      console.error(`consumer types: ${project.name} does not compile:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

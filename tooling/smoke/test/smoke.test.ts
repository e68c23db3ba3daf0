import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProblem } from '@chaos/test-utils';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const smokeDir = join(here, '..');
const packagesDir = join(here, '../../../packages');

interface Manifest {
  name: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  devDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const manifests = readdirSync(packagesDir)
  .filter((dir) => existsSync(join(packagesDir, dir, 'package.json')))
  .map((dir) => JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as Manifest)
  .filter((pkg) => pkg.private !== true);
const published = manifests.map((pkg) => pkg.name);
/** Subpath exports of code (`@chaos/runner/bullmq`, the optional integrations); data files aside. */
const subpaths = manifests.flatMap((pkg) =>
  Object.entries(pkg.exports ?? {})
    .filter(([key, target]) => key !== '.' && !key.includes('*') && typeof target === 'object' && target !== null && 'import' in target && 'require' in target)
    .map(([key]) => `${pkg.name}${key.slice(1)}`),
);
/** Each package with optional peer dependencies, and those peers. */
const optionalPeers = manifests
  .map((pkg) => [pkg.name, Object.keys(pkg.peerDependenciesMeta ?? {}).filter((peer) => pkg.peerDependenciesMeta?.[peer]?.optional === true)] as const)
  .filter(([, peers]) => peers.length > 0);

/**
 * Runs a script in a fresh Node process from this package's folder, so resolution goes
 * through node_modules and each package's `exports` exactly as in a user's project.
 */
function node(args: string[], source: string): string {
  return execFileSync(process.execPath, [...args, source], { cwd: smokeDir, encoding: 'utf8' });
}

describe('built packages', () => {
  it('are all there, and newer than their sources', () => {
    // Under CI a stale or missing build fails here; elsewhere it is a failure too: the
    // smoke test exists to load what is built.
    const problems = readdirSync(packagesDir)
      .filter((dir) => existsSync(join(packagesDir, dir, 'package.json')))
      .map((dir) => buildProblem(dir))
      .filter((problem) => problem !== undefined);
    expect(problems).toEqual([]);
  });

  it('are all dependencies of this smoke test', () => {
    const manifest = JSON.parse(readFileSync(join(smokeDir, 'package.json'), 'utf8')) as Manifest;
    const tested = Object.keys(manifest.devDependencies ?? {}).filter((name) => name !== '@chaos/test-utils');
    expect(tested.sort()).toEqual([...published].sort());
  });

  it.each([...published, ...subpaths])('%s loads through import and require with the same exports', (name) => {
    const esm = JSON.parse(
      node(['--input-type=module', '-e'], `const m = await import(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).sort()));`),
    ) as string[];
    const cjs = JSON.parse(
      node(['--input-type=commonjs', '-e'], `const m = require(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== '__esModule').sort()));`),
    ) as string[];
    expect(esm.length).toBeGreaterThan(0);
    expect(cjs).toEqual(esm);
  });

  it('the main entry of @chaos/faults never loads the AI SDK or LangGraph, its optional peers', () => {
    const loaded = JSON.parse(
      node(['--input-type=commonjs', '-e'], `require('@chaos/faults'); console.log(JSON.stringify(Object.keys(require.cache)));`),
    ) as string[];
    expect(loaded.some((path) => path.includes('faults'))).toBe(true);
    expect(loaded.filter((path) => /[\\/](ai|@ai-sdk[\\/][^\\/]+|@langchain[\\/][^\\/]+)[\\/]/.test(path))).toEqual([]);
    const esm = readFileSync(join(packagesDir, 'faults/dist/index.js'), 'utf8');
    expect(esm).not.toMatch(/from\s*["'](ai|@ai-sdk\/[^"']+|@langchain\/[^"']+)["']|import\(\s*["'](ai|@ai-sdk|@langchain)/);
  });

  it('import has no side effects: no timer keeps the process alive, nothing is read from the environment', () => {
    const script = published.map((name) => `await import(${JSON.stringify(name)});`).join('\n');
    // A bad CHAOS_* value would throw if anything read the environment at import.
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', `${script}\nconsole.log('loaded');`], {
      cwd: smokeDir,
      encoding: 'utf8',
      env: { ...process.env, CHAOS_CRASH_PROBABILITY: 'not-a-number' },
      timeout: 20_000,
    });
    expect(output.trim()).toBe('loaded');
  });

  it.each(optionalPeers)('%s: the main entry loads none of its optional peers (%s)', (name, peers) => {
    // A resolve hook that fails the import of any optional peer.
    const hook = `export async function resolve(specifier, context, next) { if (${JSON.stringify(peers)}.includes(specifier)) throw new Error('loaded ' + specifier); return next(specifier, context); }`;
    const esm = node(
      ['--input-type=module', '-e'],
      `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)}); await import(${JSON.stringify(name)}); console.log('clean');`,
    );
    expect(esm.trim()).toBe('clean');
    const cjs = node(
      ['--input-type=commonjs', '-e'],
      `require(${JSON.stringify(name)}); const loaded = Object.keys(require.cache).filter((file) => ${JSON.stringify(peers)}.some((peer) => file.includes('/node_modules/' + peer + '/'))); console.log(JSON.stringify(loaded));`,
    );
    expect(JSON.parse(cjs)).toEqual([]);
  });
});

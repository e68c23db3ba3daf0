import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const smokeDir = join(here, '..');
const packagesDir = join(here, '../../../packages');

interface Manifest {
  name: string;
  private?: boolean;
  devDependencies?: Record<string, string>;
}

const published = readdirSync(packagesDir)
  .filter((dir) => existsSync(join(packagesDir, dir, 'package.json')))
  .map((dir) => JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as Manifest)
  .filter((pkg) => pkg.private !== true)
  .map((pkg) => pkg.name);

/** Subpath exports, loaded by name as users do; their optional peers are dev dependencies here. */
const SUBPATHS = ['@chaos/faults/ai-sdk'];

/**
 * Runs a script in a fresh Node process from this package's folder, so resolution goes
 * through node_modules and each package's `exports` exactly as in a user's project.
 */
function node(args: string[], source: string): string {
  return execFileSync(process.execPath, [...args, source], { cwd: smokeDir, encoding: 'utf8' });
}

describe('built packages', () => {
  it('are all dependencies of this smoke test', () => {
    const manifest = JSON.parse(readFileSync(join(smokeDir, 'package.json'), 'utf8')) as Manifest;
    expect(Object.keys(manifest.devDependencies ?? {}).sort()).toEqual([...published].sort());
  });

  it.each([...published, ...SUBPATHS])('%s loads through import and require with the same exports', (name) => {
    const esm = JSON.parse(
      node(['--input-type=module', '-e'], `const m = await import(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).sort()));`),
    ) as string[];
    const cjs = JSON.parse(
      node(['--input-type=commonjs', '-e'], `const m = require(${JSON.stringify(name)}); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== '__esModule').sort()));`),
    ) as string[];
    expect(esm.length).toBeGreaterThan(0);
    expect(cjs).toEqual(esm);
  });

  it('the main entry of @chaos/faults never loads the AI SDK, its optional peer', () => {
    const loaded = JSON.parse(
      node(['--input-type=commonjs', '-e'], `require('@chaos/faults'); console.log(JSON.stringify(Object.keys(require.cache)));`),
    ) as string[];
    expect(loaded.some((path) => path.includes('faults'))).toBe(true);
    expect(loaded.filter((path) => /[\\/](ai|@ai-sdk[\\/][^\\/]+)[\\/]/.test(path))).toEqual([]);
    const esm = readFileSync(join(packagesDir, 'faults/dist/index.js'), 'utf8');
    expect(esm).not.toMatch(/from\s*["'](ai|@ai-sdk\/[^"']+)["']|import\(\s*["'](ai|@ai-sdk)/);
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
});

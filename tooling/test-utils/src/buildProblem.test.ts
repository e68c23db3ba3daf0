import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProblemAt, missingIn, workspacePackageDir } from './index.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('buildProblem', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A fake package in a temp folder, with sources and a build at given times. */
  function fakePackage(sourceTime: number, buildTime: number | undefined): string {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-build-'));
    made.push(dir);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'package.json'), '{}');
    writeFileSync(join(dir, 'src', 'index.ts'), 'export {};');
    for (const file of ['package.json', 'src/index.ts']) utimesSync(join(dir, file), sourceTime, sourceTime);
    if (buildTime !== undefined) {
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'index.js'), '');
      utimesSync(join(dir, 'dist', 'index.js'), buildTime, buildTime);
    }
    return dir;
  }

  it('accepts a build newer than its sources', () => {
    expect(buildProblemAt(fakePackage(1_000, 2_000))).toBeUndefined();
  });

  it('says when a needed file of the build is missing', () => {
    const dir = fakePackage(1_000, undefined);
    expect(buildProblemAt(dir)).toBe(`${relative(root, dir)}/dist/index.js is missing: build first (pnpm build)`);
  });

  it('says when a source changed after the build', () => {
    const dir = fakePackage(3_000, 2_000);
    const where = relative(root, dir);
    expect(buildProblemAt(dir)).toMatch(`${where}/dist is older than ${where}/`);
    expect(buildProblemAt(dir)).toMatch(/: rebuild \(pnpm build\) before running the tests that use it$/);
  });

  it('finds the packages of the workspace by folder name', () => {
    expect(relative(root, workspacePackageDir('metrics'))).toBe('packages/metrics');
    expect(relative(root, workspacePackageDir('demo'))).toBe('apps/demo');
  });

  it('knows no package it cannot find', () => {
    expect(() => workspacePackageDir('no-such-package')).toThrow('No workspace package named "no-such-package"');
  });
});

describe('missingIn', () => {
  it('does not skip when nothing is missing', () => {
    expect(missingIn('a test', undefined, {})).toBe(false);
  });

  it('skips with a warning outside CI', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(missingIn('the browser test', 'no Chromium', {})).toBe(true);
    expect(warn).toHaveBeenCalledWith('[the browser test] skipped: no Chromium');
  });

  it('fails under CI=true instead of skipping', () => {
    expect(() => missingIn('the browser test', 'no Chromium', { CI: 'true' })).toThrow('the browser test cannot run under CI: no Chromium');
  });
});

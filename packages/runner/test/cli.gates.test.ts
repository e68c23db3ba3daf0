// `chaos run --junit FILE --fail-on EXPR`: CI gates through the CLI, in-process.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { fixturesDir } from './helpers.js';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env: {} });
  return { code, stdout, stderr };
}

const failing = join(fixturesDir, 'failingScenarios.mjs');
/** Half its runs fail a check: successRate 50 %. */
const campaign = ['run', '--module', failing, '--scenarios', 'ProductCrashMidUpload,FixtureFailsCheck', '--runs', '2', '--seed', 'gates', '--concurrency', '1'];
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'chaos-gates-'));

describe('chaos run --fail-on', () => {
  it('exits 1 naming the gate that failed and its measured value', async () => {
    const { code, stderr } = await cli([...campaign, '--fail-on', 'successRate<99', '--fail-on', 'ProductCrashMidUpload:mttr.p95>10s']);
    expect(code).toBe(1);
    expect(stderr).toContain('chaos: gate successRate<99 failed: successRate is 50 %, below 99 %\n');
    expect(stderr).toMatch(/chaos: gate ProductCrashMidUpload:mttr\.p95>10s passed: mttr\.p95 of ProductCrashMidUpload is [\d.]+ s\n/);
  });

  it('exits 0 when no gate fails, failed runs or not: the gates say what is tolerated', async () => {
    const { code, stdout, stderr } = await cli([...campaign, '--fail-on', 'successRate<40', '--fail-on', 'FixtureFailsCheck:correctRecoveryRate<95']);
    expect(stdout).toMatch(/FixtureFailsCheck\s+2\s+0\.0%/);
    expect(stderr).toContain('chaos: gate successRate<40 passed: successRate is 50 %\n');
    expect(code).toBe(0);
  });

  it('puts the verdicts in the --json summary', async () => {
    const { code, stdout } = await cli([...campaign, '--json', '--fail-on', 'successRate<99']);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { gates: unknown }).gates).toEqual([
      { gate: 'successRate<99', scenario: null, figure: 'successRate', unit: 'percent', value: 50, threshold: 99, status: 'failed' },
    ]);
  });

  it('without gates, still exits 1 on a failed run', async () => {
    expect((await cli(campaign)).code).toBe(1);
  });

  it('refuses a bad expression with exit 2 naming it, before any run', async () => {
    const dir = tempDir();
    const { code, stdout, stderr } = await cli([...campaign, '--fail-on', 'successRate<99', '--fail-on', 'mttr.p95>>10s', '--junit', join(dir, 'report.xml')]);
    expect(code).toBe(2);
    expect(stderr).toContain('chaos: --fail-on "mttr.p95>>10s" is not an objective: it does not read as a comparison.');
    expect(stderr).not.toContain('progress:');
    expect(stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a gate on a scenario the campaign does not run, with exit 2, before any run', async () => {
    const { code, stderr } = await cli([...campaign, '--fail-on', 'MarketingTimeout:nrr<0.5']);
    expect(code).toBe(2);
    expect(stderr).toContain('"MarketingTimeout:nrr<0.5" is about scenario "MarketingTimeout", which this campaign does not run. Its scenarios: ProductCrashMidUpload, FixtureFailsCheck');
    expect(stderr).not.toContain('progress:');
  });
});

describe('chaos run --junit', () => {
  it('writes the JUnit file, lists it with the files written, and leaves no temporary file', async () => {
    const dir = tempDir();
    const file = join(dir, 'chaos.xml');
    const { code, stdout } = await cli([...campaign, '--junit', file, '--fail-on', 'successRate<99']);
    expect(code).toBe(1);
    expect(stdout).toContain(`Wrote:\n  ${file}\n`);
    expect(readdirSync(dir)).toEqual(['chaos.xml']);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="chaos run" tests="5" failures="3" errors="0"/);
    expect(xml).toContain('<testsuite name="gates" tests="1" failures="1" errors="0" skipped="0" time="0.000">');
    expect(xml).toContain('replay: chaos replay --scenario FixtureFailsCheck --seed gates --run 0 --module');
  });

  it('replaces a JUnit file of an earlier build', async () => {
    const dir = tempDir();
    const file = join(dir, 'chaos.xml');
    writeFileSync(file, '<?xml version="1.0"?>\n<testsuites name="old"></testsuites>\n');
    expect((await cli([...campaign, '--junit', file, '--fail-on', 'successRate<10'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('<testsuites name="chaos run"');
  });

  it('keeps a file that is not a JUnit file: exit 2 before any run, the file unchanged', async () => {
    const dir = tempDir();
    const file = join(dir, 'notes.xml');
    writeFileSync(file, '<notes>do not lose me</notes>\n');
    const { code, stderr } = await cli([...campaign, '--junit', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`chaos: --junit "${file}" exists and is not a JUnit XML file: it is kept.`);
    expect(stderr).not.toContain('progress:');
    expect(readFileSync(file, 'utf8')).toBe('<notes>do not lose me</notes>\n');
  });

  it('refuses a path that cannot be written, like --out and --journal, before any run', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a-folder'));
    const { code, stderr } = await cli([...campaign, '--junit', join(dir, 'a-folder')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`chaos: --junit "${join(dir, 'a-folder')}" is a folder, not a file`);
    writeFileSync(join(dir, 'file'), '');
    const under = await cli([...campaign, '--junit', join(dir, 'file', 'report.xml')]);
    expect(under.code).toBe(2);
    expect(under.stderr).toContain('a part of its path is a file');
    expect(existsSync(join(dir, 'file', 'report.xml'))).toBe(false);
  });
});

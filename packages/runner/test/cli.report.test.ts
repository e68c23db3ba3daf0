import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-cli-report-'));
  dirs.push(dir);
  return dir;
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

async function campaign(seed: string): Promise<string> {
  const out = tempDir();
  const { code } = await cli(['run', '--runs', '3', '--seed', seed, '--scenarios', 'MarketingTimeout,HandoffCorruption', '--out', out]);
  expect(code).toBe(0);
  return out;
}

describe('chaos run --report, chaos report', () => {
  it('writes the HTML report next to the exports of a run', async () => {
    const out = tempDir();
    const { code, stdout } = await cli(['run', '--runs', '2', '--seed', 'r', '--scenarios', 'CascadeFailure', '--out', out, '--report']);
    expect(code).toBe(0);
    const report = readdirSync(out).find((f) => /^chaos_report_\d{8}T\d{6}Z(-\d+)?\.html$/.test(f));
    expect(report).toBeDefined();
    expect(stdout).toContain(join(out, report as string));
    const html = readFileSync(join(out, report as string), 'utf8');
    expect(html).toContain('CascadeFailure');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('refuses --report without --out, as bad usage', async () => {
    const { code, stderr } = await cli(['run', '--runs', '1', '--report']);
    expect(code).toBe(2);
    expect(stderr).toBe('chaos: --report writes the HTML report next to the exports: give --out <dir> too\n');
  });

  it('renders the report of an export folder, to a file of your choosing', async () => {
    const out = await campaign('report');
    const file = join(tempDir(), 'mine.html');
    const { code, stdout } = await cli(['report', out, '--out', file]);
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote ${file}\n`);
    expect(readFileSync(file, 'utf8')).toContain('MarketingTimeout');
  });

  it('says what is wrong with input that is not an export, exit code 2', async () => {
    const empty = tempDir();
    const { code, stderr } = await cli(['report', empty]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^chaos: .*chaos_full_metrics/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('chaos compare', () => {
  it('prints per-scenario differences with intervals and p-values, as text and as JSON', async () => {
    const a = await campaign('A');
    const b = await campaign('B');
    const text = await cli(['compare', a, b]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/MarketingTimeout\s+3\s+3\s/);
    expect(text.stdout).toContain('p (MWU)');
    const json = await cli(['compare', a, b, '--json']);
    const comparison = JSON.parse(json.stdout) as { scenarios: { scenario: string; recovery: { mannWhitney: { p: number } | null } }[] };
    expect(comparison.scenarios.map((s) => s.scenario)).toEqual(['HandoffCorruption', 'MarketingTimeout']);
  });

  it('gives identical campaigns a p-value of 1 and writes the comparison into an HTML report', async () => {
    const a = await campaign('same');
    const b = await campaign('same');
    const file = join(tempDir(), 'compare.html');
    const { code, stdout } = await cli(['compare', a, b, '--out', file]);
    expect(code).toBe(0);
    // Same runs on both sides: no difference, an interval around 0, p = 1.
    expect(stdout).toMatch(/MarketingTimeout\s+3\s+3\s+([\d.]+)\s+\1\s+\+0\.000\s+\[-[\d.]+, \+[\d.]+\]\s+1\.0000/);
    expect(readFileSync(file, 'utf8')).toContain('Comparison');
  });

  it('needs two campaigns', async () => {
    const { code, stderr } = await cli(['compare', tempDir()]);
    expect(code).toBe(2);
    expect(stderr).toContain("missing required argument 'b'");
  });
});

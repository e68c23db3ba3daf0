import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { packageDir } from './helpers.js';

const module = join(packageDir, 'bench', 'knownMttr.mjs');

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

const base = ['run', '--scenarios', 'KnownMttr', '--module', module, '--seed', 'until', '--json'];

interface UntilJson {
  until: { met: boolean; batch: number; batches: number; runsPerScenario: number; readings: { value: number; threshold: number; holds: boolean }[] };
  totalRuns: number;
  mttr: { mean: number; ci95: { low: number; high: number } };
}

describe('chaos run --until', () => {
  it('adds batches of --runs until the interval is narrow enough, then stops', async () => {
    const { code, stdout, stderr } = await cli([...base, '--runs', '20', '--until', 'mttr.ci95.halfwidth<10%', '--max-runs', '400']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as UntilJson;
    expect(json.until.met).toBe(true);
    expect(json.until.batch).toBe(20);
    expect(json.until.runsPerScenario).toBe(20 * json.until.batches);
    expect(json.totalRuns).toBe(json.until.runsPerScenario);
    expect(json.until.readings.slice(0, -1).every((r) => !r.holds)).toBe(true);
    const last = json.until.readings.at(-1);
    expect(last?.value).toBeLessThan(last?.threshold as number);
    expect((json.mttr.ci95.high - json.mttr.ci95.low) / 2).toBeLessThan(0.1 * json.mttr.mean);
    expect(stderr).toMatch(/--until mttr\.ci95\.halfwidth<10%: held after \d+ batch\(es\), \d+ runs per scenario/);
  });

  it('gives the results of a fixed campaign of the size it stopped at (each batch only adds runs)', async () => {
    const stopped = JSON.parse((await cli([...base, '--runs', '20', '--until', 'mttr.ci95.halfwidth<10%', '--max-runs', '400'])).stdout) as UntilJson;
    const fixed = JSON.parse((await cli([...base, '--runs', String(stopped.until.runsPerScenario)])).stdout) as UntilJson;
    expect(fixed.mttr).toEqual(stopped.mttr);
  });

  it('stops at --max-runs when the objective never holds, saying so', async () => {
    const { code, stdout, stderr } = await cli([...base, '--runs', '10', '--until', 'mttr.ci95.halfwidth<0.1%', '--max-runs', '30']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as UntilJson;
    expect(json.until.met).toBe(false);
    expect(json.until.batches).toBe(3);
    expect(json.totalRuns).toBe(30);
    expect(stderr).toContain('did not hold after 30 runs per scenario (--max-runs 30');
  });

  it.each([
    [['--until', 'mttr.ci95.halfwidth<5%'], 'needs --max-runs'],
    [['--max-runs', '50'], '--max-runs bounds a campaign run --until'],
    [['--until', 'mttx.ci95.halfwidth<5%', '--max-runs', '50'], 'names an unknown figure "mttx.ci95.halfwidth"'],
    [['--until', 'mttr.ci95.halfwidth<5%', '--max-runs', '5', '--runs', '10'], '--max-runs 5 is below --runs 10'],
    [['--until', 'Nope:mttr<5s', '--max-runs', '50'], 'which this campaign does not run'],
  ])('refuses %j before anything runs (exit 2)', async (args, message) => {
    const { code, stdout, stderr } = await cli([...base, ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toContain('progress');
  });

  it('refuses --until with --journal', async () => {
    const journal = join(mkdtempSync(join(tmpdir(), 'chaos-until-')), 'j.jsonl');
    const { code, stderr } = await cli([...base, '--until', 'mttr.ci95.halfwidth<5%', '--max-runs', '50', '--journal', journal]);
    expect(code).toBe(2);
    expect(stderr).toContain('--until cannot be combined with --journal');
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickExport } from '@chaos/export';
import { ChaosRunner, runCli } from '../src/index.js';
import { parseChange } from '../src/_internals/power/change.js';
import { runsForPower, simulatedPower } from '../src/_internals/power/power.js';
import { packageDir } from './helpers.js';

const module = join(packageDir, 'bench', 'knownMttr.mjs');

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

/** One run per pilot entry: a single recovery time, lognormal-ish by a fixed recipe. */
const pilot = Array.from({ length: 60 }, (_, i) => [10 * Math.exp(0.5 * Math.sin(i * 12.9898) * 1.7)]);

/** A campaign of KnownMttr exported to a fresh folder, its times scaled by `scale`. */
async function exported(runs: number, seed: string, scale = 1): Promise<string> {
  const { knownMttr } = (await import(module)) as { knownMttr: import('@chaos/scenarios').Scenario };
  const summary = await new ChaosRunner({ scenarios: [knownMttr], runsPerScenario: runs, seed, initialState: { scale }, concurrency: 1 }).runAll();
  const dir = mkdtempSync(join(tmpdir(), 'chaos-power-'));
  await quickExport(summary.metrics, { outputDir: dir, context: { seed } });
  return dir;
}

describe('power by simulation', () => {
  it('rejects about alpha of the time when there is no change (the test is calibrated)', () => {
    const rate = simulatedPower(pilot, 30, 30, { change: 0, simulations: 2000 });
    expect(rate).toBeGreaterThan(0.03);
    expect(rate).toBeLessThan(0.07);
  });

  it('grows with the runs, and runsForPower finds the smallest size reaching the target', () => {
    const small = simulatedPower(pilot, 10, 10, { change: -0.2, simulations: 400 });
    const large = simulatedPower(pilot, 80, 80, { change: -0.2, simulations: 400 });
    expect(large).toBeGreaterThan(small);
    const found = runsForPower(pilot, 0.8, { change: -0.2, simulations: 400 });
    expect(found.runs).not.toBeNull();
    expect(found.power).toBeGreaterThanOrEqual(0.8);
    const below = found.curve.filter((p) => p.runs < (found.runs as number));
    expect(below.every((p) => p.power < 0.8)).toBe(true);
  });

  it('reads a change to detect, and refuses what it cannot plan', () => {
    expect(parseChange('mttr -10%')).toMatchObject({ figure: 'mttr', relative: -0.1 });
    expect(parseChange('mttr.mean +25%').relative).toBeCloseTo(0.25);
    expect(() => parseChange('mttx -10%')).toThrow('unknown figure "mttx"');
    expect(() => parseChange('successRate -10%')).toThrow('only a change of MTTR-A');
    expect(() => parseChange('mttr -10s')).toThrow('is not a change to detect');
  });
});

describe('chaos plan', () => {
  it('says how many runs per campaign detect the change with the power asked', async () => {
    const dir = await exported(60, 'plan-pilot');
    const { code, stdout } = await cli(['plan', '--pilot', dir, '--detect', 'mttr -20%', '--power', '0.8', '--simulations', '300']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/To detect mttr -20% \(MTTR-A -20 %\) with power 0\.8 at alpha 0\.05/);
    expect(stdout).toMatch(/KnownMttr\s+60\s+60\s+\d+ \(power 0\.\d\d\)/);
    const json = JSON.parse((await cli(['plan', '--pilot', dir, '--detect', 'mttr -20%', '--simulations', '300', '--json'])).stdout) as {
      scenarios: { scenario: string; runs: number; power: number }[];
    };
    const plan = json.scenarios[0];
    expect(plan?.power).toBeGreaterThanOrEqual(0.8);
    // Lognormal sigma 0.5, a 20 % shift: about 90 runs by a normal approximation on the logs.
    expect(plan?.runs).toBeGreaterThan(40);
    expect(plan?.runs).toBeLessThan(200);
  });

  it.each([
    [['--detect', 'mttx -10%'], 'unknown figure "mttx"'],
    [['--detect', 'mttr -10%', '--power', '1'], '--power must be strictly between 0 and 1'],
  ])('refuses %j (exit 2)', async (args, message) => {
    const dir = await exported(5, 'plan-bad');
    const { code, stderr } = await cli(['plan', '--pilot', dir, ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('refuses a pilot that is not an export (exit 2)', async () => {
    const { code, stderr } = await cli(['plan', '--pilot', mkdtempSync(join(tmpdir(), 'chaos-empty-')), '--detect', 'mttr -10%']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^chaos: /);
  });
});

describe('chaos compare', () => {
  it('says when a comparison of MTTR-A was underpowered', async () => {
    const a = await exported(8, 'cmp-a');
    const b = await exported(8, 'cmp-b', 0.95);
    const { code, stdout } = await cli(['compare', a, b]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Underpowered: KnownMttr — with 8 and 8 runs, a 10 % change of MTTR-A would be detected only \d+ % of the time/);
    const json = JSON.parse((await cli(['compare', a, b, '--json'])).stdout) as { power: { scenario: string; underpowered: boolean; power: number }[] };
    expect(json.power[0]).toMatchObject({ scenario: 'KnownMttr', underpowered: true });
  });

  it('says nothing of power when the campaigns are large enough', async () => {
    const a = await exported(150, 'cmp-big-a');
    const b = await exported(150, 'cmp-big-b', 0.5);
    const { stdout } = await cli(['compare', a, b]);
    expect(stdout).not.toContain('Underpowered');
  });
});

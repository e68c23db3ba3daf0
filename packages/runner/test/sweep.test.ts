import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '@chaos/scenarios';
import { runCli, sweepKnob } from '../src/index.js';
import { fixturesDir } from './helpers.js';
// @ts-expect-error: a plain ES module fixture, without types
import { retryBudget } from './fixtures/sweepScenarios.mjs';

const module = join(fixturesDir, 'sweepScenarios.mjs');
const planted = retryBudget as Scenario;

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

const sweepArgs = ['sweep', '--scenario', 'RetryBudget', '--module', module, '--knob', 'crashProbability'];

describe('sweepKnob', () => {
  it('brackets the planted break (success 1 − p², objective 91 %: p = 0.3), bisecting from both ends', async () => {
    const found = await sweepKnob({ scenario: planted, knob: 'crashProbability', from: 0, to: 0.6, objective: 'successRate>=91', seed: 'test', maxRunsPerProbe: 800, resolution: 0.04 });
    expect(found.breaksGoing).toBe('up');
    expect(found.interval.low).toBeLessThanOrEqual(0.3);
    expect(found.interval.high).toBeGreaterThanOrEqual(0.3);
    expect(found.breakPoint).toBeGreaterThanOrEqual(found.interval.low);
    expect(found.breakPoint).toBeLessThanOrEqual(found.interval.high);
    expect(found.probes.map((p) => p.value)).toEqual([...found.probes.map((p) => p.value)].sort((a, b) => a - b));
    expect(found.probes[0]).toMatchObject({ value: 0, decision: 'met' });
    expect(found.probes.at(-1)).toMatchObject({ value: 0.6, decision: 'broken' });
    expect(found.runs).toBe(found.probes.reduce((n, p) => n + p.runs, 0));
    // Each probe doubles its runs from the batch: 50, 100, 200, 400, 800.
    expect(found.probes.every((p) => [50, 100, 200, 400, 800].includes(p.runs))).toBe(true);
    // A decided probe's interval lies on its side of the threshold.
    for (const p of found.probes) {
      if (p.decision === 'met') expect(p.interval?.low).toBeGreaterThanOrEqual(91);
      if (p.decision === 'broken') expect(p.interval?.high).toBeLessThan(91);
    }
  });

  it('finds a break going down when the objective holds at the high end', async () => {
    const found = await sweepKnob({ scenario: planted, knob: 'crashProbability', from: 0, to: 0.6, objective: 'successRate<91', seed: 'down', maxRunsPerProbe: 400, resolution: 0.08 });
    expect(found.breaksGoing).toBe('down');
    expect(found.interval.low).toBeLessThanOrEqual(0.3);
    expect(found.interval.high).toBeGreaterThanOrEqual(0.3);
  });

  it('gives the same sweep for the same seed', async () => {
    const options = { scenario: planted, knob: 'crashProbability', from: 0, to: 0.6, objective: 'successRate>=91', seed: 'same', maxRunsPerProbe: 200, resolution: 0.1 };
    expect(await sweepKnob(options)).toEqual(await sweepKnob(options));
  });
});

describe('chaos sweep', () => {
  it('prints the break with its interval and the probes, and writes the plot', async () => {
    const report = join(mkdtempSync(join(tmpdir(), 'chaos-sweep-')), 'sweep.html');
    const { code, stdout, stderr } = await cli([...sweepArgs, '--from', '0', '--to', '0.6', '--objective', 'successRate>=91', '--max-runs', '400', '--resolution', '0.08', '--report', report]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^successRate>=91 breaks at crashProbability ≈ [\d.]+, in \[[\d.]+, [\d.]+\] \(met below, broken above; RetryBudget, seed sweep\)/);
    expect(stdout).toMatch(/crashProbability\s+runs\s+successRate\s+95 % interval\s+decision/);
    expect(stdout).toMatch(/\n0\s+50\s+100 %\s+\[92\.87 %, 100 %\]\s+met\n/);
    expect(stdout).toMatch(/\d+ runs; a fixed grid of the same precision would take \d+\./);
    const page = readFileSync(report, 'utf8');
    expect(page).toContain('data-chart="sweep"');
    expect(page).toContain('class="objective"');
    expect(page).toContain('class="break-interval"');
    expect(page.match(/class="probe"/g)?.length).toBeGreaterThanOrEqual(3);
    expect(page).not.toMatch(/<script|(?:src|href)="https?:/);
  });

  it.each([
    [['--from', '0.5', '--to', '0.1', '--objective', 'successRate>=91'], 'the range [0.5, 0.1] of crashProbability is empty'],
    [['--from', '0.4', '--to', '0.6', '--objective', 'successRate>=91'], 'is never met at either end (crashProbability = 0.4 and 0.6)'],
    [['--from', '0', '--to', '0.1', '--objective', 'successRate>=91'], 'is met at both ends'],
    [['--from', '0', '--to', '0.6', '--objective', 'nrr>0.5'], 'nrr has none'],
    [['--from', '0', '--to', '0.6', '--objective', 'mttx<5s'], 'unknown figure "mttx"'],
    [['--from', '0', '--to', '1.5', '--objective', 'successRate>=91'], 'Expected `to` to be a value of crashProbability in [0, 1]'],
  ])('refuses %j (exit 2)', async (args, message) => {
    const { code, stderr } = await cli([...sweepArgs, ...args, '--max-runs', '200']);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('refuses an unknown knob, naming the known ones (exit 2)', async () => {
    const { code, stderr } = await cli(['sweep', '--scenario', 'RetryBudget', '--module', module, '--knob', 'crashProb', '--from', '0', '--to', '0.6', '--objective', 'successRate>=91']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown knob "crashProb". Known knobs: crashProbability, delayProbability, delayMs');
  });
});

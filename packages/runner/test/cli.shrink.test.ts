import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayRun, runCli } from '../src/index.js';
import { fixturesDir } from './helpers.js';

const module = join(fixturesDir, 'shrinkScenarios.mjs');

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

/** The first run index of campaign `seed` whose success is `wanted`. */
async function runWhere(wanted: boolean, seed: string): Promise<number> {
  for (let run = 0; ; run++) {
    const result = await replayRun({ scenario: 'RetryBudgetSoak', campaignSeed: seed, runIndex: run, workerModule: module });
    if (result.success === wanted) return run;
  }
}

describe('chaos shrink', () => {
  it('prints the minimal plan, the check it fails, and a replay command that fails it again', async () => {
    const run = await runWhere(false, 'cli-shrink');
    const { code, stdout, stderr } = await cli(['shrink', '--scenario', 'RetryBudgetSoak', '--seed', 'cli-shrink', '--run', String(run), '--module', module]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/RetryBudgetSoak run \d+ of campaign 'cli-shrink' fired \d+ faults; 2 of them still fail "nothing lost"/);
    expect(stdout).toContain('Removing any one of them makes the check pass');
    expect(stdout).toMatch(/plan: \[\n {2}\{ id: 'crash@writer#\d+', fault: 'crash', target: 'writer', trigger: \{ on: 'call', call: \d+ \} \},\n/);
    const replay = /Replay it:\n {2}chaos (replay .*)\n/.exec(stdout)?.[1];
    expect(replay).toBeDefined();
    const plan = /--plan '(.*)'$/.exec(replay as string)?.[1] as string;
    const replayed = await cli(['replay', '--scenario', 'RetryBudgetSoak', '--seed', 'cli-shrink', '--run', String(run), '--module', module, '--plan', plan, '--json']);
    expect(replayed.code).toBe(1);
    const result = JSON.parse(replayed.stdout) as { checks: { name: string; passed: boolean }[]; faults: unknown[] };
    expect(result.checks.find((c) => c.name === 'nothing lost')?.passed).toBe(false);
    expect(result.faults).toHaveLength(2);
  });

  it('writes an HTML page of the result with --report', async () => {
    const run = await runWhere(false, 'cli-shrink');
    const report = join(mkdtempSync(join(tmpdir(), 'chaos-shrink-')), 'shrink.html');
    const { code, stdout } = await cli(['shrink', '--scenario', 'RetryBudgetSoak', '--seed', 'cli-shrink', '--run', String(run), '--module', module, '--report', report]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Wrote ${report}`);
    const page = readFileSync(report, 'utf8');
    expect(page).toMatch(/2 of the \d+ faults the run fired still fail <strong>nothing lost<\/strong>/);
    expect(page).toContain('removing any one of these faults makes the check pass');
    expect(page).toContain('chaos replay --scenario RetryBudgetSoak');
    expect(page.match(/<tr><td>crash<\/td><td><code>writer<\/code><\/td>/g)).toHaveLength(2);
  });

  it('prints JSON with --json', async () => {
    const run = await runWhere(false, 'cli-shrink');
    const { code, stdout } = await cli(['shrink', '--scenario', 'RetryBudgetSoak', '--seed', 'cli-shrink', '--run', String(run), '--module', module, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { plan: unknown[]; oneMinimal: boolean; check: { name: string }; replayCommand: string; fired: number };
    expect(json.plan).toHaveLength(2);
    expect(json.oneMinimal).toBe(true);
    expect(json.check.name).toBe('nothing lost');
    expect(json.replayCommand).toMatch(/^chaos replay --scenario RetryBudgetSoak/);
  });

  it('refuses a run that passed (exit 2), saying so', async () => {
    const run = await runWhere(true, 'cli-shrink');
    const { code, stderr } = await cli(['shrink', '--scenario', 'RetryBudgetSoak', '--seed', 'cli-shrink', '--run', String(run), '--module', module]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^chaos: cannot shrink: run RetryBudgetSoak#\d+ \(seed \w+\) passed/);
  });

  it('refuses a --plan that is not a JSON array of rules', async () => {
    const { code, stderr } = await cli(['replay', '--scenario', 'RetryBudgetSoak', '--seed', 's', '--run', '0', '--module', module, '--plan', '{"fault":"crash"}']);
    expect(code).toBe(2);
    expect(stderr).toContain('expected a JSON array of fault rules');
  });
});

import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayRun, runCli, type RunnerSummaryJSON } from '../src/index.js';
import { fixturesDir } from './helpers.js';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, with an environment of its own (no `CHAOS_*` unless given). */
async function cli(argv: string[], isTTY = false, env: Record<string, string> = {}): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY,
    env,
  });
  return { code, stdout, stderr };
}

const failing = join(fixturesDir, 'failingScenarios.mjs');
const ESC = '\x1b';

describe('chaos list', () => {
  it('lists the registered scenarios with their descriptions', async () => {
    const { code, stdout } = await cli(['list']);
    expect(code).toBe(0);
    const names = stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]);
    expect(names).toEqual(['ProductCrashMidUpload', 'MarketingTimeout', 'HandoffCorruption', 'DelayedRecovery', 'CascadeFailure']);
    expect(stdout).toContain('inside its 10 s deadline');
  });

  it('prints JSON, and includes the scenarios of --module', async () => {
    const { code, stdout } = await cli(['list', '--json', '--module', failing]);
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as { name: string }[];
    expect(listed.map((s) => s.name)).toEqual(expect.arrayContaining(['CascadeFailure', 'FixtureFailsCheck', 'FixtureNeverFires']));
  });
});

describe('chaos run', () => {
  it('runs a campaign, prints the summary table, and exits 0 when every steady state held', async () => {
    const { code, stdout, stderr } = await cli(['run', '--scenarios', 'ProductCrashMidUpload,DelayedRecovery', '--runs', '3', '--seed', 'cli', '--concurrency', '1']);
    expect(code).toBe(0);
    const [header, first, second, all] = stdout.split('\n');
    expect(header).toMatch(/^Scenario\s+Runs\s+Success \[95% CI\]\s+Recovery\s+Accuracy\s+Correct\s+MTTR-A mean\s+median\s+P95\s+Inconclusive\s+Failed$/);
    expect(first).toMatch(/^ProductCrashMidUpload\s+3\s+100\.0% \[43\.9, 100\.0\]\s+100\.0%\s+1\.00\s+100\.0%\s+[\d.]+ s\s+[\d.]+ s\s+[\d.]+ s\s+0\s+0$/);
    expect(second).toMatch(/^DelayedRecovery\s+3\s+100\.0% \[43\.9, 100\.0\]\s+100\.0%\s+-\s+-\s+-\s+-\s+-\s+0\s+0$/);
    expect(all).toMatch(/^all\s+6\s+100\.0% \[61\.0, 100\.0\]/);
    expect(stdout).toContain('Seed cli · 6 runs (virtual time, in-process)');
    expect(stdout).toContain('Every steady state held.');
    // Not a terminal: plain progress lines, no escape codes.
    // No estimate from the first run alone: it would mostly measure start-up.
    expect(stderr).toMatch(/^progress: 1\/6 runs \(17%\), elapsed [\d.]+ s$/m);
    expect(stderr).toMatch(/^progress: 2\/6 runs \(33%\), elapsed [\d.]+ s, ETA [\d.]+ s$/m);
    expect(stderr).toMatch(/^progress: 6\/6 runs \(100%\)/m);
    expect(stderr).not.toContain(ESC);
    expect(stderr).not.toContain('\r');
  });

  it('draws a progress bar on a terminal', async () => {
    const { code, stderr } = await cli(['run', '--scenarios', 'HandoffCorruption', '--runs', '2', '--seed', 'tty', '--concurrency', '1'], true);
    expect(code).toBe(0);
    expect(stderr).toContain(`\r${ESC}[2K[########################] 2/2 runs (100%)`);
    expect(stderr.endsWith('\n')).toBe(true);
  });

  it('prints the summary as JSON on stdout with --json, and nothing else there', async () => {
    const { code, stdout } = await cli(['run', '--scenarios', 'MarketingTimeout', '--runs', '2', '--seed', 'json', '--concurrency', '1', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as RunnerSummaryJSON;
    expect(summary).toMatchObject({ seed: 'json', totalRuns: 2, allHeld: true, runsPerScenario: 2 });
    expect(summary.results).toHaveLength(2);
    expect(summary.metrics.byScenario['MarketingTimeout']?.mttrAvg).toBe(summary.averageMttrSeconds);
  });

  it('writes the four export files to --out and prints their paths', async () => {
    const out = mkdtempSync(join(tmpdir(), 'chaos-cli-out-'));
    const { code, stdout } = await cli(['run', '--scenarios', 'HandoffCorruption', '--runs', '2', '--seed', 'out', '--concurrency', '1', '--out', out]);
    expect(code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files.map((f) => f.replace(/_\d{8}T\d+Z?.*?\./, '_<ts>.'))).toEqual([
      'chaos_events_<ts>.csv',
      'chaos_full_metrics_<ts>.json',
      'chaos_mttr_<ts>.csv',
      'chaos_summary_<ts>.json',
    ]);
    for (const file of files) expect(stdout).toContain(join(out, file));
  });

  it('exits 1 when a steady state failed or a run was inconclusive, with replay commands', async () => {
    const { code, stdout } = await cli(['run', '--module', failing, '--scenarios', 'FixtureFailsCheck,FixtureNeverFires', '--runs', '2', '--seed', 'bad', '--concurrency', '1']);
    expect(code).toBe(1);
    expect(stdout).toContain('2 run(s) failed, 2 inconclusive. Replay one with:');
    expect(stdout).toContain(`chaos replay --scenario FixtureFailsCheck --seed bad --run 0 --module ${failing}   # never: this check never holds`);
    expect(stdout).toMatch(/chaos replay --scenario FixtureNeverFires --seed bad --run 1 .*# inconclusive: planned fault ghost never fired/);
  });

  it('exits 2 when the journal belongs to another campaign', async () => {
    const journal = join(mkdtempSync(join(tmpdir(), 'chaos-cli-journal-')), 'j.jsonl');
    const first = await cli(['run', '--scenarios', 'HandoffCorruption', '--runs', '1', '--seed', 'j1', '--journal', journal]);
    expect(first.code).toBe(0);
    expect(existsSync(journal)).toBe(true);
    const second = await cli(['run', '--scenarios', 'HandoffCorruption', '--runs', '1', '--seed', 'j2', '--journal', journal]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^chaos: Journal ".*j\.jsonl" was written by a different campaign configuration \(seed: "j2" here vs "j1" in the journal\)/);
  });

  it.each([
    [['run', '--scenarios', 'Nope'], /^chaos: Expected `scenarios\[0\]` to be a registered scenario name, got `"Nope"`. Known scenarios: ProductCrashMidUpload, /],
    [['run', '--runs', 'abc'], /^chaos: option '--runs <n>' argument 'abc' is invalid. Expected a positive integer.$/],
    [['run', '--runs', '0'], /^chaos: option '--runs <n>' argument '0' is invalid/],
    [['run', '--concurrency', '1.5'], /^chaos: option '--concurrency <n>' argument '1.5' is invalid/],
    [['run', '--run-timeout', '-1'], /^chaos: option '--run-timeout <seconds>' argument '-1' is invalid/],
    [['run', '--time', 'fast'], /^chaos: option '--time <mode>' argument 'fast' is invalid. Allowed choices are virtual, real.$/],
    [['run', '--bogus'], /^chaos: unknown option '--bogus'$/],
    [['run', '--rusn', '3'], /^chaos: unknown option '--rusn' \(Did you mean --runs\?\)$/],
    [['launch'], /^chaos: unknown command 'launch'/],
    [['replay', '--scenario', 'MarketingTimeout', '--run', '1'], /^chaos: required option '--seed <seed>' not specified \(or set CHAOS_RANDOM_SEED\)$/],
    [['replay', '--scenario', 'Nope', '--seed', 's', '--run', '0'], /^chaos: Expected `scenario` to be a registered scenario name: Unknown scenario "Nope"/],
  ])('exits 2 with a one-line reason for %j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });
});

describe('chaos --help', () => {
  it.each([
    [[], ['list', 'run', 'replay']],
    [['list'], ['--json', '--module']],
    [['run'], ['--scenarios <names>', '--runs <n>', '--seed <seed>', '--concurrency <n>', '--time <mode>', '--out <dir>', '--journal <file>', '--json', '--run-timeout <seconds>']],
    [['replay'], ['--scenario <name>', '--seed <seed>', '--run <index>']],
  ])('chaos %j --help documents the command', async (command, expected) => {
    const { code, stdout } = await cli([...command, '--help']);
    expect(code).toBe(0);
    for (const text of expected) expect(stdout).toContain(text);
  });

  it('exits 2 with the help on stderr when no command is given', async () => {
    const { code, stderr } = await cli([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: chaos');
  });
});

describe('chaos run --accuracy-threshold', () => {
  it('passes the threshold to the campaign and says it in the JSON summary', async () => {
    const { code, stdout } = await cli(['run', '--scenarios', 'ProductCrashMidUpload', '--runs', '2', '--seed', 'thr', '--concurrency', '1', '--accuracy-threshold', '0.5', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as RunnerSummaryJSON;
    expect(summary.accuracyThreshold).toBe(0.5);
    expect(summary.metrics.accuracyThreshold).toBe(0.5);
    expect(summary.scenarios[0]?.recoveries.correctRate).toBe(100);
  });

  it('refuses a threshold outside [0, 1] as bad usage', async () => {
    const { code, stderr } = await cli(['run', '--accuracy-threshold', '1.5']);
    expect(code).toBe(2);
    expect(stderr).toContain("option '--accuracy-threshold <x>' argument '1.5' is invalid. Expected a number in [0, 1].");
  });
});

describe('chaos replay', () => {
  it("prints one run's event timeline and steady-state verdicts, the same run as the campaign's", async () => {
    const { code, stdout } = await cli(['replay', '--scenario', 'MarketingTimeout', '--seed', 'campaign-7', '--run', '4']);
    expect(code).toBe(0);
    const result = await replayRun({ scenario: 'MarketingTimeout', campaignSeed: 'campaign-7', runIndex: 4 });
    expect(stdout).toContain(`Replay of MarketingTimeout#4: campaign seed campaign-7, run 4, run seed ${result.seed}, virtual time`);
    expect(stdout).toMatch(/time \(s\)\s+event\s+target\s+detail/);
    const fault = result.events[0];
    expect(stdout).toMatch(new RegExp(`${((fault?.at ?? 0) / 1000).toFixed(3)}\\s+fault\\s+marketing\\s+timeout \\(plan rule marketing-hang\\)`));
    expect(stdout).toMatch(/\d+\.\d{3}\s+recovery\s+marketing\s+timeout recovered [\d.]+ s after the fault \(detected after [\d.]+ s\)/);
    for (const check of result.checks) expect(stdout).toContain(`PASS  ${check.name}: ${check.detail}`);
    expect(stdout).toMatch(/^Result: PASS · recovered yes \(lowest accuracy 1\.00, 1\/1 correct\) · task completed yes/m);
  });

  it('exits 1 for a run that failed, with the reason', async () => {
    const { code, stdout } = await cli(['replay', '--module', failing, '--scenario', 'FixtureFailsCheck', '--seed', 's', '--run', '0']);
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL  never: this check never holds');
    expect(stdout).toMatch(/^Result: FAIL/m);
    expect(stdout).toContain('Reason: never: this check never holds');
  });

  it('prints the result as JSON with --json', async () => {
    const { code, stdout } = await cli(['replay', '--scenario', 'HandoffCorruption', '--seed', 's', '--run', '2', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(await replayRun({ scenario: 'HandoffCorruption', campaignSeed: 's', runIndex: 2 }));
  });
});

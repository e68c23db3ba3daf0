import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProblem, missingIn } from '@chaos/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { LLM_SCENARIO_NAMES } from '../src/index.js';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function demo(args: string[], env: Record<string, string> = {}) {
  const out = mkdtempSync(join(tmpdir(), 'chaos-demo-'));
  dirs.push(out);
  const result = spawnSync(process.execPath, [main, '--out', out, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  return { ...result, out };
}

/** The demo runs on its build and the packages' builds: missing or stale, the test cannot trust them. */
const buildMissing = missingIn(
  'the demo end-to-end test',
  buildProblem('demo', ['main.js']) ?? ['config', 'faults', 'metrics', 'scenarios', 'export', 'runner'].map((name) => buildProblem(name)).find((problem) => problem !== undefined),
);

describe.skipIf(buildMissing)('pnpm demo, end to end (built)', () => {
  it('runs the campaign, holds every steady state and writes the four data files', () => {
    const { status, stdout, stderr, out } = demo(['--runs', '6', '--seed', 'e2e']);
    expect(stderr).not.toContain('Error');
    expect(status).toBe(0);
    for (const name of ['ProductCrashMidUpload', 'MarketingTimeout', 'HandoffCorruption', 'DelayedRecovery', 'CascadeFailure', 'DemoSoak', ...LLM_SCENARIO_NAMES]) {
      expect(stdout).toMatch(new RegExp(`${name}\\s+6\\s+100\\.0%`));
    }
    expect(stdout).toContain('Every steady state held.');
    const files = readdirSync(out).sort();
    expect(files.map((f) => f.replace(/_\d{8}T\d{6}Z(-\d+)?\./, '_<ts>.'))).toEqual([
      'chaos_events_<ts>.csv',
      'chaos_full_metrics_<ts>.json',
      'chaos_mttr_<ts>.csv',
      'chaos_report_<ts>.html',
      'chaos_summary_<ts>.json',
    ]);
    const html = readFileSync(join(out, files.find((f) => f.startsWith('chaos_report_')) as string), 'utf8');
    expect(html).toContain('Chaos demo: e-commerce agents under five scenarios, a soak and four LLM scenarios');
    expect(html).toContain('DemoSoak');
    const summaryFile = files.find((f) => f.startsWith('chaos_summary_')) as string;
    const { summary } = JSON.parse(readFileSync(join(out, summaryFile), 'utf8'));
    // Restarts cost 0.8 s ± 25 %, a hang is caught after 6 s of silence: MTTR-A lies between.
    expect(summary.mttrAvg).toBeGreaterThan(0.5);
    expect(summary.mttrAvg).toBeLessThan(8);
    expect(summary.byScenario.MarketingTimeout.mttrAvg).toBeGreaterThan(6);
    expect(summary.byScenario.MarketingTimeout.mttrAvg).toBeLessThan(7.2);
    expect(summary.reconstructionAccuracyAvg).toBe(1);
    expect(summary.recoverySuccessRate).toBeGreaterThan(90);
    expect(summary.peerContextUsageRate).toBeGreaterThan(0);
    expect(summary.taskCompletionRate).toBe(100);
    // Only the soak has a fault after a recovery: the campaign's NRR and uptime are the soak's.
    const soak = summary.byScenario.DemoSoak;
    expect(soak.mtbf).not.toBeNull();
    expect(summary.pairedRuns).toBe(soak.pairedRuns);
    expect(summary.nrr).toBe(soak.nrr);
    expect(summary.nrrMedian).toBe(soak.nrrMedian);
    expect(summary.uptime).toBe(soak.uptime);
    // Every reconstruction is right: each scored successful recovery is correct.
    expect(summary.correctRecoveries).toBe(summary.successfulRecoveries);
    expect(Object.keys(summary.byTag.reflex)).toEqual(expect.arrayContaining(['rebuild-from-checkpoint', 'resend', 'retry', 'resume', 'fallback', 'repair']));
    // The copy agent's recoveries: MTTR-A from each 429 to the copy, and from the hung tool to its 2 s deadline.
    expect(summary.byScenario.LlmRateLimitStorm.mttrAvg).toBe(3.75);
    expect(summary.byScenario.ToolTimeout.mttrAvg).toBe(2);
    expect(stdout).toMatch(/^Scenario\s+Runs\s+Success \[95% CI\]\s+Recovery\s+Accuracy\s+Correct\s+MTTR-A mean/m);
    expect(stdout).toMatch(/NRR -?[\d.]+ \(median form -?[\d.]+\), uptime [\d.]+%/);
  });

  it('fails with exit code 1 when the reconstructor is broken, and its replay commands reproduce each failure', () => {
    const { status, stdout, out } = demo(['--runs', '5', '--seed', 'e2e', '--broken-reconstructor'], { CHAOS_CRASH_PROBABILITY: '0.2' });
    expect(status).toBe(1);
    // Recovered, accuracy and correct recovery side by side: the forgetful reconstructor
    // brings the product agent back with nothing, so no run recovered and no recovery was correct.
    expect(stdout).toMatch(/ProductCrashMidUpload\s+5\s+0\.0% \[[\d., ]+\]\s+0\.0%\s+0\.00\s+0\.0%/);
    const summaryFile = readdirSync(out).find((f) => f.startsWith('chaos_summary_')) as string;
    const { summary } = JSON.parse(readFileSync(join(out, summaryFile), 'utf8'));
    const product = summary.byScenario.ProductCrashMidUpload;
    expect(product.recoverySuccessRate).toBe(100);
    expect(product.correctRecoveryRate).toBeLessThan(50);
    expect(product.reconstructionAccuracyAvg).toBeLessThan(0.5);
    const hints = stdout
      .split('\n')
      .filter((line) => / pnpm chaos replay /.test(` ${line.trim()}`))
      .map((line) => line.trim().split('   # ') as [string, string]);
    expect(hints.length).toBeGreaterThanOrEqual(5);
    for (const [command] of hints) expect(command).toContain(`--module ${join(root, 'apps/demo/dist/brokenWorker.js')}`);
    const soak = hints.find(([command]) => command.includes('--scenario DemoSoak'));
    expect(soak?.[0]).toMatch(/^CHAOS_CRASH_PROBABILITY=0\.2 CHAOS_DELAY_MS=500 .* pnpm chaos replay --scenario DemoSoak /);
    // One hint of a built-in scenario and the soak's, run as printed from the repository root.
    for (const [command, reason] of [hints[0] as [string, string], ...(soak === undefined ? [] : [soak])]) {
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHAOS_')));
      const replay = spawnSync('/bin/sh', ['-c', `${command} --json`], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
      expect(replay.status, replay.stderr).toBe(1);
      const result = JSON.parse(replay.stdout.slice(replay.stdout.indexOf('\n{') + 1)) as { success: boolean; error: string };
      expect(result).toMatchObject({ success: false, error: reason });
    }
  });

  it('fails with exit code 1 when the LLM handling is broken: the four LLM scenarios fail, the rest hold, and a replay reproduces a failure', () => {
    const { status, stdout } = demo(['--runs', '3', '--seed', 'e2e', '--broken-llm-handling']);
    expect(status).toBe(1);
    for (const name of LLM_SCENARIO_NAMES) expect(stdout).toMatch(new RegExp(`${name}\\s+3\\s+0\\.0%`));
    for (const name of ['ProductCrashMidUpload', 'MarketingTimeout', 'DemoSoak']) expect(stdout).toMatch(new RegExp(`${name}\\s+3\\s+100\\.0%`));
    const hints = stdout
      .split('\n')
      .filter((line) => / pnpm chaos replay /.test(` ${line.trim()}`))
      .map((line) => line.trim().split('   # ') as [string, string]);
    expect(hints.length).toBeGreaterThanOrEqual(4);
    const [command, reason] = hints.find(([c]) => c.includes('--scenario ToolTimeout')) as [string, string];
    expect(command).toContain(`--module ${join(root, 'apps/demo/dist/brokenLlmWorker.js')}`);
    expect(reason).toContain('LLM faults handled by the agent: the supervisor had to step in 1 time(s): marketing (timeout)');
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHAOS_')));
    const replay = spawnSync('/bin/sh', ['-c', `${command} --json`], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
    expect(replay.status, replay.stderr).toBe(1);
    expect(JSON.parse(replay.stdout.slice(replay.stdout.indexOf('\n{') + 1))).toMatchObject({ success: false, error: reason });
  });

  it('refuses bad usage with exit code 2 and a one-line reason', () => {
    const both = demo(['--broken-reconstructor', '--broken-llm-handling']);
    expect(both.status).toBe(2);
    expect(both.stderr.trim()).toBe('chaos-demo: --broken-reconstructor and --broken-llm-handling each break one part: give one of them');
    const bad = demo(['--runs', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('chaos-demo: --runs must be a whole number >= 1, got "many"');
    const env = demo(['--runs', '1'], { CHAOS_CRASH_PROBABILITY: '1.5' });
    expect(env.status).toBe(2);
    expect(env.stderr.trim()).toBe('chaos-demo: CHAOS_CRASH_PROBABILITY="1.5" must be a number in [0, 1]');
  });
});

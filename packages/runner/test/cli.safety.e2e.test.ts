/**
 * The built `chaos` executable against bad input, stray exits and signals: it refuses
 * before it runs, never writes over a user's file, and says what was saved.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSummaryJSON } from '../src/index.js';
import { cliPath, envWithout, fixturesDir, requireBuild } from './helpers.js';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `node cli.js …` in `cwd`, with no `CHAOS_*` variables but `env`'s. */
function chaos(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cliPath, ...args], { cwd, env: envWithout(env), timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr, ms: performance.now() - started });
    });
  });
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'chaos-cli-safety-'));
}

const quick = ['run', '--scenarios', 'HandoffCorruption', '--runs', '3', '--seed', 'safety', '--concurrency', '1'];

describe('the chaos executable refuses bad input before it runs (built)', () => {
  beforeAll(requireBuild);

  it.each([
    ['notes with no trailing newline', 'notes.txt', 'my notes, no newline'],
    ['a minified JSON file', 'big.json', '{"a":1,"b":[1,2,3]}'],
  ])('--journal on %s: exit 2 naming it, and the file is byte-identical', async (_what, name, content) => {
    const dir = tempDir();
    writeFileSync(join(dir, name), content);
    const { code, stdout, stderr } = await chaos(dir, [...quick, '--journal', name]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(`chaos: Journal "${join(dir, name)}" is not a chaos journal (it has no header line); it was left untouched. Give a new file, or a journal this campaign wrote.`);
    expect(readFileSync(join(dir, name), 'utf8')).toBe(content);
  });

  it.each([
    ['--out onto a file', (dir: string) => (writeFileSync(join(dir, 'afile'), 'x'), ['--out', 'afile']), (dir: string) => `--out "${join(dir, 'afile')}" is a file, not a folder`],
    ['--out under /proc', () => ['--out', '/proc/chaos-results/run-1'], () => `--out "/proc/chaos-results/run-1" cannot be created (ENOENT: no such file or directory, mkdir '/proc/chaos-results')`],
    ['--out under a file', (dir: string) => (writeFileSync(join(dir, 'afile'), 'x'), ['--out', 'afile/results']), (dir: string) => `--out "${join(dir, 'afile', 'results')}" cannot be created: a part of its path is a file`],
    ['--journal onto a folder', (dir: string) => (mkdirSync(join(dir, 'jdir')), ['--journal', 'jdir']), (dir: string) => `--journal "${join(dir, 'jdir')}" is a folder, not a file`],
  ])('%s: exit 2 naming the path and the problem, at once', async (_what, setUp, message) => {
    const dir = tempDir();
    const { code, stdout, stderr, ms } = await chaos(dir, [...quick, ...setUp(dir)]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(`chaos: ${message(dir)}`);
    expect(ms).toBeLessThan(10_000); // a process start, never a hang (no run started: no progress line)
    expect(stderr).not.toContain('progress');
  });

  it.skipIf(process.getuid?.() === 0)('--out in a folder without write permission: exit 2 before any run', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o555);
    const { code, stderr } = await chaos(dir, [...quick, '--out', 'locked/results']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^chaos: --out ".*locked\/results" cannot be created \(EACCES/);
  });

  it.each([
    [{ CHAOS_CRASH_PROBABILITY: '1.5' }, 'CHAOS_CRASH_PROBABILITY="1.5" must be a number in [0, 1]'],
    [{ CHAOS_DELAY_MS: 'soon' }, 'CHAOS_DELAY_MS="soon" must be a finite number >= 0'],
    [{ CHAOS_ENABLED: 'maybe' }, 'CHAOS_ENABLED="maybe" must be a boolean (true/false/1/0/yes/no/on/off, case-insensitive)'],
    [{ CHAOS_ENABLED: 'false' }, 'CHAOS_ENABLED="false" switches fault injection off, but every run of a campaign injects faults: unset it (or set it to true)'],
  ])('%j: run and replay exit 2 naming the variable, the value and what is allowed', async (env, message) => {
    const dir = tempDir();
    const run = await chaos(dir, quick, env);
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: `chaos: ${message}\n` });
    const replay = await chaos(dir, ['replay', '--scenario', 'HandoffCorruption', '--seed', 's', '--run', '0'], env);
    expect(replay).toMatchObject({ code: 2, stdout: '', stderr: `chaos: ${message}\n` });
  });

  it('refuses a module that exports a scenario under a built-in name, naming both', async () => {
    const { code, stderr } = await chaos(tempDir(), ['run', '--module', join(fixturesDir, 'shadowsBuiltin.mjs'), '--scenarios', 'CascadeFailure', '--runs', '2']);
    expect(code).toBe(2);
    expect(stderr).toContain(`exports scenario "CascadeFailure" ("the user's own CascadeFailure"), but that name is taken by the built-in scenario "CascadeFailure" ("The product agent crashes at 50 %`);
    expect(stderr).toContain('registerScenario(scenario, { replace: true })');
  });
});

describe('CHAOS_* settings are honoured (built)', () => {
  beforeAll(requireBuild);

  it('CHAOS_RANDOM_SEED is the seed; fault settings reach every run, the summary, the journal, the exports and the report', async () => {
    const dir = tempDir();
    const env = { CHAOS_RANDOM_SEED: 'env-seed', CHAOS_CRASH_PROBABILITY: '0.3' };
    const { code, stdout } = await chaos(dir, ['run', '--scenarios', 'CascadeFailure', '--runs', '4', '--concurrency', '1', '--json', '--journal', 'j.jsonl', '--out', 'out', '--report'], env);
    expect(code).toBe(1);
    const summary = JSON.parse(stdout) as RunnerSummaryJSON & { environment: Record<string, string>; exports: Record<string, string> };
    expect(summary.seed).toBe('env-seed');
    expect(summary.config).toEqual({ crashProbability: 0.3 });
    expect(summary.environment).toEqual(env);
    // Random crashes on top of the plan: more faults than the plan's two per run.
    expect(summary.metrics.totalFaults).toBeGreaterThan(2 * 4);
    const header = JSON.parse(readFileSync(join(dir, 'j.jsonl'), 'utf8').split('\n')[0] as string) as { campaign: { seed: string; config: unknown } };
    expect(header.campaign).toMatchObject({ seed: 'env-seed', config: { crashProbability: 0.3 } });
    const full = JSON.parse(readFileSync(summary.exports['fullMetrics'] as string, 'utf8')) as { context: { config: Record<string, unknown> } };
    expect(full.context.config).toMatchObject({ faults: { crashProbability: 0.3 }, environment: env });
    expect(readFileSync(summary.exports['report'] as string, 'utf8')).toContain('CHAOS_CRASH_PROBABILITY');

    const text = await chaos(dir, ['run', '--scenarios', 'CascadeFailure', '--runs', '4', '--concurrency', '1'], env);
    expect(text.stdout).toContain('Seed env-seed ·');
    expect(text.stdout).toContain('Fault settings in every run: crashProbability 0.3');
    expect(text.stdout).toContain('Settings from the environment: CHAOS_CRASH_PROBABILITY=0.3, CHAOS_RANDOM_SEED=env-seed');
  });

  it('warns about a CHAOS_ variable that is no setting', async () => {
    const { code, stderr } = await chaos(tempDir(), quick, { CHAOS_CRASH_PROBABILTY: '0.5' });
    expect(code).toBe(0);
    expect(stderr).toContain('chaos: CHAOS_CRASH_PROBABILTY is not a chaos setting and has no effect (a typo?)');
  });
});

describe('a name means one scenario, in this thread and on worker threads (built)', () => {
  beforeAll(requireBuild);

  it('one user module at concurrency 1 and 2: identical exports', async () => {
    const dir = tempDir();
    const args = ['run', '--module', join(fixturesDir, 'replacesBuiltin.mjs'), '--scenarios', 'CascadeFailure,FixtureCrashFirst', '--runs', '120', '--seed', 'one-name'];
    const one = await chaos(dir, [...args, '--concurrency', '1', '--out', 'c1', '--json']);
    const two = await chaos(dir, [...args, '--concurrency', '2', '--out', 'c2', '--json']);
    expect(JSON.parse(one.stdout)).toMatchObject({ backend: 'in-process', allHeld: true });
    expect(JSON.parse(two.stdout)).toMatchObject({ backend: 'worker-threads', allHeld: true });
    const files = (folder: string): Map<string, string> =>
      new Map(readdirSync(join(dir, folder)).map((name) => [name.replace(/_\d{8}T\d{6}Z/, ''), readFileSync(join(dir, folder, name), 'utf8')]));
    const [a, b] = [files('c1'), files('c2')];
    expect([...a.keys()].sort()).toEqual(['chaos_events.csv', 'chaos_full_metrics.json', 'chaos_mttr.csv', 'chaos_summary.json']);
    for (const [name, text] of a) {
      // Only when it was written, and the concurrency asked for, may differ.
      const stable = (t: string): string => t.replace(/"generatedAt": "[^"]*"/, '').replace(/"concurrency": \d+/, '');
      expect(stable(b.get(name) as string), name).toBe(stable(text));
    }
    // The replaced CascadeFailure ran, not the built-in one: only the product agent crashes.
    const crashes = (a.get('chaos_events.csv') as string).split('\n').filter((l) => l.startsWith('fault,') && l.includes(',CascadeFailure,'));
    expect(crashes).toHaveLength(2 * 120);
    expect(crashes.every((l) => l.includes(',product,'))).toBe(true);
  });
});

describe('nothing dies silently (built)', () => {
  beforeAll(requireBuild);

  it('a workflow calling process.exit fails its run with the reason; the campaign and the journal go on', async () => {
    const dir = tempDir();
    const { code, stdout } = await chaos(dir, ['run', '--module', join(fixturesDir, 'exitsProcess.mjs'), '--scenarios', 'FixtureExitsProcess', '--runs', '6', '--seed', 'exit', '--concurrency', '1', '--journal', 'j.jsonl']);
    expect(code).toBe(1);
    expect(stdout).toContain('1 run(s) failed');
    expect(stdout).toContain('--run 3 --module');
    expect(stdout).toContain('# the workflow threw RunExitError: the run called process.exit(7); it fails, and the campaign goes on');
    expect(readFileSync(join(dir, 'j.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1 + 6);
  });
});

/** Starts a slow real-time campaign, sends `signal` once `after` runs are reported, and collects what it prints. */
function interrupt(cwd: string, args: readonly string[], signal: NodeJS.Signals, after: number): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: envWithout(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const done = [...stderr.matchAll(/progress: (\d+)\//g)].map((m) => Number(m[1]));
      if (!sent && done.some((n) => n >= after)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - started }));
  });
}

describe('signals: save, say what was saved, say how to resume (built)', () => {
  beforeAll(requireBuild);
  const slow = ['run', '--module', join(fixturesDir, 'slowScenarios.mjs'), '--scenarios', 'FixtureSlow', '--runs', '60', '--time', 'real', '--concurrency', '1'];

  it('SIGINT: exit 130, every finished run journaled, and the printed command resumes the campaign', async () => {
    const dir = tempDir();
    const stopped = await interrupt(dir, [...slow, '--journal', 'j.jsonl'], 'SIGINT', 12);
    expect(stopped.code).toBe(130);
    const match = /^chaos: interrupted by SIGINT: (\d+) of 60 runs are saved in (.*)\. Resume with:\n {2}(.*)\n$/m.exec(stopped.stderr);
    expect(match, stopped.stderr).not.toBeNull();
    const [, saved, journal, resume] = match as unknown as [string, string, string, string];
    expect(journal).toBe(join(dir, 'j.jsonl'));
    expect(Number(saved)).toBeGreaterThanOrEqual(12);
    expect(Number(saved)).toBeLessThan(60);
    const lines = readFileSync(journal, 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // no torn line
    expect(lines).toHaveLength(1 + Number(saved));
    expect(existsSync(`${journal}.lock`)).toBe(false);
    // The seed was fresh: the resume command names it, so the journal is this campaign's.
    expect(resume).toMatch(/^chaos run --module .* --journal j\.jsonl --seed \w+$/);

    const resumed = await chaos(dir, [...(resume.split(' ').slice(1) as string[]), '--json']);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ totalRuns: 60, resumedRuns: Number(saved), allHeld: true });
  });

  it('SIGTERM without a journal: exit 143, and it says the results are lost', async () => {
    const stopped = await interrupt(tempDir(), slow, 'SIGTERM', 6);
    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toMatch(/^chaos: interrupted by SIGTERM after \d+ of 60 runs: without --journal their results are lost\. Give --journal FILE to make a campaign resumable\.$/m);
    expect(stopped.stdout).toBe('');
  });

  it('SIGINT before any run finished: it says so, and the printed command resumes from the empty journal', async () => {
    const dir = tempDir();
    // A built-in run takes seconds under real time: the signal comes before the first ends.
    const args = ['run', '--scenarios', 'MarketingTimeout', '--runs', '2', '--time', 'real', '--concurrency', '1', '--seed', 'early', '--journal', 'j.jsonl'];
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: dir, env: envWithout(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 500 && !existsSync(join(dir, 'j.jsonl.lock')); i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain(`chaos: interrupted by SIGINT: before any run finished; ${join(dir, 'j.jsonl')} is ready to resume from. Resume with:\n  chaos ${args.join(' ')}\n`);
  });

  it('a second campaign on a journal in use is refused, naming the holder', async () => {
    const dir = tempDir();
    const long = [...slow.map((w) => (w === '60' ? '5000' : w)), '--seed', 'busy', '--journal', 'j.jsonl'];
    const first = spawn(process.execPath, [cliPath, ...long], { cwd: dir, env: envWithout(), stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => first.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 500 && !existsSync(join(dir, 'j.jsonl.lock')); i++) await new Promise((r) => setTimeout(r, 10));
      const second = await chaos(dir, long);
      expect(second.code).toBe(2);
      expect(second.stderr.trim()).toBe(
        `chaos: Journal "${join(dir, 'j.jsonl')}" is in use by another campaign (process ${first.pid} on ${hostname()}). Wait for it to finish, or use another journal file.`,
      );
    } finally {
      first.kill('SIGINT');
    }
    expect(await exited).toBe(130);
  });
});

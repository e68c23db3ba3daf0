import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSummaryJSON } from '../src/index.js';
import { cliPath, envWithout, fixturesDir, packageDir, requireBuild } from './helpers.js';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node packages/runner/dist/cli.js …`, as a user types it (stdout and stderr are pipes). */
function chaos(...args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cliPath, ...args], { cwd: packageDir, env: envWithout(), timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

describe('the chaos executable (built)', () => {
  beforeAll(requireBuild);

  it('chaos list', async () => {
    const { code, stdout } = await chaos('list');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ProductCrashMidUpload\s+The product agent crashes/m);
    expect(stdout.trim().split('\n')).toHaveLength(5);
  });

  it('chaos run --json: the summary on stdout, plain progress on stderr, exit 0', async () => {
    const { code, stdout, stderr } = await chaos('run', '--runs', '2', '--seed', 'e2e', '--concurrency', '1', '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as RunnerSummaryJSON;
    expect(summary).toMatchObject({ seed: 'e2e', totalRuns: 10, allHeld: true });
    expect(stderr).toMatch(/^progress: 10\/10 runs \(100%\)/m);
    expect(stderr).not.toContain('\x1b');
  });

  it('chaos run on worker threads prints the table and exits 0', async () => {
    const { code, stdout } = await chaos('run', '--scenarios', 'MarketingTimeout,CascadeFailure', '--runs', '100', '--seed', 'e2e-workers', '--concurrency', '2');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^MarketingTimeout\s+100\s+100\.0% \[96\.3, 100\.0\]/m);
    expect(stdout).toContain('200 runs (virtual time, worker-threads)');
  });

  it('exits 1 when a steady state fails', async () => {
    const { code, stdout } = await chaos('run', '--module', join(fixturesDir, 'failingScenarios.mjs'), '--scenarios', 'FixtureFailsCheck', '--runs', '1', '--seed', 'x');
    expect(code).toBe(1);
    expect(stdout).toContain('1 run(s) failed');
  });

  it('exits 2 on bad usage with one line on stderr', async () => {
    const unknown = await chaos('run', '--scenarios', 'Nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('Known scenarios: ProductCrashMidUpload');
    const badNumber = await chaos('run', '--runs', 'ten');
    expect(badNumber).toMatchObject({ code: 2, stdout: '' });
    expect(badNumber.stderr.trim()).toBe("chaos: option '--runs <n>' argument 'ten' is invalid. Expected a positive integer.");
  });

  it('ends quietly when its reader stops early (chaos list | head -1)', async () => {
    const { stdout, stderr, code } = await new Promise<Outcome>((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, 'run', '--runs', '200', '--seed', 'pipe', '--concurrency', '1', '--json'], { cwd: packageDir, env: envWithout() });
      let out = '';
      let err = '';
      child.stdout.once('data', (chunk: Buffer) => {
        out += chunk.toString();
        child.stdout.destroy();
      });
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (exitCode) => resolve({ code: exitCode ?? -1, stdout: out, stderr: err }));
    });
    expect(stdout.length).toBeGreaterThan(0);
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });

  it('chaos run --help and chaos replay', async () => {
    const help = await chaos('run', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: chaos run [options]');
    const replay = await chaos('replay', '--scenario', 'CascadeFailure', '--seed', 'e2e', '--run', '1');
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/fault\s+product\s+crash \(plan rule product-crash-at-50%\)/);
    expect(replay.stdout).toMatch(/fault\s+marketing\s+crash \(plan rule marketing-crash-during-recovery\)/);
    expect(replay.stdout).toContain('Result: PASS');
  });
});

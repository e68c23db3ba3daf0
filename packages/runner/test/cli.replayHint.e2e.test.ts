/**
 * A replay hint printed by `chaos run` is a command that, pasted in a shell, gives the
 * very result the run had: module, workflow, run timeout and `CHAOS_*` settings included.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSummaryJSON } from '../src/index.js';
import type { ScenarioResult } from '@chaos/scenarios';
import { cliPath, envWithout, fixturesDir, requireBuild } from './helpers.js';

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { cwd, env, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

describe('replay hints reproduce the failure (built)', () => {
  beforeAll(requireBuild);

  it('every printed hint, run as printed, gives the same result as the run had in the campaign', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-hints-'));
    // `chaos` on the PATH, as for a user who installed @chaos/runner.
    const bin = join(dir, 'bin');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(bin);
    writeFileSync(join(bin, 'chaos'), `#!/bin/sh\nexec "${process.execPath}" "${cliPath}" "$@"\n`);
    chmodSync(join(bin, 'chaos'), 0o755);
    const env = envWithout({ PATH: `${bin}:${process.env['PATH'] ?? ''}` });
    const campaign = `chaos run --module ${join(fixturesDir, 'hintScenarios.mjs')} --scenarios CascadeFailure,FixtureHangsOnRun1 --runs 3 --seed hint --run-timeout 0.5 --concurrency 1`;

    const text = await sh(`CHAOS_CRASH_PROBABILITY=0.3 ${campaign}`, dir, env);
    expect(text.code).toBe(1);
    const hints = text.stdout
      .split('\n')
      .filter((line) => line.startsWith('  CHAOS_') || line.startsWith('  chaos replay'))
      .map((line) => line.trim().split('   # '));
    expect(hints.length).toBeGreaterThanOrEqual(2);
    for (const [command] of hints) {
      expect(command).toMatch(/^CHAOS_CRASH_PROBABILITY=0\.3 chaos replay --scenario \w+ --seed hint --run \d --run-timeout 0\.5 --module \S+hintScenarios\.mjs$/);
    }
    const json = await sh(`CHAOS_CRASH_PROBABILITY=0.3 ${campaign} --json`, dir, env);
    const results = new Map((JSON.parse(json.stdout) as RunnerSummaryJSON).results.map((r) => [r.runId, r]));

    for (const [command, reason] of hints) {
      const replay = await sh(`${command as string} --json`, dir, env);
      expect(replay.code, command).toBe(1);
      const result = JSON.parse(replay.stdout) as ScenarioResult;
      expect(result.error).toBe(reason);
      expect(result).toEqual(results.get(result.runId));
    }
    // The watchdog's failure is among them: only --run-timeout reproduces it.
    expect(hints.some(([, reason]) => reason === 'the run did not finish within runTimeoutSeconds = 0.5 s of real time and was abandoned')).toBe(true);
  });
});

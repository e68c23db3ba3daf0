// Redis restarted under a running campaign. A Redis server of this test's own (a free
// port, nothing on disk), since the shared one must never be restarted.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSummaryJSON } from '../src/index.js';
import { checkRedis } from '../src/bullmq.js';
import { fixturesDir, requireBuild } from './helpers.js';
import { chaos, freePort, killAll, type Running, spawnChaos, startWorker } from './redisHelpers.js';

const module = join(fixturesDir, 'queueScenarios.mjs');
const running = new Set<Running>();
let port = 0;
let url = '';
let server: ChildProcess | undefined;

/** Starts the test's own Redis (no persistence: a restart loses every key) and waits until it answers. */
async function startRedis(): Promise<void> {
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await checkRedis(url, { timeoutSeconds: 1 });
      return;
    } catch (error: unknown) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function stopRedis(): Promise<void> {
  const stopping = server;
  server = undefined;
  if (stopping === undefined || stopping.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    stopping.once('exit', () => resolve());
    stopping.kill('SIGKILL');
  });
}

function journalRuns(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .slice(1);
}

function stable(summary: RunnerSummaryJSON): Record<string, unknown> {
  const { wallSeconds: _w, resumedRuns: _r, journal: _j, backend: _b, backendNote: _n, concurrency: _c, ...rest } = summary;
  return rest;
}

const env = { FIXTURE_RUN_MS: '150' };
const campaign = ['--module', module, '--scenarios', 'FixtureSlow', '--runs', '40', '--json'];

async function workers(): Promise<void> {
  for (let i = 0; i < 2; i++) running.add(await startWorker(['--redis', url, '--module', module, '--concurrency', '4'], env));
}

beforeAll(async () => {
  requireBuild();
  port = await freePort();
  url = `redis://127.0.0.1:${port}`;
});

afterEach(async () => {
  await killAll(running);
  running.clear();
  await stopRedis();
});

afterAll(stopRedis);

describe('Redis restarted mid-campaign (a private Redis server, nothing on disk)', () => {
  it('the coordinator and the workers reconnect; runs whose jobs Redis lost are enqueued again; nothing is lost', async () => {
    await startRedis();
    await workers();
    const journal = join(mkdtempSync(join(tmpdir(), 'chaos-restart-')), 'campaign.jsonl');
    const coordinator = spawnChaos(['run', ...campaign, '--seed', 'restart', '--journal', journal, '--backend', 'bullmq', '--redis', url], env);
    running.add(coordinator);
    await coordinator.waitFor(/progress: (?:[4-9]|1\d)\/40/);
    await stopRedis();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await startRedis();
    const finished = await coordinator.exited;
    expect(finished.code).toBe(0);
    expect(finished.stderr).toMatch(/chaos: lost Redis at redis:\/\/127\.0\.0\.1:\d+ \(.*\); reconnecting/);
    expect(finished.stderr).toMatch(/chaos: Redis at redis:\/\/127\.0\.0\.1:\d+ answers again after/);
    expect(finished.stderr).toMatch(/Redis no longer had the jobs of \d+ run\(s\) .*: enqueued again/);
    const local = await chaos(['run', ...campaign, '--seed', 'restart']);
    expect(stable(JSON.parse(finished.stdout) as RunnerSummaryJSON)).toEqual(stable(JSON.parse(local.stdout) as RunnerSummaryJSON));
    expect(journalRuns(journal)).toHaveLength(40);
    await Promise.all([...running].filter((process) => process !== coordinator).map((worker) => worker.waitFor(/chaos worker: Redis answers again/, 10_000)));
  });

  it('Redis gone for longer than --redis-timeout: a clear stop, and the same command resumes later', async () => {
    await startRedis();
    await workers();
    const journal = join(mkdtempSync(join(tmpdir(), 'chaos-gone-')), 'campaign.jsonl');
    const args = ['run', ...campaign, '--seed', 'gone', '--journal', journal, '--backend', 'bullmq', '--redis', url, '--redis-timeout', '1'];
    const coordinator = spawnChaos(args, env);
    running.add(coordinator);
    await coordinator.waitFor(/progress: (?:[4-9]|1\d)\/40/);
    await stopRedis();
    const stopped = await coordinator.exited;
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(
      /chaos: Lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+ for 1 s \(.*\), so the campaign stopped\. Runs already finished are kept in its journal, if it has one: run it again with the same journal to resume/,
    );
    const kept = journalRuns(journal).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(40);

    // A worker stopped while Redis is gone still leaves, and says why it could not hand over.
    const [leaving] = [...running].filter((process) => process !== coordinator);
    leaving?.child.kill('SIGTERM');
    const left = await leaving?.exited;
    expect(left?.code).toBe(0);
    expect(left?.stderr).toMatch(/Redis did not answer within 5 s while stopping/);
    if (leaving !== undefined) running.delete(leaving);

    await startRedis();
    const resumed = await chaos(args, env);
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout) as RunnerSummaryJSON;
    expect(summary.resumedRuns).toBe(kept);
    const local = await chaos(['run', ...campaign, '--seed', 'gone']);
    expect(stable(summary)).toEqual(stable(JSON.parse(local.stdout) as RunnerSummaryJSON));
    expect(journalRuns(journal)).toHaveLength(40);
  }, 60_000); // five processes and two Redis restarts in a row: more than the default limit on a loaded machine
});

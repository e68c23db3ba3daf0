// `chaos run --backend bullmq` and `chaos worker` as users run them (built CLI, child
// processes, the real Redis): the same exports as a local campaign, a worker SIGKILLed
// mid-campaign, the coordinator SIGKILLed and started again, Redis down at start.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSummaryJSON } from '../src/index.js';
import { fixturesDir, requireBuild } from './helpers.js';
import { chaos, deleteKeys, freePort, killAll, REDIS_URL, requireRedis, type Running, spawnChaos, startWorker, testPrefix, waitUntil } from './redisHelpers.js';

const prefix = testPrefix('cli');
const module = join(fixturesDir, 'queueScenarios.mjs');
const running = new Set<Running>();
const redisArgs = (queue: string): string[] => ['--redis', REDIS_URL, '--redis-prefix', prefix, '--queue', queue];

async function worker(queue: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const started = await startWorker([...redisArgs(queue), ...extra], env);
  running.add(started);
  return started;
}

function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `chaos-${name}-`));
}

/**
 * Every file of an export folder, by name with its timestamp taken out, with the
 * wall-clock labels (ISO timestamps) and backend fields masked: all that may differ
 * between two executions of one campaign. Everything else must match byte for byte.
 */
function exportFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    files[name.replace(/_\d{8}T\d{6}Z/, '_<ts>')] = readFileSync(join(dir, name), 'utf8')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, '<timestamp>')
      .replace(/"(backend|backendNote|wallSeconds)": *("[^"]*"|[\d.]+|null)/g, '"$1": <masked>');
  }
  return files;
}

/** A JSON summary without what differs between executions of one campaign. */
function stable(summary: RunnerSummaryJSON): Record<string, unknown> {
  const { wallSeconds: _w, resumedRuns: _r, journal: _j, backend: _b, backendNote: _n, concurrency: _c, ...rest } = summary;
  return rest;
}

/** The journal's run records (line 1 is its header). */
function journalRuns(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .slice(1)
    .map((line) => {
      const record = JSON.parse(line) as { scenario: string; run: number };
      return `${record.scenario}#${record.run}`;
    });
}

/** `start|end <runId> <pid>` lines the fixture scenario wrote. */
function executions(log: string): { what: string; runId: string; pid: number }[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [what = '', runId = '', pid = '0'] = line.split(' ');
      return { what, runId, pid: Number(pid) };
    });
}


beforeAll(async () => {
  requireBuild();
  await requireRedis();
});

afterEach(async () => {
  await killAll(running);
  running.clear();
});

afterAll(async () => {
  await deleteKeys(prefix);
});

describe('chaos run --backend bullmq with chaos worker processes', () => {
  it('writes the same exports, byte for byte, as a local campaign; a junk job on the queue changes nothing', async () => {
    const workers = await Promise.all([worker('same'), worker('same')]);
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const raw = new Queue('same', { connection, prefix });
    await raw.add('junk', { not: 'a run' }, { jobId: 'junk' });
    await raw.close();
    connection.disconnect();

    const campaign = ['--scenarios', 'ProductCrashMidUpload,MarketingTimeout,HandoffCorruption,CascadeFailure', '--runs', '25', '--seed', 'same-everywhere'];
    const localDir = tempDir('local');
    const queuedDir = tempDir('queued');
    const local = await chaos(['run', ...campaign, '--out', localDir]);
    const queued = await chaos(['run', ...campaign, '--out', queuedDir, '--backend', 'bullmq', ...redisArgs('same')]);
    expect(local.code).toBe(0);
    expect(queued.code).toBe(0);
    expect(queued.stdout).toContain('100 runs (virtual time, bullmq)');
    const table = (stdout: string): string => stdout.split('\nSeed ')[0] ?? '';
    expect(table(queued.stdout)).toBe(table(local.stdout));
    const localFiles = exportFiles(localDir);
    expect(Object.keys(localFiles)).toHaveLength(4);
    expect(exportFiles(queuedDir)).toEqual(localFiles);
    await waitUntil(() => workers.some((w) => /job junk failed: malformed run job/.test(w.output())), 'a worker to refuse the junk job');

    // SIGTERM: a worker finishes what it holds and exits 0, saying what it did.
    workers[0]?.child.kill('SIGTERM');
    const stopped = await workers[0]?.exited;
    expect(stopped?.code).toBe(0);
    expect(stopped?.stderr).toMatch(/chaos worker: SIGTERM: no new run starts/);
    expect(stopped?.stderr).toMatch(/chaos worker: stopped: \d+ run\(s\) done/);
  });

  it('loses and doubles nothing when a worker is SIGKILLed with runs in flight', async () => {
    const log = join(tempDir('kill-worker'), 'executions.log');
    const env = { FIXTURE_RUN_MS: '250', FIXTURE_EXEC_LOG: log };
    const workerArgs = ['--module', module, '--concurrency', '4', '--lock-duration', '1.5'];
    const [doomed, survivor] = await Promise.all([worker('kill', workerArgs, env), worker('kill', workerArgs, env)]);
    const journal = join(tempDir('kill-worker-journal'), 'campaign.jsonl');
    const campaign = ['--module', module, '--scenarios', 'FixtureSlow', '--runs', '40', '--seed', 'kill-a-worker', '--json'];
    const coordinator = spawnChaos(['run', ...campaign, '--journal', journal, '--backend', 'bullmq', ...redisArgs('kill')], env);
    running.add(coordinator);
    const doomedPid = doomed?.child.pid;
    // Kill it while it holds runs it has started and not finished.
    await waitUntil(() => {
      const mine = executions(log).filter((e) => e.pid === doomedPid);
      return mine.filter((e) => e.what === 'start').length - mine.filter((e) => e.what === 'end').length >= 2;
    }, 'the doomed worker to hold runs');
    doomed?.child.kill('SIGKILL');
    const finished = await coordinator.exited;
    expect(finished.code).toBe(0);
    expect(finished.stderr).toMatch(/run FixtureSlow#\d+ lost its worker \(stalled\): it runs again on another/);

    const summary = JSON.parse(finished.stdout) as RunnerSummaryJSON;
    const local = await chaos(['run', ...campaign]);
    expect(stable(summary)).toEqual(stable(JSON.parse(local.stdout) as RunnerSummaryJSON));
    const runs = journalRuns(journal);
    expect(runs).toHaveLength(40);
    expect(new Set(runs).size).toBe(40);
    // The runs the killed worker held were started again, by the survivor.
    const all = executions(log);
    const orphaned = all.filter((e) => e.pid === doomedPid && e.what === 'start' && !all.some((x) => x.what === 'end' && x.runId === e.runId && x.pid === doomedPid));
    expect(orphaned.length).toBeGreaterThanOrEqual(2);
    for (const run of orphaned) expect(all).toContainEqual({ what: 'end', runId: run.runId, pid: survivor?.child.pid });
  });

  it('resumes a SIGKILLed coordinator from its journal, collecting the results finished meanwhile', async () => {
    const log = join(tempDir('kill-coordinator'), 'executions.log');
    const env = { FIXTURE_RUN_MS: '200', FIXTURE_EXEC_LOG: log };
    await Promise.all([worker('resume', ['--module', module, '--concurrency', '4'], env), worker('resume', ['--module', module, '--concurrency', '4'], env)]);
    const journal = join(tempDir('kill-coordinator-journal'), 'campaign.jsonl');
    const campaign = ['--module', module, '--scenarios', 'FixtureSlow', '--runs', '40', '--seed', 'kill-the-coordinator', '--json'];
    const args = ['run', ...campaign, '--journal', journal, '--backend', 'bullmq', ...redisArgs('resume')];
    const first = spawnChaos(args, env);
    running.add(first);
    await first.waitFor(/progress: (?:[4-9]|1\d)\/40/);
    first.child.kill('SIGKILL');
    await first.exited;
    const journaled = journalRuns(journal).length;
    expect(journaled).toBeLessThan(40);
    // The workers go on with the jobs already queued.
    await waitUntil(() => executions(log).filter((e) => e.what === 'end').length === 40, 'the workers to finish every queued run');

    const again = await chaos(args, env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/\d+ run\(s\) had finished while this campaign was away .*: results collected, not run again/);
    const summary = JSON.parse(again.stdout) as RunnerSummaryJSON;
    expect(summary.resumedRuns).toBe(journaled);
    const local = await chaos(['run', ...campaign]);
    expect(stable(summary)).toEqual(stable(JSON.parse(local.stdout) as RunnerSummaryJSON));
    expect(new Set(journalRuns(journal)).size).toBe(40);
    expect(journalRuns(journal)).toHaveLength(40);
    // Nothing ran twice: the second coordinator collected, it did not run again.
    expect(executions(log).filter((e) => e.what === 'start')).toHaveLength(40);
  });
});

describe('Redis unreachable at start', () => {
  it('is exit 2 naming the URL without its password, before any run or file', async () => {
    const port = await freePort();
    const url = `redis://:hunter2@127.0.0.1:${port}`;
    const dir = tempDir('down');
    const run = await chaos(['run', '--runs', '2', '--seed', 'down', '--backend', 'bullmq', '--redis', url, '--journal', join(dir, 'j.jsonl'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^chaos: Cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}: .*ECONNREFUSED.*\\n$`));
    expect(run.stderr).not.toContain('hunter2');
    expect(readdirSync(dir)).toEqual([]);
    const fromEnv = await chaos(['worker'], { CHAOS_REDIS_URL: url });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toMatch(/^chaos: Cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+/);
    expect(fromEnv.stderr).not.toContain('hunter2');
  });

  it('a worker whose --module does not load is exit 2 with the reason', async () => {
    const broken = join(tempDir('broken-module'), 'broken.mjs');
    writeFileSync(broken, 'throw new Error("this module is broken");\n');
    const outcome = await chaos(['worker', ...redisArgs('never'), '--module', broken]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/^chaos: Could not import `workerModule` .*broken\.mjs: Error: this module is broken/);
  });
});

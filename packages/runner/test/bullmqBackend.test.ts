// The BullMQ backend against the real Redis, workers in this process: results,
// isolation, refusals and duplicates. The CLI's own faults (processes killed, Redis
// restarted) are in bullmqCli.test.ts and bullmqRestart.test.ts.
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineScenario, taskCompleted } from '@chaos/scenarios';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkRedis,
  createBullmqBackend,
  isRedisConnectionError,
  startBullmqWorker,
  type BullmqBackend,
  type BullmqNotice,
  type BullmqWorker,
  type BullmqWorkerEvent,
} from '../src/bullmq.js';
import { ChaosRunner, deriveRunSeed, type RunTask } from '../src/index.js';
import { runnerVersion } from '../src/_internals/moduleLocation.js';
import { encodeRunJob, runJobId } from '../src/_internals/runJob.js';
import { comparable, fixturesDir, requireBuild } from './helpers.js';
import { deleteKeys, freePort, REDIS_URL, requireRedis, testPrefix, waitUntil } from './redisHelpers.js';

const prefix = testPrefix('backend');
const queueModule = pathToFileURL(join(fixturesDir, 'queueScenarios.mjs'));
const workers: BullmqWorker[] = [];
const backends: BullmqBackend[] = [];
const workerEvents: BullmqWorkerEvent[] = [];

function backend(queue: string, onNotice?: (notice: BullmqNotice) => void): BullmqBackend {
  const made = createBullmqBackend({ redis: REDIS_URL, prefix, queue, ...(onNotice === undefined ? {} : { onNotice }) });
  backends.push(made);
  return made;
}

async function worker(queue: string, extra: { workerModule?: URL; concurrency?: number } = {}): Promise<BullmqWorker> {
  const started = await startBullmqWorker({ redis: REDIS_URL, prefix, queue, concurrency: extra.concurrency ?? 4, onEvent: (event) => workerEvents.push(event), ...extra });
  workers.push(started);
  return started;
}

/** A task of a made-up campaign, as ChaosRunner would hand it. */
function taskOf(campaign: string, scenario: string, runIndex: number): RunTask {
  return {
    campaign,
    scenario,
    scenarioIndex: 0,
    runIndex,
    seed: deriveRunSeed(campaign, scenario, runIndex),
    runId: `${scenario}#${runIndex}`,
    time: 'virtual',
    config: undefined,
    runTimeoutSeconds: 30,
    accuracyThreshold: 0.9,
  };
}


beforeAll(async () => {
  requireBuild();
  await requireRedis();
});

afterAll(async () => {
  await Promise.all(backends.map((b) => b.close()));
  await Promise.all(workers.map((w) => w.stop({ graceSeconds: 0 })));
  await deleteKeys(prefix);
});

describe('the BullMQ backend (real Redis, workers in this process)', () => {
  it('gives the results of a local campaign, on two workers', async () => {
    await Promise.all([worker('same'), worker('same')]);
    const config = { scenarios: ['ProductCrashMidUpload', 'MarketingTimeout', 'CascadeFailure'], runsPerScenario: 12, seed: 'bullmq-same' };
    const local = await new ChaosRunner({ ...config, concurrency: 1 }).runAll();
    const queued = await new ChaosRunner({ ...config, backend: backend('same') }).runAll();
    expect(queued.backend).toBe('bullmq');
    expect(queued.results).toEqual(local.results);
    expect(comparable(queued)).toEqual(comparable(local));
    // A worker counts a run once BullMQ has it completed, which the coordinator may hear of first.
    const executed = (): number => workers.reduce((n, w) => n + w.stats.completed, 0);
    await waitUntil(() => executed() >= 36, 'the workers to count their runs');
    expect(executed()).toBe(36);
  });

  it('keeps two campaigns on one queue apart, run side by side', async () => {
    await Promise.all([worker('shared'), worker('shared')]);
    const a = { scenarios: ['MarketingTimeout', 'HandoffCorruption'], runsPerScenario: 15, seed: 'side-a' };
    const b = { scenarios: ['MarketingTimeout', 'HandoffCorruption'], runsPerScenario: 15, seed: 'side-b' };
    const [queuedA, queuedB] = await Promise.all([
      new ChaosRunner({ ...a, backend: backend('shared') }).runAll(),
      new ChaosRunner({ ...b, backend: backend('shared') }).runAll(),
    ]);
    const [localA, localB] = await Promise.all([new ChaosRunner({ ...a, concurrency: 1 }).runAll(), new ChaosRunner({ ...b, concurrency: 1 }).runAll()]);
    expect(comparable(queuedA)).toEqual(comparable(localA));
    expect(comparable(queuedB)).toEqual(comparable(localB));
    expect(queuedA.results).not.toEqual(queuedB.results);
  });

  it('fails a malformed job with the reason, and the worker keeps serving', async () => {
    const serving = await worker('malformed');
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const raw = new Queue('malformed', { connection, prefix });
    try {
      await raw.add('junk', { hello: 'world' }, { jobId: 'junk-1' });
      await raw.add('junk', { format: 'chaos-run', formatVersion: 1, runner: 'x', task: 'nope' }, { jobId: 'junk-2' });
      await waitUntil(async () => (await raw.getJobState('junk-1')) === 'failed' && (await raw.getJobState('junk-2')) === 'failed', 'the malformed jobs to fail');
      expect((await raw.getJob('junk-1'))?.failedReason).toBe('malformed run job: `format` must be "chaos-run", got `undefined`');
      expect((await raw.getJob('junk-2'))?.failedReason).toMatch(/started with @chaos\/runner "x"/);
      expect(workerEvents).toContainEqual({ kind: 'job-failed', jobId: 'junk-1', reason: 'malformed run job: `format` must be "chaos-run", got `undefined`' });
      expect(serving.stats.failedJobs).toBe(2);
      const after = await new ChaosRunner({ scenarios: ['HandoffCorruption'], runsPerScenario: 4, seed: 'after-junk', backend: backend('malformed') }).runAll();
      expect(after.allHeld).toBe(true);
    } finally {
      await raw.close();
      connection.disconnect();
    }
  });

  it('fails a run whose scenario the worker does not know, with the reason, and goes on', async () => {
    await worker('unknown');
    const onlyHere = defineScenario({ name: 'OnlyInTheCoordinator', description: 'not registered anywhere', plan: [], checks: [taskCompleted] });
    const summary = await new ChaosRunner({ scenarios: [onlyHere, 'MarketingTimeout'], runsPerScenario: 3, seed: 'unknown', backend: backend('unknown') }).runAll();
    expect(summary.scenarios.map((s) => [s.scenario, s.failures])).toEqual([
      ['OnlyInTheCoordinator', 3],
      ['MarketingTimeout', 0],
    ]);
    expect(summary.results[0]?.error).toMatch(/^its job failed on a worker: worker .* cannot run scenario "OnlyInTheCoordinator" \(start it with --module/);
    expect(summary.results[0]?.error).toContain('Known scenarios:');
  });

  it('collects, without running them again, results that finished while no coordinator was there', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'chaos-collect-')), 'executions.log');
    process.env['FIXTURE_EXEC_LOG'] = log;
    appendFileSync(log, '');
    try {
      const campaign = 'c011ec7ed0000000000000000000000000000000000000000000000000000000';
      const tasks = Array.from({ length: 10 }, (_, i) => taskOf(campaign, 'FixtureSlow', i));
      // A first coordinator enqueues and goes away before any worker runs.
      const first = backend('collect');
      const abandoned = tasks.map((task) => first.run(task).catch((error: unknown) => error));
      await waitUntil(async () => first.stats.enqueued === 10, 'the jobs to be enqueued');
      await first.close();
      for (const outcome of await Promise.all(abandoned)) expect(outcome).toMatchObject({ message: expect.stringMatching(/closed; its unfinished jobs stay queued/) });
      await worker('collect', { workerModule: queueModule });
      await waitUntil(() => readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('end ')).length === 10, 'the workers to finish');
      const notices: BullmqNotice[] = [];
      const second = backend('collect', (notice) => notices.push(notice));
      const results = await Promise.all(tasks.map((task) => second.run(task)));
      expect(results.map((r) => r.runId)).toEqual(tasks.map((t) => t.runId));
      expect(results.every((r) => r.success)).toBe(true);
      expect(second.stats).toMatchObject({ collected: 10, enqueued: 0 });
      expect(notices.filter((n) => n.kind === 'collected').flatMap((n) => (n.kind === 'collected' ? n.runIds : []))).toHaveLength(10);
      const starts = readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('start '));
      expect(starts).toHaveLength(10);
    } finally {
      delete process.env['FIXTURE_EXEC_LOG'];
    }
  });

  it('gives a result that comes back twice once, and reports one that differs', async () => {
    await worker('dupes', { workerModule: queueModule, concurrency: 1 });
    const notices: BullmqNotice[] = [];
    const coordinator = backend('dupes', (notice) => notices.push(notice));
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const raw = new Queue('dupes', { connection, prefix });
    try {
      const campaign = 'd0b1e50000000000000000000000000000000000000000000000000000000000';
      for (const [scenario, identical] of [['FixtureSlow', true], ['FixtureDrifting', false]] as const) {
        const task = taskOf(campaign, scenario, 0);
        const firstTime = await coordinator.run(task);
        // Once collected, the job is removed; enqueued again by hand, it runs again.
        await waitUntil(async () => (await raw.getJob(runJobId(task))) === undefined, 'the collected job to be removed');
        const data = encodeRunJob(task, runnerVersion(), { useModuleWorkflowFactory: false, hasInitialState: false, initialState: undefined });
        await raw.add(scenario, data, { jobId: runJobId(task) });
        await waitUntil(() => notices.some((n) => n.kind === 'duplicate' && n.runId === task.runId), `the duplicate of ${task.runId}`);
        expect(notices).toContainEqual({ kind: 'duplicate', runId: task.runId, identical });
        expect(firstTime.runId).toBe(task.runId);
      }
      expect(coordinator.stats).toMatchObject({ duplicates: 2, differingDuplicates: 1 });
    } finally {
      await raw.close();
      connection.disconnect();
    }
  });

  it('says when no worker serves the queue, and its runs wait for one', async () => {
    const notices: BullmqNotice[] = [];
    const lonely = backend('lonely', (notice) => notices.push(notice));
    const result = lonely.run(taskOf('10e1y00000000000000000000000000000000000000000000000000000000000', 'HandoffCorruption', 0));
    await waitUntil(() => notices.length > 0, 'a notice');
    expect(notices).toEqual([{ kind: 'no-workers', queue: 'lonely' }]);
    await worker('lonely');
    expect((await result).success).toBe(true);
  });

  it('hands runs in flight back to the queue when stopped, for another worker to run', async () => {
    process.env['FIXTURE_RUN_MS'] = '300';
    try {
      const leaving = await startBullmqWorker({ redis: REDIS_URL, prefix, queue: 'handback', concurrency: 4, workerModule: queueModule });
      const summaryPromise = new ChaosRunner({ scenarios: ['FixtureSlow'], runsPerScenario: 8, seed: 'handback', workerModule: queueModule, backend: backend('handback') }).runAll();
      await waitUntil(() => leaving.stats.inFlight === 4, 'the first worker to hold four runs');
      await leaving.stop({ graceSeconds: 0 });
      expect(leaving.stats).toMatchObject({ handedBack: 4, inFlight: 0 });
      await worker('handback', { workerModule: queueModule });
      const summary = await summaryPromise;
      const local = await new ChaosRunner({ scenarios: ['FixtureSlow'], runsPerScenario: 8, seed: 'handback', workerModule: queueModule, concurrency: 8, backend: 'in-process' }).runAll();
      expect(summary.results).toEqual(local.results);
    } finally {
      delete process.env['FIXTURE_RUN_MS'];
    }
  });
});

describe('Redis unreachable at start', () => {
  it('is an error naming the URL with its password masked, before anything runs', async () => {
    const url = `redis://:hunter2@127.0.0.1:${await freePort()}`;
    const check = checkRedis(url, { timeoutSeconds: 2 });
    await expect(check).rejects.toSatisfy(isRedisConnectionError);
    await expect(check).rejects.toThrow(/^Cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    const runner = new ChaosRunner({ scenarios: ['MarketingTimeout'], runsPerScenario: 2, seed: 'down', backend: createBullmqBackend({ redis: url, connectTimeoutSeconds: 1 }) });
    const failed = await runner.runAll().catch((error: unknown) => error);
    expect(isRedisConnectionError(failed)).toBe(true);
    expect(String((failed as Error).message)).not.toContain('hunter2');
    await expect(startBullmqWorker({ redis: url, connectTimeoutSeconds: 1 })).rejects.toThrow(/Cannot reach Redis at redis:\/\/:\*\*\*@/);
  });
});

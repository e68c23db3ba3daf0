import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { listScenarios, type ScenarioResult } from '@chaos/scenarios';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChaosRunner, createWorkerPoolBackend, deriveRunSeed, type RunTask } from '../src/index.js';
import { comparable, fixturesDir, requireBuild } from './helpers.js';

const run = promisify(execFile);

/** sha256 of every run's events, in campaign order. */
function eventsHash(results: readonly ScenarioResult[]): string {
  const hash = createHash('sha256');
  for (const result of results) hash.update(`${result.runId}\n${JSON.stringify(result.events)}\n`);
  return hash.digest('hex');
}

const userModule = pathToFileURL(join(fixturesDir, 'userScenarios.mjs'));

/** A virtual-time task, as ChaosRunner would hand it to a backend. */
function taskOf(scenario: string, runIndex: number, campaignSeed = 's'): RunTask {
  return {
    campaign: 'test',
    scenario,
    scenarioIndex: 0,
    runIndex,
    seed: deriveRunSeed(campaignSeed, scenario, runIndex),
    runId: `${scenario}#${runIndex}`,
    time: 'virtual',
    config: undefined,
    runTimeoutSeconds: 30,
    accuracyThreshold: 0.9,
  };
}

describe('worker threads (built packages)', () => {
  beforeAll(requireBuild);

  it('give byte-identical events, and the same summary, at concurrency 1 and 2', async () => {
    const config = { scenarios: listScenarios().slice(0, 5), runsPerScenario: 6, seed: 'determinism' };
    const one = await new ChaosRunner({ ...config, concurrency: 1 }).runAll();
    const two = await new ChaosRunner({ ...config, concurrency: 2, backend: 'worker-threads' }).runAll();
    expect(one.backend).toBe('in-process');
    expect(two.backend).toBe('worker-threads');
    expect(eventsHash(two.results)).toBe(eventsHash(one.results));
    expect(comparable(two)).toEqual(comparable(one));
    const single = await new ChaosRunner({ ...config, runsPerScenario: 2, concurrency: 1, backend: 'worker-threads' }).runAll();
    expect(single.backend).toBe('worker-threads');
    expect(single.results).toEqual(one.results.filter((r) => /#[01]$/.test(r.runId)));
  });

  it('load user scenarios and the workflow factory from workerModule', async () => {
    const mod = (await import(userModule.href)) as { productCrashEarly: never; workflowFactory: never };
    const config = { scenarios: [mod.productCrashEarly, 'MarketingTimeout'], workflowFactory: mod.workflowFactory, runsPerScenario: 3, seed: 'module', workerModule: userModule };
    const inThread = await new ChaosRunner({ ...config, concurrency: 1 }).runAll();
    const onWorkers = await new ChaosRunner({ ...config, concurrency: 2, backend: 'worker-threads' }).runAll();
    expect(onWorkers.backend).toBe('worker-threads');
    expect(onWorkers.allHeld).toBe(true);
    expect(onWorkers.results[0]?.scenario).toBe('FixtureProductCrashEarly');
    expect(comparable(onWorkers)).toEqual(comparable(inThread));
    // The factory really was the module's: restarts cost 400 ms ± 25 %, not 1000 ms.
    const restart = onWorkers.results[0]?.recoveries[0];
    expect(restart !== undefined && restart.recoveredAt - restart.detectedAt).toBeLessThan(700);
  });

  it('run real-time campaigns on workers, one run at a time per worker', async () => {
    const summary = await new ChaosRunner({ scenarios: ['FixtureNaps'], runsPerScenario: 4, seed: 'real', time: 'real', concurrency: 2, backend: 'worker-threads', workerModule: userModule }).runAll();
    expect(summary).toMatchObject({ backend: 'worker-threads', time: 'real', allHeld: true, totalRuns: 4 });
    expect(summary.results.every((r) => r.durationSeconds >= 0.025)).toBe(true);
  });

  it('send results back in batches, but never hold finished runs behind one still running', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const backend = createWorkerPoolBackend({ size: 1, batchSize: 8, workerModule: userModule, initialState: flag });
    try {
      const [first, ...rest] = Array.from({ length: 8 }, (_, runIndex) => backend.run(taskOf('FixtureWaitsForFlag', runIndex)));
      let firstSettled = false;
      void first?.then(() => (firstSettled = true));
      // Seven of the batch of eight are done; they arrive while run #0 still waits.
      const quick = await Promise.all(rest);
      expect(quick.map((r) => r.success)).toEqual(Array(7).fill(true));
      expect(firstSettled).toBe(false);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      expect((await first)?.success).toBe(true);
    } finally {
      await backend.close();
    }
  });

  it('fail the runs a dying worker held, with the reason, and the campaign goes on', async () => {
    const crashing = pathToFileURL(join(fixturesDir, 'crashingScenarios.mjs'));
    const summary = await new ChaosRunner({
      scenarios: ['FixtureExitsThread', 'HandoffCorruption'],
      runsPerScenario: 2,
      seed: 'crash',
      concurrency: 2,
      backend: 'worker-threads',
      workerModule: crashing,
    }).runAll();
    expect(summary.results.slice(0, 2).every((r) => !r.success && /the worker thread running it stopped \(exit code 3\)/.test(r.error ?? ''))).toBe(true);
    expect(summary.totalRuns).toBe(4);
  });

  it('keep the results of runs that finished before their worker thread died', async () => {
    const crashing = pathToFileURL(join(fixturesDir, 'crashingScenarios.mjs'));
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const backend = createWorkerPoolBackend({ size: 1, batchSize: 8, workerModule: crashing, initialState: counter });
    try {
      const results = await Promise.all([
        backend.run(taskOf('FixtureExitsAfterOthers', 0)),
        ...[0, 1, 2].map((i) => backend.run(taskOf('FixtureCountsDone', i))),
      ]);
      expect(results[0]?.error).toMatch(/the worker thread running it stopped \(exit code 3\)/);
      // Held in the worker to share a message when the thread ended, and sent all the same.
      expect(results.slice(1).map((r) => r.success)).toEqual([true, true, true]);
    } finally {
      await backend.close();
    }
  });

  it('reject the campaign, naming the module, when workerModule does not load', async () => {
    const broken = join(fixturesDir, 'brokenModule.mjs');
    await expect(new ChaosRunner({ runsPerScenario: 1, concurrency: 2, workerModule: broken }).runAll()).rejects.toThrow(
      /Could not import `workerModule` file:.*brokenModule\.mjs: Error: this module cannot be loaded/,
    );
    // The same error from inside a worker, when only the worker sees the module.
    const backend = createWorkerPoolBackend({ size: 1, workerModule: broken });
    await expect(backend.run(taskOf('HandoffCorruption', 0))).rejects.toThrow(/A worker thread could not start: .*this module cannot be loaded/);
    await backend.close();
  });

  it('leave nothing behind: a process that ran a campaign on workers exits by itself', async () => {
    const { stdout } = await run(process.execPath, [join(fixturesDir, 'exitCheck.mjs')], { timeout: 20_000 });
    expect(stdout.trim()).toBe('worker-threads 12 true');
  });
});

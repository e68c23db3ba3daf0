import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quickExport } from '@chaos/export';
import {
  agentReconstructor,
  createReferenceWorkflow,
  defineScenario,
  getScenario,
  listScenarios,
  taskCompleted,
  type Reconstructor,
  type Scenario,
  type ScenarioResult,
} from '@chaos/scenarios';
import { wilsonInterval } from '@chaos/metrics';
import { describe, expect, it } from 'vitest';
import { estimateRemainingMs } from '../src/_internals/eta.js';
import {
  ChaosRunner,
  campaignRunId,
  deriveRunSeed,
  replayRun,
  runQuickChaosTest,
  type ExecutionBackend,
  type RunProgress,
  type RunTask,
} from '../src/index.js';
import { comparable, hangingScenario, runawayScenario, throwingScenario } from './helpers.js';

const TWO = ['ProductCrashMidUpload', 'MarketingTimeout'];

describe('deriveRunSeed', () => {
  it('is a stable 16-hex-digit hash of (campaign seed, scenario, run index)', () => {
    const seed = deriveRunSeed('campaign', 'MarketingTimeout', 3);
    expect(seed).toMatch(/^[0-9a-f]{16}$/);
    expect(deriveRunSeed('campaign', 'MarketingTimeout', 3)).toBe(seed);
    const others = [deriveRunSeed('campaign', 'MarketingTimeout', 4), deriveRunSeed('campaign', 'HandoffCorruption', 3), deriveRunSeed('other', 'MarketingTimeout', 3)];
    expect(new Set([seed, ...others]).size).toBe(4);
    expect(deriveRunSeed(42, 'X', 0)).toBe(deriveRunSeed('42', 'X', 0));
    expect(campaignRunId('X', 7)).toBe('X#7');
  });

  it('gives published campaigns the run seeds they always had (golden values)', () => {
    // Every replay of a published campaign goes through these: a change is a breaking
    // release of @chaos/runner, never a quiet fix.
    expect(deriveRunSeed('campaign-42', 'ProductCrashMidUpload', 3)).toBe('6fb73d1425300f6d');
    expect(deriveRunSeed('demo', 'DemoSoak', 0)).toBe('b5d8e1219c588ec6');
    expect(deriveRunSeed(7, 'MarketingTimeout', 24)).toBe('acb11f2b6be1e2c9');
  });

  it('rejects a bad argument, naming it', () => {
    expect(() => deriveRunSeed('', 'X', 0)).toThrow(/`campaignSeed`/);
    expect(() => deriveRunSeed('s', 'X', -1)).toThrow(/`runIndex`.*-1/);
  });
});

describe('ChaosRunner: the summary', () => {
  it('runs every scenario runsPerScenario times and reports results in scenario order, then run index', async () => {
    const summary = await new ChaosRunner({ scenarios: TWO, runsPerScenario: 3, seed: 'order', concurrency: 3 }).runAll();
    expect(summary.seed).toBe('order');
    expect(summary.totalRuns).toBe(6);
    expect(summary.results.map((r) => r.runId)).toEqual([
      'ProductCrashMidUpload#0',
      'ProductCrashMidUpload#1',
      'ProductCrashMidUpload#2',
      'MarketingTimeout#0',
      'MarketingTimeout#1',
      'MarketingTimeout#2',
    ]);
    expect(summary.results.map((r) => r.seed)).toEqual(summary.results.map((r) => deriveRunSeed('order', r.scenario, Number(r.runId.split('#')[1]))));
    expect(summary.scenarios.map((s) => s.scenario)).toEqual(TWO);
  });

  it('gives rates with Wilson intervals, counts, and MTTR-A statistics taken from @chaos/metrics', async () => {
    const summary = await new ChaosRunner({ scenarios: [...TWO, 'DelayedRecovery'], runsPerScenario: 3, seed: 'stats', concurrency: 1 }).runAll();
    expect(summary).toMatchObject({ successfulRuns: 9, failedRuns: 0, inconclusiveRuns: 0, successRate: 100, recoveryRate: 100, allHeld: true });
    // Wilson 95 % for 3/3 and 9/9.
    expect(summary.scenarios[0]?.successInterval?.low).toBeCloseTo(43.85, 1);
    expect(summary.scenarios[0]?.successInterval?.high).toBe(100);
    expect(summary.successInterval?.low).toBeCloseTo(70.09, 1);

    const metricsSummary = summary.metrics.getSummary();
    expect(summary.averageMttrSeconds).toBe(metricsSummary.mttrAvg);
    const timeout = metricsSummary.byScenario['MarketingTimeout'];
    expect(summary.scenarios[1]?.mttr).toEqual({
      samples: timeout?.successfulRecoveries,
      mean: timeout?.mttrAvg,
      median: timeout?.mttrMedian,
      std: timeout?.mttrStd,
      p90: timeout?.mttrP90,
      p95: timeout?.mttrP95,
      p99: timeout?.mttrP99,
      min: timeout?.mttrMin,
      max: timeout?.mttrMax,
      ci95: timeout?.mttrCi95,
      detectMean: timeout?.mttdAvg,
      mtbf: timeout?.mtbf,
      nrr: timeout?.nrr,
      nrrMedian: timeout?.nrrMedian,
      uptime: timeout?.uptime,
    });
    // Accuracy and correct recovery come from the same breakdown, the interval from metrics' Wilson.
    expect(summary.scenarios[1]?.recoveries).toEqual({
      attempts: timeout?.totalRecoveries,
      successRate: timeout?.recoverySuccessRate,
      reconstructionAccuracy: timeout?.reconstructionAccuracyAvg,
      scored: timeout?.scoredRecoveries,
      correct: timeout?.correctRecoveries,
      correctRate: timeout?.correctRecoveryRate,
      correctInterval: wilsonInterval(timeout?.correctRecoveries ?? 0, timeout?.scoredRecoveries ?? 0),
    });
    expect(summary.recoveries.correctRate).toBe(metricsSummary.correctRecoveryRate);
    expect(summary.mttr.mean).toBe(metricsSummary.mttrAvg);
    expect(summary.accuracyThreshold).toBe(0.9);
    expect(summary.scenarios[1]?.mttr.mean).toBeGreaterThan(10); // a 10 s deadline, then a restart
    // DelayedRecovery needs no recovery: no MTTR, but 100 % recovered.
    expect(summary.scenarios[2]).toMatchObject({ recoveryRate: 100, mttr: { samples: 0, mean: null } });

    // The metrics store holds every run's faults, recoveries and outcome.
    expect(summary.metrics.scenarioResults).toHaveLength(9);
    expect(summary.metrics.faultCount).toBe(summary.results.reduce((n, r) => n + r.faults.length, 0));
    expect(summary.metrics.recoveryCount).toBe(summary.results.reduce((n, r) => n + r.recoveries.length, 0));
    const simulated = summary.results.reduce((t, r) => t + r.durationSeconds, 0);
    expect(summary.simulatedSeconds).toBeCloseTo(simulated, 9);
    expect(summary.wallSeconds).toBeGreaterThan(0);

    const outputDir = mkdtempSync(join(tmpdir(), 'chaos-runner-export-'));
    const paths = await quickExport(summary.metrics, { outputDir });
    for (const path of Object.values(paths)) expect(existsSync(path)).toBe(true);
  });

  it('counts a run whose recovery restored the wrong state as not recovered, and its recoveries as not correct', async () => {
    const forgetful: Reconstructor = {
      ...agentReconstructor,
      restoreProduct: async () => ({ state: { uploaded: [] }, usedPeerContext: false }),
    };
    const config = {
      scenarios: ['ProductCrashMidUpload'],
      runsPerScenario: 4,
      seed: 'wrong-state',
      concurrency: 1,
      workflowFactory: () => createReferenceWorkflow({ reconstructor: forgetful }),
    };
    const summary = await new ChaosRunner(config).runAll();
    const stats = summary.scenarios[0];
    expect(stats?.recoveries.attempts).toBeGreaterThan(0);
    expect(stats?.recoveries.successRate).toBe(100);
    expect(stats?.recoveries.reconstructionAccuracy).toBeLessThan(0.5);
    expect(stats?.recoveries.correctRate).toBe(0);
    expect(summary.results.every((r) => !r.recovered)).toBe(true);
    expect(stats?.recoveryRate).toBe(0);
    expect(summary.recoveryRate).toBe(0);
    // With a threshold of 0, any scored recovery is correct and the runs recovered.
    const lenient = await new ChaosRunner({ ...config, accuracyThreshold: 0 }).runAll();
    expect(lenient.scenarios[0]).toMatchObject({ recoveryRate: 100, recoveries: { correctRate: 100 } });
    expect(lenient.accuracyThreshold).toBe(0);
  });

  it('uses every registered scenario and a fresh, reported seed by default', async () => {
    const runner = new ChaosRunner({ runsPerScenario: 1, concurrency: 1 });
    const summary = await runner.runAll();
    expect(summary.scenarios.map((s) => s.scenario)).toEqual(listScenarios());
    expect(summary.seed).toBe(runner.seed);
    expect(summary.seed.length).toBeGreaterThan(4);
    expect(summary.runsPerScenario).toBe(1);
  });

  it('counts a run whose planned fault never fired as inconclusive, not as a pass', async () => {
    const ghost = defineScenario({
      name: 'GhostFault',
      description: 'crashes an agent that does not exist',
      plan: [{ id: 'ghost', fault: 'crash', target: 'ghost', trigger: { on: 'call', call: 1 } }],
      checks: [taskCompleted],
    });
    const summary = await new ChaosRunner({ scenarios: [ghost], runsPerScenario: 2, seed: 'g', concurrency: 1 }).runAll();
    expect(summary).toMatchObject({ inconclusiveRuns: 2, failedRuns: 0, successfulRuns: 0, allHeld: false });
    expect(summary.scenarios[0]).toMatchObject({ inconclusive: 2, failures: 0, failedRunIndexes: [0, 1] });
  });
});

describe('ChaosRunner: determinism', () => {
  it('gives identical results for the same seed whatever the concurrency', async () => {
    const config = { scenarios: listScenarios(), runsPerScenario: 4, seed: 'same', backend: 'in-process' as const };
    const one = await new ChaosRunner({ ...config, concurrency: 1 }).runAll();
    const four = await new ChaosRunner({ ...config, concurrency: 4 }).runAll();
    expect(comparable(four)).toEqual(comparable(one));
    const other = await new ChaosRunner({ ...config, concurrency: 1, seed: 'different' }).runAll();
    expect(other.results.map((r) => r.seed)).not.toEqual(one.results.map((r) => r.seed));
  });

  it('replays any single run alone with the same events', async () => {
    const summary = await new ChaosRunner({ scenarios: ['CascadeFailure', 'HandoffCorruption'], runsPerScenario: 3, seed: 'replay', concurrency: 2 }).runAll();
    const original = summary.results[4] as ScenarioResult; // HandoffCorruption#1
    const replayed = await replayRun({ scenario: 'HandoffCorruption', campaignSeed: 'replay', runIndex: 1 });
    expect(replayed).toEqual(original);
    expect(replayed.events.length).toBeGreaterThan(0);
    const byObject = await replayRun({ scenario: getScenario('CascadeFailure'), campaignSeed: 'replay', runIndex: 2 });
    expect(byObject).toEqual(summary.results[2]);
  });

  it('passes soak probabilities to every run, and they change what happens', async () => {
    const base = { scenarios: ['DelayedRecovery'], runsPerScenario: 3, seed: 'soak', concurrency: 1 };
    const plain = await new ChaosRunner(base).runAll();
    const soaked = await new ChaosRunner({ ...base, config: { delayProbability: 1, delayMs: 50 } }).runAll();
    const faults = (s: typeof plain): number => s.results.reduce((n, r) => n + r.faults.length, 0);
    expect(faults(plain)).toBe(3); // the plan's one delay per run
    expect(faults(soaked)).toBeGreaterThan(faults(plain));
  });
});

describe('ChaosRunner: robustness', () => {
  it('records a run that throws as a failed run with its reason, and goes on', async () => {
    const summary = await new ChaosRunner({ scenarios: [throwingScenario(), 'HandoffCorruption'], runsPerScenario: 2, seed: 't', concurrency: 1 }).runAll();
    expect(summary.totalRuns).toBe(4);
    expect(summary.results[0]).toMatchObject({ scenario: 'Throws', runId: 'Throws#0', success: false, inconclusive: false });
    expect(summary.results[0]?.error).toBe('the run threw TypeError: boom from the scenario');
    expect(summary.results.slice(2).every((r) => r.success)).toBe(true);
    expect(summary).toMatchObject({ failedRuns: 2, successfulRuns: 2, allHeld: false });
    expect(summary.scenarios[0]?.failedRunIndexes).toEqual([0, 1]);
  });

  it('fails a run that outlives runTimeoutSeconds (real time) and goes on', async () => {
    const summary = await new ChaosRunner({ scenarios: [hangingScenario(), 'HandoffCorruption'], runsPerScenario: 1, seed: 'h', concurrency: 1, runTimeoutSeconds: 0.1 }).runAll();
    expect(summary.results[0]).toMatchObject({ success: false, scenario: 'Hangs' });
    expect(summary.results[0]?.error).toMatch(/runTimeoutSeconds = 0.1 s of real time/);
    expect(summary.results[1]?.success).toBe(true);
  });

  it('stops the virtual clock of an abandoned run, so it cannot keep running', async () => {
    const runaway = runawayScenario();
    const summary = await new ChaosRunner({ scenarios: [runaway], runsPerScenario: 1, seed: 'r', concurrency: 1, runTimeoutSeconds: 0.05 }).runAll();
    expect(summary.results[0]?.error).toMatch(/abandoned/);
    const ticks = runaway.ticks();
    expect(ticks).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runaway.ticks()).toBe(ticks);
  });

  it('reports progress after each run, ending at done = total', async () => {
    const seen: RunProgress[] = [];
    await new ChaosRunner({ scenarios: TWO, runsPerScenario: 3, seed: 'p', concurrency: 2, onProgress: (p) => seen.push(p) }).runAll();
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.every((p) => p.total === 6 && p.resumed === 0)).toBe(true);
    // No estimate from the first run alone (it mostly measures start-up).
    expect(seen[0]?.etaMs).toBeNull();
    expect(seen.slice(1).every((p) => p.etaMs !== null && p.etaMs >= 0)).toBe(true);
    expect(seen.at(-1)?.etaMs).toBe(0);
    expect(new Set(seen.map((p) => `${p.scenario}#${p.runIndex}`)).size).toBe(6);
  });

  it('ends the campaign when onProgress throws', async () => {
    const runner = new ChaosRunner({ scenarios: TWO, runsPerScenario: 2, seed: 'x', concurrency: 1, onProgress: () => { throw new Error('listener failed'); } });
    await expect(runner.runAll()).rejects.toThrow('listener failed');
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    const runner = new ChaosRunner({ scenarios: TWO, runsPerScenario: 50, seed: 'a', concurrency: 1, onProgress: (p) => { if (p.done === 3) controller.abort(new Error('stop now')); } });
    await expect(runner.runAll({ signal: controller.signal })).rejects.toThrow('stop now');
  });

  it('runs under real time, sleeping delayBetweenRuns for real', async () => {
    const napping = defineScenario({
      name: 'Naps',
      description: 'sleeps 20 ms on its clock',
      plan: [],
      checks: [taskCompleted],
      workflowFactory: () => ({
        async run(context) {
          await context.clock.sleep(20);
          return { taskCompleted: true, output: undefined };
        },
      }),
    });
    const summary = await new ChaosRunner({ scenarios: [napping], runsPerScenario: 2, seed: 'real', concurrency: 1, time: 'real', delayBetweenRuns: 0.05 }).runAll();
    expect(summary).toMatchObject({ time: 'real', allHeld: true });
    expect(summary.results.every((r) => r.durationSeconds >= 0.015)).toBe(true);
    expect(summary.wallSeconds).toBeGreaterThanOrEqual(0.085);
    expect(summary.simulatedSeconds).toBeCloseTo(summary.results.reduce((t, r) => t + r.durationSeconds, 0) + 0.05, 9);
  });

  it('adds delayBetweenRuns to the simulated time under virtual time, at no wall-time cost', async () => {
    const base = { scenarios: ['HandoffCorruption'], runsPerScenario: 4, seed: 'd', concurrency: 1 };
    const without = await new ChaosRunner(base).runAll();
    const withDelay = await new ChaosRunner({ ...base, delayBetweenRuns: 60 }).runAll();
    expect(withDelay.simulatedSeconds - without.simulatedSeconds).toBeCloseTo(180, 9);
    expect(withDelay.wallSeconds).toBeLessThan(5);
  });
});

describe('ChaosRunner: backends', () => {
  it('runs user-defined scenario objects in this thread when there is no workerModule, and says why', async () => {
    const mine: Scenario = { ...getScenario('HandoffCorruption'), name: 'MyHandoff' };
    const summary = await new ChaosRunner({ scenarios: [mine], runsPerScenario: 2, seed: 'f', concurrency: 2 }).runAll();
    expect(summary.backend).toBe('in-process');
    expect(summary.backendNote).toMatch(/scenario "MyHandoff" is not built in/);
    expect(summary.allHeld).toBe(true);
  });

  it('accepts an ExecutionBackend of its own, and leaves closing it to its owner', async () => {
    const tasks: RunTask[] = [];
    let closed = false;
    const backend: ExecutionBackend = {
      name: 'recording',
      capacity: 2,
      run(task) {
        tasks.push(task);
        return replayRun({ scenario: task.scenario, campaignSeed: 'own', runIndex: task.runIndex });
      },
      close: async () => {
        closed = true;
      },
    };
    const summary = await new ChaosRunner({ scenarios: TWO, runsPerScenario: 2, seed: 'own', backend }).runAll();
    expect(summary.backend).toBe('recording');
    expect(tasks.map((t) => t.runId).sort()).toEqual(['MarketingTimeout#0', 'MarketingTimeout#1', 'ProductCrashMidUpload#0', 'ProductCrashMidUpload#1']);
    expect(tasks[0]).toMatchObject({ time: 'virtual', runTimeoutSeconds: 30, seed: deriveRunSeed('own', tasks[0]?.scenario ?? '', tasks[0]?.runIndex ?? 0) });
    expect(closed).toBe(false);
    const reference = await new ChaosRunner({ scenarios: TWO, runsPerScenario: 2, seed: 'own', concurrency: 1 }).runAll();
    expect(comparable(summary)).toEqual(comparable(reference));
  });

  it("refuses backend: 'worker-threads' for a campaign that cannot run in a worker", async () => {
    const runner = new ChaosRunner({ scenarios: [throwingScenario()], runsPerScenario: 1, concurrency: 2, backend: 'worker-threads' });
    await expect(runner.runAll()).rejects.toThrow(/Cannot run this campaign on worker threads.*"Throws" is not built in/);
  });
});

describe('ChaosRunner: validation', () => {
  it.each([
    [{ runsPerScenario: 0 }, /`runsPerScenario` to be an integer in \[1, 10000000\], got `0`/],
    [{ runsPerScenario: 2.5 }, /`runsPerScenario`.*`2.5`/],
    [{ concurrency: 0 }, /`concurrency` to be an integer in \[1, 1024\], got `0`/],
    [{ time: 'fast' }, /`time` to be 'virtual' or 'real', got `"fast"`/],
    [{ seed: '' }, /`seed` to be a non-empty string or a finite number, got `""`/],
    [{ delayBetweenRuns: -1 }, /`delayBetweenRuns` to be a finite number >= 0, got `-1`/],
    [{ runTimeoutSeconds: 0 }, /`runTimeoutSeconds` to be a number of seconds > 0/],
    [{ accuracyThreshold: 1.2 }, /`accuracyThreshold` to be a number in \[0, 1\], got `1.2`/],
    [{ scenarios: [] }, /`scenarios` to be a non-empty array/],
    [{ scenarios: ['Nope'] }, /`scenarios\[0\]` to be a registered scenario name, got `"Nope"`. Known scenarios: ProductCrashMidUpload, MarketingTimeout/],
    [{ scenarios: ['MarketingTimeout', 'MarketingTimeout'] }, /`scenarios\[1\]` to be a scenario not already in `scenarios`/],
    [{ scenarios: [42] }, /`scenarios\[0\]` to be a scenario name or a Scenario object/],
    [{ workflowFactory: 'no' }, /`workflowFactory` to be a function/],
    [{ journal: '' }, /`journal` to be a file path/],
    [{ onProgress: 1 }, /`onProgress` to be a function/],
    [{ config: { crashProbability: 1.5 } }, /Invalid `config`: crashProbability=1.5 must be a number in \[0, 1\]/],
    [{ config: { enabled: true } }, /Unknown `config` option `enabled`/],
    [{ backend: 'cluster' }, /`backend` to be 'auto', 'in-process', 'worker-threads' or an ExecutionBackend/],
    [{ workerModule: 3 }, /`workerModule` to be a module path or a file URL/],
    [{ runs: 3 }, /Unknown RunnerConfig option `runs`/],
  ])('rejects %j at construction', (config, message) => {
    expect(() => new ChaosRunner(config as never)).toThrow(message);
  });
});

describe('runQuickChaosTest', () => {
  it('runs a small campaign with the scenarios and run count given', async () => {
    const summary = await runQuickChaosTest({ scenarios: ['DelayedRecovery'], runsPerScenario: 2, seed: 'quick' });
    expect(summary).toMatchObject({ totalRuns: 2, allHeld: true, backend: 'in-process' });
  });
});

describe('the ETA of progress', () => {
  it('is given only once it means something, and excludes start-up', () => {
    // 1,000 runs: the first finished after 5 s of worker start-up, then one run per 10 ms.
    expect(estimateRemainingMs(1, 1000, 0, 999)).toBeNull();
    expect(estimateRemainingMs(49, 1000, 480, 951)).toBeNull();
    expect(estimateRemainingMs(51, 1000, 500, 949)).toBeCloseTo(9490);
    // A small campaign: from the second run on.
    expect(estimateRemainingMs(2, 10, 10, 8)).toBe(80);
    expect(estimateRemainingMs(3, 10, 20, 0)).toBe(0);
  });
});

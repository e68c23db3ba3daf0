import {
  ChaosError,
  createChaosRuntime,
  createVirtualClock,
  runInChaosScope,
  type ChaosEvent,
  type Clock,
  type FaultEvent,
} from '@chaos/config';
import { describe, expect, it } from 'vitest';
import { MetricsValidationError, isMetricsValidationError } from '../src/MetricsValidationError.js';
import { ResilienceMetrics, type RecoveryInput } from '../src/ResilienceMetrics.js';
import { getMetrics } from '../src/getMetrics.js';
import { isRecoveryEvent, type RecoveryEvent } from '../src/RecoveryEvent.js';
import { METRICS_SCHEMA_VERSION } from '../src/types.js';

/** A clock that only moves when told. */
function manualClock(start = 0): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    kind: 'virtual',
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

const recovery: RecoveryInput = {
  agentId: 'product',
  threadId: 't-1',
  faultType: 'crash',
  runId: 'run-1',
  faultAt: 1_000,
  detectedAt: 1_500,
  recoveredAt: 4_000,
  success: true,
};

/** Runs `fn`, expects a MetricsValidationError naming `field`, and returns it. */
function rejection(fn: () => unknown, field: string): MetricsValidationError {
  try {
    fn();
  } catch (error: unknown) {
    expect(isMetricsValidationError(error)).toBe(true);
    const invalid = error as MetricsValidationError;
    expect(invalid.field).toBe(field);
    expect(invalid.message).toContain(`\`${field}\``);
    return invalid;
  }
  throw new Error(`expected a MetricsValidationError for ${field}`);
}

describe('recording', () => {
  it('records a failure at the clock time, in the scope run, with the error text', () => {
    const clock = manualClock(2_500);
    const metrics = new ResilienceMetrics({ clock });
    const record = runInChaosScope(createChaosRuntime({ runId: 'run-9' }), () =>
      metrics.recordFailure({ agentId: 'product', threadId: 't', faultType: 'crash', error: new TypeError('boom') }),
    );
    expect(record).toEqual({
      agentId: 'product',
      threadId: 't',
      faultType: 'crash',
      runId: 'run-9',
      scenario: undefined,
      at: 2_500,
      error: 'TypeError: boom',
    });
    expect([...metrics.iterateFaults()]).toEqual([record]);
    expect(metrics.faultCount).toBe(1);
  });

  it("uses the run id 'default' outside a run", () => {
    const metrics = new ResilienceMetrics({ clock: manualClock() });
    expect(metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash' }).runId).toBe('default');
  });

  it('records a recovery and the fault it implies when none was recorded', () => {
    const metrics = new ResilienceMetrics();
    const record = metrics.recordRecovery({ ...recovery, reconstructionAccuracy: 0.9, notes: 'from checkpoint' });
    expect(record).toEqual({
      ...recovery,
      scenario: undefined,
      faultTimeSource: 'given',
      reconstructionAccuracy: 0.9,
      usedPeerContext: false,
      error: undefined,
      notes: 'from checkpoint',
      tags: undefined,
    });
    expect([...metrics.iterateRecoveries()]).toEqual([record]);
    expect([...metrics.iterateFaults()]).toEqual([
      { agentId: 'product', threadId: 't-1', faultType: 'crash', runId: 'run-1', scenario: undefined, at: 1_000, error: undefined, tags: undefined },
    ]);
  });

  it('links a recovery to the recorded fault at its fault time instead of adding one', () => {
    const metrics = new ResilienceMetrics();
    metrics.recordFailure({ agentId: 'product', threadId: 't-1', faultType: 'crash', runId: 'run-1', at: 1_000 });
    metrics.recordRecovery(recovery);
    expect(metrics.faultCount).toBe(1);
    expect(metrics.recoveryCount).toBe(1);
  });

  it('feeds fault events from a runtime into fault records through `sink`', () => {
    const metrics = new ResilienceMetrics();
    const runtime = createChaosRuntime({ emit: metrics.sink, runId: 'run-3' });
    const fault: FaultEvent = { kind: 'fault', fault: 'timeout', target: 'marketing', at: 42, runId: 'run-3', source: 'plan', details: {} };
    runtime.emit(fault);
    runtime.emit({ kind: 'milestone', at: 50 });
    expect([...metrics.iterateFaults()]).toEqual([
      { agentId: 'marketing', threadId: 'run-3', faultType: 'timeout', runId: 'run-3', scenario: undefined, at: 42, error: undefined },
    ]);
    expect(metrics.handleEvent({ kind: 'milestone', at: 1 })).toBeUndefined();
  });

  it('files a fault event under the scenario it names', () => {
    const metrics = new ResilienceMetrics();
    metrics.handleEvent({ kind: 'fault', fault: 'crash', target: 'product', at: 7, runId: 'r', scenario: 'Cascade', source: 'plan', details: {} } as FaultEvent);
    expect([...metrics.iterateFaults()][0]?.scenario).toBe('Cascade');
    expect(Object.keys(metrics.getSummary().byScenario)).toEqual(['Cascade']);
  });

  it('keeps only the outcome fields of a scenario result', () => {
    const metrics = new ResilienceMetrics();
    const result = { scenario: 'S', runId: 'r', success: true, recovered: true, taskCompleted: true, mttrSeconds: 2, events: [1, 2, 3], error: new Error('late') };
    const stored = metrics.recordScenarioResult(result as never);
    expect(stored).toEqual({ scenario: 'S', runId: 'r', success: true, recovered: true, taskCompleted: true, mttrSeconds: 2, error: 'Error: late' });
    expect(metrics.scenarioResults).toEqual([stored]);
  });

  it('forgets everything on reset()', () => {
    const metrics = new ResilienceMetrics({ clock: manualClock(7) });
    metrics.startMeasurement();
    metrics.recordRecovery(recovery);
    metrics.recordScenarioResult({ scenario: 'S', runId: 'r', success: true, recovered: true, taskCompleted: true, mttrSeconds: null });
    expect(metrics.startedAt).toBe(7);
    metrics.reset();
    expect(metrics.startedAt).toBeNull();
    expect(metrics.faultCount + metrics.recoveryCount + metrics.scenarioResults.length).toBe(0);
    expect(metrics.getSummary().totalRuns).toBe(0);
  });

  it('returns one process-wide instance from getMetrics()', () => {
    expect(getMetrics()).toBe(getMetrics());
    expect(getMetrics()).toBeInstanceOf(ResilienceMetrics);
  });
});

describe('validation: bad input is rejected whole, naming the field', () => {
  const cases: [string, Partial<Record<keyof RecoveryInput, unknown>>, string][] = [
    ['a recovery detected before its fault', { detectedAt: 900 }, 'detectedAt'],
    ['a recovery ending before its detection', { recoveredAt: 1_400 }, 'recoveredAt'],
    ['an accuracy above 1', { reconstructionAccuracy: 1.5 }, 'reconstructionAccuracy'],
    ['an accuracy below 0', { reconstructionAccuracy: -0.1 }, 'reconstructionAccuracy'],
    ['an accuracy of NaN', { reconstructionAccuracy: Number.NaN }, 'reconstructionAccuracy'],
    ['an empty agent id', { agentId: '' }, 'agentId'],
    ['a blank thread id', { threadId: '  ' }, 'threadId'],
    ['a missing fault type', { faultType: undefined }, 'faultType'],
    ['an empty run id', { runId: '' }, 'runId'],
    ['a missing fault time', { faultAt: undefined }, 'faultAt'],
    ['a fault time of null', { faultAt: null }, 'faultAt'],
    ['a non-finite fault time', { faultAt: Number.POSITIVE_INFINITY }, 'faultAt'],
    ['a NaN recovery time', { recoveredAt: Number.NaN }, 'recoveredAt'],
    ['a string time', { detectedAt: '1500' }, 'detectedAt'],
    ['a missing success flag', { success: undefined }, 'success'],
    ['a non-boolean peer flag', { usedPeerContext: 'yes' }, 'usedPeerContext'],
  ];
  it.each(cases)('rejects %s', (_name, change, field) => {
    const metrics = new ResilienceMetrics();
    const error = rejection(() => metrics.recordRecovery({ ...recovery, ...change } as RecoveryInput), field);
    expect(error.value).toBe(change[field as keyof RecoveryInput]);
    expect(metrics.recoveryCount).toBe(0);
    expect(metrics.faultCount).toBe(0);
  });

  it('says what was expected and what was given', () => {
    const metrics = new ResilienceMetrics();
    const error = rejection(() => metrics.recordRecovery({ ...recovery, detectedAt: 900 }), 'detectedAt');
    expect(error.message).toBe('Expected `detectedAt` to be >= `faultAt` (1000): a recovery cannot end before it starts, got `900`');
    expect(error).toBeInstanceOf(ChaosError);
    expect(error.code).toBe('CHAOS_METRICS_INVALID');
    expect(error.name).toBe('MetricsValidationError');
    expect(error.runId).toBe('run-1');
  });

  it('rejects a bad failure', () => {
    const metrics = new ResilienceMetrics({ clock: manualClock() });
    rejection(() => metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', at: Number.NaN }), 'at');
    rejection(() => metrics.recordFailure({ agentId: 'a', threadId: '', faultType: 'crash' }), 'threadId');
    rejection(() => metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', scenario: '' }), 'scenario');
    expect(metrics.faultCount).toBe(0);
  });

  it('rejects a bad scenario result', () => {
    const metrics = new ResilienceMetrics();
    const result = { scenario: 'S', runId: 'r', success: true, recovered: true, taskCompleted: true, mttrSeconds: null };
    rejection(() => metrics.recordScenarioResult({ ...result, mttrSeconds: -1 }), 'mttrSeconds');
    rejection(() => metrics.recordScenarioResult({ ...result, taskCompleted: 'yes' as never }), 'taskCompleted');
    rejection(() => metrics.recordScenarioResult({ ...result, runId: '' }), 'runId');
    expect(metrics.scenarioResults).toEqual([]);
  });

  it('rejects bad options', () => {
    rejection(() => new ResilienceMetrics({ bootstrapResamples: 10 }), 'bootstrapResamples');
    rejection(() => new ResilienceMetrics({ bootstrapResamples: 2_000.5 }), 'bootstrapResamples');
    rejection(() => new ResilienceMetrics({ bootstrapSeed: '' }), 'bootstrapSeed');
  });
});

describe('measureRecovery', () => {
  it('times fn from the recorded fault, records a success and resolves with its value', async () => {
    const clock = manualClock();
    const events: ChaosEvent[] = [];
    const metrics = new ResilienceMetrics();
    const runtime = createChaosRuntime({ clock, runId: 'run-1', emit: (event) => events.push(event) });
    const value = await runInChaosScope(runtime, async () => {
      metrics.recordFailure({ agentId: 'product', threadId: 't-1', faultType: 'crash', scenario: 'S' }); // at 0
      clock.advance(1_000); // detected at 1 s
      return metrics.measureRecovery('product', 't-1', 'crash', async (event) => {
        expect(event).toMatchObject({ agentId: 'product', threadId: 't-1', faultType: 'crash', runId: 'run-1', scenario: 'S', faultAt: 0, faultTimeSource: 'recorded', detectedAt: 1_000 });
        await clock.sleep(2_000);
        event.reconstructionAccuracy = 0.8;
        event.usedPeerContext = true;
        event.notes = 'peer context';
        return 'restored';
      });
    });
    expect(value).toBe('restored');
    expect([...metrics.iterateRecoveries()]).toEqual([
      {
        agentId: 'product',
        threadId: 't-1',
        faultType: 'crash',
        runId: 'run-1',
        scenario: 'S',
        faultAt: 0,
        faultTimeSource: 'recorded',
        detectedAt: 1_000,
        recoveredAt: 3_000,
        success: true,
        reconstructionAccuracy: 0.8,
        usedPeerContext: true,
        error: undefined,
        notes: 'peer context',
        tags: undefined,
      },
    ]);
    expect(metrics.faultCount).toBe(1);
    const emitted = events.filter(isRecoveryEvent);
    expect(emitted).toEqual([
      {
        kind: 'recovery',
        at: 3_000,
        runId: 'run-1',
        agentId: 'product',
        threadId: 't-1',
        faultType: 'crash',
        scenario: 'S',
        success: true,
        faultAt: 0,
        faultTimeSource: 'recorded',
        detectedAt: 1_000,
        durationMs: 3_000,
        error: undefined,
        tags: undefined,
      } satisfies RecoveryEvent,
    ]);
  });

  it('records a failed recovery with the error text and rethrows; the fault stays open', async () => {
    const clock = manualClock();
    const metrics = new ResilienceMetrics({ clock });
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash' }); // at 0
    clock.advance(500);
    const boom = new Error('checkpoint missing');
    await expect(
      metrics.measureRecovery('a', 't', 'crash', async () => {
        await clock.sleep(1_000);
        throw boom;
      }),
    ).rejects.toBe(boom);
    const [failed] = [...metrics.iterateRecoveries()];
    expect(failed).toMatchObject({ success: false, faultAt: 0, detectedAt: 500, recoveredAt: 1_500, error: 'Error: checkpoint missing' });
    // A retry measures from the same fault.
    clock.advance(1_000);
    await metrics.measureRecovery('a', 't', 'crash', () => clock.sleep(500));
    const retry = [...metrics.iterateRecoveries()][1];
    expect(retry).toMatchObject({ success: true, faultAt: 0, detectedAt: 2_500, recoveredAt: 3_000 });
    expect(metrics.faultCount).toBe(1);
    // Now the fault is recovered: a third measure has no fault to start from, so it
    // starts at the measurement's start.
    clock.advance(100);
    await metrics.measureRecovery('a', 't', 'crash', () => clock.sleep(250));
    expect([...metrics.iterateRecoveries()][2]).toMatchObject({ faultAt: 3_100, faultTimeSource: 'measurement-start', detectedAt: 3_100, recoveredAt: 3_350 });
  });

  it('works with a synchronous fn and a sync throw', async () => {
    const metrics = new ResilienceMetrics({ clock: manualClock() });
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', at: 0 });
    await expect(metrics.measureRecovery('a', 't', 'crash', () => 7)).resolves.toBe(7);
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', at: 0 });
    await expect(
      metrics.measureRecovery('a', 't', 'crash', () => {
        throw new RangeError('nope');
      }),
    ).rejects.toThrow('nope');
    expect([...metrics.iterateRecoveries()].map((r) => r.success)).toEqual([true, false]);
  });

  it('never invents a start: with no recorded fault and no faultAt it measures from the start of the measurement, and says so', async () => {
    const clock = manualClock(7_000);
    const metrics = new ResilienceMetrics({ clock });
    let seen: unknown;
    await metrics.measureRecovery('ghost', 't', 'crash', async (event) => {
      seen = { faultAt: event.faultAt, faultTimeSource: event.faultTimeSource, detectedAt: event.detectedAt };
      await clock.sleep(1_500);
    });
    expect(seen).toEqual({ faultAt: 7_000, faultTimeSource: 'measurement-start', detectedAt: 7_000 });
    expect([...metrics.iterateRecoveries()]).toMatchObject([{ faultAt: 7_000, recoveredAt: 8_500, success: true, faultTimeSource: 'measurement-start' }]);
    const summary = metrics.getSummary();
    expect(summary.measurementStartRecoveries).toBe(1);
    expect(summary.mttrAvg).toBe(1.5);
  });

  it('takes faultAt and detectedAt from options', async () => {
    const clock = manualClock(10_000);
    const metrics = new ResilienceMetrics({ clock });
    await metrics.measureRecovery('a', 't', 'crash', () => clock.sleep(1_000), { faultAt: 4_000, detectedAt: 6_000, runId: 'r', scenario: 'S' });
    expect([...metrics.iterateRecoveries()][0]).toMatchObject({ faultAt: 4_000, faultTimeSource: 'given', detectedAt: 6_000, recoveredAt: 11_000, runId: 'r', scenario: 'S' });
    await expect(metrics.measureRecovery('a', 't', 'crash', () => 1, { faultAt: 4_000, detectedAt: 3_000 })).rejects.toSatisfy(
      (e: unknown) => isMetricsValidationError(e) && e.field === 'detectedAt',
    );
  });

  it('picks the latest unrecovered fault of the type, else of any type', async () => {
    const clock = manualClock();
    const metrics = new ResilienceMetrics({ clock });
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', at: 100 });
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'delay', at: 200 });
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', at: 300 });
    metrics.recordFailure({ agentId: 'a', threadId: 'other', faultType: 'crash', at: 400 });
    clock.advance(1_000);
    await metrics.measureRecovery('a', 't', 'crash', () => undefined);
    await metrics.measureRecovery('a', 't', 'crash', () => undefined);
    await metrics.measureRecovery('a', 't', 'restart', () => undefined); // no 'restart' fault: the delay one
    expect([...metrics.iterateRecoveries()].map((r) => r.faultAt)).toEqual([300, 100, 200]);
  });

  it('rejects an invalid accuracy set by fn, recording a failed recovery', async () => {
    const metrics = new ResilienceMetrics({ clock: manualClock() });
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', at: 0 });
    await expect(
      metrics.measureRecovery('a', 't', 'crash', (event) => {
        event.reconstructionAccuracy = 2;
      }),
    ).rejects.toSatisfy((e: unknown) => isMetricsValidationError(e) && e.field === 'reconstructionAccuracy');
    expect([...metrics.iterateRecoveries()][0]).toMatchObject({ success: false, reconstructionAccuracy: undefined });
  });
});

describe('beginRecovery', () => {
  it('records a success on succeed() and refuses to settle twice', () => {
    const clock = manualClock();
    const metrics = new ResilienceMetrics({ clock });
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', at: 0 });
    clock.advance(100);
    const handle = metrics.beginRecovery('a', 't', 'crash');
    expect(handle.state).toBe('pending');
    clock.advance(900);
    handle.reconstructionAccuracy = 1;
    const record = handle.succeed();
    expect(record).toMatchObject({ faultAt: 0, detectedAt: 100, recoveredAt: 1_000, success: true, reconstructionAccuracy: 1 });
    expect(handle.state).toBe('succeeded');
    expect(handle.record).toEqual(record);
    expect(() => handle.fail('late')).toThrow(MetricsValidationError);
    handle.dispose();
    handle[Symbol.dispose]();
    expect(metrics.recoveryCount).toBe(1);
  });

  it('records a failure when disposed unsettled, once', () => {
    const clock = manualClock();
    const metrics = new ResilienceMetrics({ clock });
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', at: 0 });
    const handle = metrics.beginRecovery('a', 't', 'crash');
    clock.advance(250);
    handle[Symbol.dispose]();
    handle.dispose();
    expect(handle.state).toBe('failed');
    expect([...metrics.iterateRecoveries()]).toEqual([
      expect.objectContaining({ success: false, recoveredAt: 250, error: 'the recovery was disposed before succeed() or fail() was called' }),
    ]);
  });

  it('records fail(error) with the error text', () => {
    const metrics = new ResilienceMetrics({ clock: manualClock() });
    const handle = metrics.beginRecovery('a', 't', 'crash', { faultAt: 0 });
    expect(handle.fail(new Error('no peers')).error).toBe('Error: no peers');
  });

  it('works with `using`: an exception before succeed() records a failed recovery', () => {
    const metrics = new ResilienceMetrics({ clock: manualClock() });
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', at: 0 });
    metrics.recordFailure({ agentId: 'b', threadId: 't', faultType: 'crash', at: 0 });
    {
      using ok = metrics.beginRecovery('a', 't', 'crash');
      ok.succeed();
    }
    expect(() => {
      using doomed = metrics.beginRecovery('b', 't', 'crash');
      doomed.usedPeerContext = true;
      throw new Error('reconstruction failed');
    }).toThrow('reconstruction failed');
    expect([...metrics.iterateRecoveries()].map((r) => [r.agentId, r.success, r.usedPeerContext])).toEqual([
      ['a', true, false],
      ['b', false, true],
    ]);
  });

  it('after reset(), a pending handle records into the new store with its own fault', () => {
    const metrics = new ResilienceMetrics({ clock: manualClock() });
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', at: 0 });
    const handle = metrics.beginRecovery('a', 't', 'crash');
    metrics.reset();
    handle.succeed();
    expect(metrics.recoveryCount).toBe(1);
    expect(metrics.faultCount).toBe(1);
  });
});

describe('virtual time', () => {
  it('records exactly 30 s for a 30 s sleep on the scope clock, in no wall time', async () => {
    const clock = createVirtualClock();
    const metrics = new ResilienceMetrics();
    const runtime = createChaosRuntime({ clock, emit: metrics.sink, runId: 'run-1' });
    const wallStart = performance.now();
    await runInChaosScope(runtime, async () => {
      await clock.sleep(5_000);
      const fault: FaultEvent = { kind: 'fault', fault: 'crash', target: 'product', at: clock.now(), runId: 'run-1', source: 'plan', details: {} };
      runtime.emit(fault);
      await metrics.measureRecovery('product', 'run-1', 'crash', async () => {
        await clock.sleep(30_000);
      });
    });
    expect(performance.now() - wallStart).toBeLessThan(1_000);
    const [record] = [...metrics.iterateRecoveries()];
    expect(record).toMatchObject({ faultAt: 5_000, detectedAt: 5_000, recoveredAt: 35_000 });
    const summary = metrics.getSummary();
    expect(summary.mttrAvg).toBe(30);
    expect(summary.mttrMax).toBe(30);
  });

  it('reads the clock of the scope active at each call', () => {
    const metrics = new ResilienceMetrics();
    const early = createChaosRuntime({ clock: createVirtualClock({ startMs: 100 }) });
    const late = createChaosRuntime({ clock: createVirtualClock({ startMs: 9_000 }) });
    const a = runInChaosScope(early, () => metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash' }));
    const b = runInChaosScope(late, () => metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash' }));
    expect([a.at, b.at]).toEqual([100, 9_000]);
  });
});

describe('toJSON / fromJSON', () => {
  function populated(): ResilienceMetrics {
    const clock = manualClock(50);
    const metrics = new ResilienceMetrics({ clock, bootstrapSeed: 'round-trip' });
    metrics.startMeasurement();
    for (let run = 0; run < 6; run++) {
      const runId = `run-${run}`;
      const scenario = run % 2 === 0 ? 'ProductCrash' : 'MarketingTimeout';
      metrics.recordFailure({ agentId: 'product', threadId: runId, faultType: 'crash', runId, scenario, at: 1_000, error: 'AgentCrashError: crashed' });
      metrics.recordRecovery({ agentId: 'product', threadId: runId, faultType: 'crash', runId, scenario, faultAt: 1_000, detectedAt: 1_200, recoveredAt: 2_000 + run * 700, success: run !== 3, reconstructionAccuracy: run / 6, usedPeerContext: run % 3 === 0, error: run === 3 ? 'gave up' : undefined, notes: run === 1 ? 'note' : undefined });
      metrics.recordRecovery({ agentId: 'marketing', threadId: runId, faultType: 'timeout', runId, scenario, faultAt: 10_000, detectedAt: 40_000, recoveredAt: 45_000 + run * 100, success: true });
      metrics.recordScenarioResult({ scenario, runId, seed: `seed-${run}`, success: run !== 3, recovered: run !== 3, taskCompleted: run !== 3, mttrSeconds: 1.5, durationSeconds: 60, inconclusive: run === 5 ? true : undefined });
    }
    return metrics;
  }

  it('round-trips to an equal summary and equal records, through JSON text too', () => {
    const original = populated();
    const snapshot = original.toJSON();
    expect(snapshot.schemaVersion).toBe(METRICS_SCHEMA_VERSION);
    expect(snapshot.startedAt).toBe(50);
    expect(snapshot.bootstrapSeed).toBe('round-trip');
    const copy = ResilienceMetrics.fromJSON(snapshot);
    expect(copy.getSummary()).toEqual(original.getSummary());
    expect(copy.toJSON()).toEqual(snapshot);
    const parsed = ResilienceMetrics.fromJSON(JSON.parse(JSON.stringify(original)));
    expect(parsed.getSummary()).toEqual(original.getSummary());
    expect(parsed.faultCount).toBe(original.faultCount);
    expect(parsed.recoveryCount).toBe(original.recoveryCount);
    expect(parsed.startedAt).toBe(50);
  });

  it('stores and gives back thousands of records exactly', () => {
    const metrics = new ResilienceMetrics();
    const inputs: RecoveryInput[] = [];
    for (let i = 0; i < 5_000; i++) {
      inputs.push({
        agentId: `agent-${i % 7}`,
        threadId: `thread-${i % 13}`,
        faultType: ['crash', 'delay', 'timeout'][i % 3] as string,
        runId: `run-${i % 11}`,
        scenario: i % 5 === 0 ? undefined : `S${i % 4}`,
        faultAt: i * 1_000 + 0.25,
        detectedAt: i * 1_000 + 100.5,
        recoveredAt: i * 1_000 + 900.125,
        success: i % 9 !== 0,
        reconstructionAccuracy: i % 4 === 0 ? undefined : (i % 100) / 100,
        usedPeerContext: i % 2 === 0,
        error: i % 9 === 0 ? `failure ${i}` : undefined,
        notes: i % 50 === 0 ? `note ${i}` : undefined,
      });
    }
    for (const input of inputs) metrics.recordRecovery(input);
    const stored = [...metrics.iterateRecoveries()];
    expect(stored).toHaveLength(5_000);
    stored.forEach((record, i) => {
      const input = inputs[i] as RecoveryInput;
      expect(record).toEqual({ ...input, usedPeerContext: input.usedPeerContext ?? false, faultTimeSource: 'given', tags: undefined });
    });
    expect(metrics.faultCount).toBe(5_000);
    expect(ResilienceMetrics.fromJSON(metrics.toJSON()).getSummary()).toEqual(metrics.getSummary());
  });

  it('reads a version 1 snapshot: no tags, sources from the recorded faults, the default threshold', () => {
    const v1 = {
      schemaVersion: 1,
      startedAt: null,
      bootstrapSeed: 'v1',
      faults: [
        { agentId: 'a', threadId: 't', faultType: 'crash', runId: 'r', at: 1_000 },
        { agentId: 'a', threadId: 't', faultType: 'crash', runId: 'r', at: 9_000 },
      ],
      recoveries: [
        { agentId: 'a', threadId: 't', faultType: 'crash', runId: 'r', faultAt: 1_000, detectedAt: 1_000, recoveredAt: 2_000, success: true, reconstructionAccuracy: 0.95, usedPeerContext: false },
        { agentId: 'a', threadId: 't', faultType: 'crash', runId: 'r', faultAt: 5_000, detectedAt: 5_000, recoveredAt: 6_000, success: true, usedPeerContext: false },
      ],
      scenarioResults: [],
    };
    const metrics = ResilienceMetrics.fromJSON(v1);
    expect(metrics.accuracyThreshold).toBe(0.9);
    expect([...metrics.iterateRecoveries()].map((r) => [r.faultTimeSource, r.tags])).toEqual([
      ['recorded', undefined],
      ['given', undefined],
    ]);
    expect(metrics.getSummary()).toMatchObject({ totalRecoveries: 2, correctRecoveries: 1, scoredRecoveries: 1 });
    expect(metrics.toJSON().schemaVersion).toBe(METRICS_SCHEMA_VERSION);
  });

  it('rejects a snapshot of another schema version', () => {
    rejection(() => ResilienceMetrics.fromJSON({ ...populated().toJSON(), schemaVersion: 3 }), 'schemaVersion');
    rejection(() => ResilienceMetrics.fromJSON({ ...populated().toJSON(), schemaVersion: undefined }), 'schemaVersion');
    rejection(() => ResilienceMetrics.fromJSON('nope'), 'snapshot');
  });

  it('rejects a snapshot with one bad record, naming it by index', () => {
    const snapshot = JSON.parse(JSON.stringify(populated())) as { recoveries: Record<string, unknown>[]; faults: Record<string, unknown>[] };
    (snapshot.recoveries[3] as Record<string, unknown>)['detectedAt'] = 0;
    rejection(() => ResilienceMetrics.fromJSON(snapshot), 'recoveries[3].detectedAt');
    const snapshot2 = JSON.parse(JSON.stringify(populated())) as { faults: Record<string, unknown>[] };
    delete (snapshot2.faults[2] as Record<string, unknown>)['at'];
    rejection(() => ResilienceMetrics.fromJSON(snapshot2), 'faults[2].at');
    const snapshot3 = JSON.parse(JSON.stringify(populated())) as { scenarioResults: Record<string, unknown>[] };
    (snapshot3.scenarioResults[0] as Record<string, unknown>)['success'] = 'true';
    rejection(() => ResilienceMetrics.fromJSON(snapshot3), 'scenarioResults[0].success');
  });
});

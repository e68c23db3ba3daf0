import { createChaosRuntime, createVirtualClock, currentChaos, runInChaosScope, type FaultEvent } from '@chaos/config';
import { describe, expect, it } from 'vitest';
import { isMetricsValidationError } from '../src/MetricsValidationError.js';
import { ResilienceMetrics } from '../src/ResilienceMetrics.js';
import { getMetrics } from '../src/getMetrics.js';

/** What an injector of `@chaos/faults` does when a crash fires: emit the fault, then throw an error carrying its time. */
function fireCrash(target: string): Error & { faultAt: number } {
  const runtime = currentChaos();
  const at = runtime.clock.now();
  const event: FaultEvent = { kind: 'fault', fault: 'crash', target, at, runId: runtime.runId, source: 'probability', details: {}, tags: undefined };
  runtime.emit(event);
  return Object.assign(new Error(`Injected crash in "${target}"`), { name: 'AgentCrashError', faultAt: at });
}

describe("the seed's usage: measureRecovery right after startMeasurement()", () => {
  it('works verbatim: the block is the recovery, measured from the start of the measurement', async () => {
    // The seed's example, in TypeScript: no fault was recorded for agent-1 / thread-1.
    const metrics = new ResilienceMetrics();
    metrics.startMeasurement();
    await metrics.measureRecovery('agent-1', 'thread-1', 'crash', async () => {
      // ... the agent recovers here ...
    });
    const summary = metrics.getSummary();
    expect(summary.totalRecoveries).toBe(1);
    expect(summary.successfulRecoveries).toBe(1);
    expect(summary.measurementStartRecoveries).toBe(1);
    expect(summary.mttrAvg).toBeGreaterThanOrEqual(0);
    const [record] = [...metrics.iterateRecoveries()];
    expect(record).toMatchObject({ agentId: 'agent-1', threadId: 'thread-1', faultType: 'crash', faultTimeSource: 'measurement-start', success: true });
    expect(record?.faultAt).toBe(record?.detectedAt);
  });

  it('under virtual time, Δt is exactly the duration of the block', async () => {
    const clock = createVirtualClock();
    const metrics = new ResilienceMetrics();
    await runInChaosScope(createChaosRuntime({ clock }), async () => {
      metrics.startMeasurement();
      await clock.sleep(10_000); // time before the recovery is not part of it
      await metrics.measureRecovery('agent-1', 'thread-1', 'crash', () => clock.sleep(2_500));
      await metrics.measureRecovery('agent-1', 'thread-1', 'crash', () => clock.sleep(500));
    });
    const summary = metrics.getSummary();
    expect([...metrics.iterateRecoveries()].map((r) => [r.faultAt, r.recoveredAt, r.faultTimeSource])).toEqual([
      [10_000, 12_500, 'measurement-start'],
      [12_500, 13_000, 'measurement-start'],
    ]);
    // One run ('default'): the plain mean of 2.5 s and 0.5 s.
    expect(summary.mttrAvg).toBe(1.5);
    expect(summary.measurementStartRecoveries).toBe(2);
    // The implied fault of the second block is 0 s after the first recovery: MTBF 0.
    expect(summary.mtbf).toBe(0);
  });

  it('measures from an injected error’s fault time with `{ fault: error }`', async () => {
    const clock = createVirtualClock();
    const metrics = new ResilienceMetrics();
    await runInChaosScope(createChaosRuntime({ clock, runId: 'r1' }), async () => {
      await clock.sleep(3_000);
      const error = fireCrash('product'); // not recorded: the runtime's events go nowhere here
      await clock.sleep(1_000);
      await metrics.measureRecovery('product', 'r1', 'crash', () => clock.sleep(2_000), { fault: error });
    });
    expect([...metrics.iterateRecoveries()]).toMatchObject([{ faultAt: 3_000, faultTimeSource: 'given', detectedAt: 4_000, recoveredAt: 6_000 }]);
    expect(metrics.getSummary().measurementStartRecoveries).toBe(0);
  });

  it('links `{ fault: error }` to the recorded fault of that time, inheriting its tags', async () => {
    const clock = createVirtualClock();
    const metrics = new ResilienceMetrics();
    await runInChaosScope(createChaosRuntime({ clock, runId: 'r1', emit: metrics.sink }), async () => {
      await clock.sleep(100);
      const runtime = currentChaos();
      runtime.emit({ kind: 'fault', fault: 'crash', target: 'product', at: 100, runId: 'r1', source: 'plan', details: {}, tags: { model: 'm1' } } as FaultEvent);
      await clock.sleep(50);
      await metrics.measureRecovery('product', 'r1', 'crash', () => clock.sleep(10), { fault: { faultAt: 100 } });
    });
    expect([...metrics.iterateRecoveries()]).toMatchObject([{ faultAt: 100, faultTimeSource: 'recorded', tags: { model: 'm1' } }]);
    expect(metrics.faultCount).toBe(1);
  });

  it('rejects `fault` without a fault time, and `fault` with `faultAt`, before calling fn', async () => {
    const metrics = new ResilienceMetrics({ clock: createVirtualClock() });
    let called = false;
    const fn = (): void => {
      called = true;
    };
    const missing = await metrics.measureRecovery('a', 't', 'crash', fn, { fault: new Error('hand-made') }).catch((e: unknown) => e);
    expect(isMetricsValidationError(missing) && missing.field === 'fault').toBe(true);
    expect((missing as Error).message).toContain('carrying the fault time `faultAt`');
    const both = await metrics.measureRecovery('a', 't', 'crash', fn, { fault: { faultAt: 1 }, faultAt: 1 }).catch((e: unknown) => e);
    expect(isMetricsValidationError(both) && both.field === 'fault').toBe(true);
    expect(called).toBe(false);
    expect(metrics.recoveryCount).toBe(0);
  });
});

describe('getMetrics(): the process-wide store sees the process-wide faults', () => {
  it('records a fault fired outside any chaos scope, and measures the recovery from it', async () => {
    const metrics = getMetrics();
    metrics.reset();
    const error = fireCrash('product'); // the default runtime: real clock, no sink of its own
    expect(metrics.faultCount).toBe(1);
    const [fault] = [...metrics.iterateFaults()];
    expect(fault).toMatchObject({ agentId: 'product', threadId: 'default', runId: 'default', faultType: 'crash', at: error.faultAt });
    await metrics.measureRecovery('product', 'default', 'crash', () => undefined);
    const [recovery] = [...metrics.iterateRecoveries()];
    expect(recovery).toMatchObject({ faultAt: error.faultAt, faultTimeSource: 'recorded', success: true });
    expect(metrics.faultCount).toBe(1);
  });

  it('keeps listening after reset(), and stops when told', () => {
    const metrics = getMetrics();
    metrics.reset();
    expect(metrics.listening).toBe(true);
    fireCrash('a');
    expect(metrics.faultCount).toBe(1);
    metrics.stopListening();
    expect(metrics.listening).toBe(false);
    fireCrash('a');
    expect(metrics.faultCount).toBe(1);
    // listen() again restarts it; it is idempotent.
    const handle = metrics.listen();
    expect(metrics.listen()).toBe(handle);
    fireCrash('a');
    expect(metrics.faultCount).toBe(2);
    handle.dispose();
    handle.dispose();
    expect(metrics.listening).toBe(false);
    metrics.listen();
    metrics.reset();
  });

  it('lets a store of one’s own listen to nothing unless told', () => {
    const own = new ResilienceMetrics();
    fireCrash('b');
    expect(own.listening).toBe(false);
    expect(own.faultCount).toBe(0);
  });
});

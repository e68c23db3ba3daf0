import { createChaosRuntime, createVirtualClock, processRecoveryDetector, runInChaosScope } from '@chaos/config';
import { describe, expect, it } from 'vitest';
import { ResilienceMetrics } from '../src/index.js';

/** A fault event as an injector emits it, and a detector call around a step. */
function detectingStore() {
  const metrics = new ResilienceMetrics();
  const clock = createVirtualClock();
  const runtime = createChaosRuntime({ config: { enabled: true }, clock, seed: 's', runId: 'r', emit: metrics.sink, recoveries: metrics.detectRecoveries() });
  const fault = (target: string, fault = 'crash') =>
    runtime.emit({ kind: 'fault', fault, target, at: clock.now(), runId: 'r', source: 'probability', details: {} } as never);
  const call = (target: string, outcome: 'ok' | 'fail') => {
    const watch = runtime.recoveries!.begin(runtime, target);
    if (outcome === 'ok') watch.succeed();
    else watch.fail();
  };
  return { metrics, clock, runtime, fault, call };
}

describe('automatic recovery records', () => {
  it('carry `detection: automatic` through toJSON and fromJSON, and measured ones carry no such field', async () => {
    const { metrics, clock, runtime, fault, call } = detectingStore();
    fault('product');
    call('product', 'fail');
    await runInChaosScope(runtime, () => clock.sleep(2_000));
    call('product', 'ok');
    metrics.recordRecovery({ agentId: 'marketing', threadId: 'r', runId: 'r', faultType: 'timeout', faultAt: 0, detectedAt: 0, recoveredAt: 10, success: true });
    const snapshot = JSON.parse(JSON.stringify(metrics));
    expect(snapshot.recoveries[0]).toMatchObject({ agentId: 'product', detection: 'automatic', faultAt: 0, recoveredAt: 2_000 });
    expect(snapshot.recoveries[1]).not.toHaveProperty('detection');
    const copy = ResilienceMetrics.fromJSON(snapshot);
    expect([...copy.iterateRecoveries()]).toEqual([...metrics.iterateRecoveries()]);
    expect(copy.getSummary()).toEqual(metrics.getSummary());
  });

  it('does not close a fault with a call that began before it fired', () => {
    const { metrics, runtime, fault } = detectingStore();
    fault('product', 'delay'); // makes the detector watch calls
    const early = runtime.recoveries!.begin(runtime, 'product');
    fault('product');
    early.succeed();
    expect(metrics.recoveryCount).toBe(0);
    runtime.recoveries!.begin(runtime, 'product').succeed();
    expect(metrics.recoveryCount).toBe(1);
  });

  it('rejects an unknown detection mark in a snapshot', () => {
    const metrics = new ResilienceMetrics();
    metrics.recordRecovery({ agentId: 'a', threadId: 't', runId: 'r', faultType: 'crash', faultAt: 0, detectedAt: 0, recoveredAt: 1, success: true });
    const snapshot = JSON.parse(JSON.stringify(metrics));
    snapshot.recoveries[0].detection = 'manual';
    expect(() => ResilienceMetrics.fromJSON(snapshot)).toThrow(/recoveries\[0\]\.detection/);
  });

  it('surfaces a fault at the first failed call after it, and ignores other targets', async () => {
    const { metrics, clock, runtime, fault, call } = detectingStore();
    fault('product', 'corruption'); // an injected crash is detected as it fires; a corruption when a call fails
    await runInChaosScope(runtime, () => clock.sleep(300));
    call('marketing', 'fail');
    call('product', 'fail');
    await runInChaosScope(runtime, () => clock.sleep(700));
    call('marketing', 'ok');
    expect(metrics.recoveryCount).toBe(0);
    call('product', 'ok');
    expect([...metrics.iterateRecoveries()]).toEqual([expect.objectContaining({ faultAt: 0, detectedAt: 300, recoveredAt: 1_000 })]);
    expect(metrics.getSummary()).toMatchObject({ mttrAvg: 1, mttdAvg: 0.3 });
  });

  it('watches the runtimes without a sink of their own only while a detecting store listens', () => {
    const first = new ResilienceMetrics();
    const second = new ResilienceMetrics();
    const detector = first.detectRecoveries();
    expect(processRecoveryDetector()).toBeUndefined();
    first.listen();
    expect(processRecoveryDetector()).toBe(detector);
    expect(createChaosRuntime().recoveries).toBe(detector);
    expect(createChaosRuntime({ emit: () => undefined }).recoveries).toBeUndefined();
    second.listen();
    second.stopListening(); // not its detector: left alone
    expect(processRecoveryDetector()).toBe(detector);
    first.stopListening();
    expect(processRecoveryDetector()).toBeUndefined();
    expect(createChaosRuntime().recoveries).toBeUndefined();
  });
});

describe('an explicit recovery replacing the automatic record of its fault', () => {
  const sources = (metrics: ResilienceMetrics) => [...metrics.iterateRecoveries()].map((r) => [r.success, r.faultAt, r.faultTimeSource]);

  it('closes the fault when it succeeded, so a later measurement does not recover from it again', async () => {
    const { metrics, clock, runtime, fault } = detectingStore();
    fault('product'); // at 0
    await runInChaosScope(runtime, () => clock.sleep(1_000));
    metrics.endRun(runtime); // no call succeeded: an automatic failed recovery, the fault still open
    metrics.recordRecovery({ agentId: 'product', threadId: 'r', runId: 'r', faultType: 'crash', faultAt: 0, detectedAt: 0, recoveredAt: 500, success: true });
    await runInChaosScope(runtime, () => metrics.measureRecovery('product', 'r', 'crash', async () => {}));
    // The second measurement finds no open fault: it is timed from its own start.
    expect(sources(metrics)).toEqual([
      [true, 0, 'recorded'],
      [true, 1_000, 'measurement-start'],
    ]);
  });

  it('opens the fault again when it failed, so a later measurement recovers from it', async () => {
    const { metrics, clock, runtime, fault, call } = detectingStore();
    fault('product'); // at 0
    await runInChaosScope(runtime, () => clock.sleep(1_000));
    call('product', 'ok'); // an automatic successful recovery closes the fault
    metrics.recordRecovery({ agentId: 'product', threadId: 'r', runId: 'r', faultType: 'crash', faultAt: 0, detectedAt: 0, recoveredAt: 1_000, success: false, error: 'wrong state' });
    await runInChaosScope(runtime, () => clock.sleep(1_000));
    await runInChaosScope(runtime, () => metrics.measureRecovery('product', 'r', 'crash', async () => {}));
    expect(sources(metrics)).toEqual([
      [false, 0, 'recorded'],
      [true, 0, 'recorded'],
    ]);
  });
});

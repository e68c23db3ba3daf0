import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../src/_internals/RecordStore.js';
import { RunOrder } from '../../src/_internals/RunOrder.js';
import { ResilienceMetrics } from '../../src/ResilienceMetrics.js';
import type { RecoveryRecord } from '../../src/types.js';

describe('RunOrder', () => {
  it('lists each run and its first record while records come run after run in time order', () => {
    const order = new RunOrder();
    for (const [run, time] of [[7, 0], [7, 5], [7, 5], [3, 1], [9, 2], [9, 8]] as const) order.note(run, time);
    expect(order.segments()).toEqual({ runs: [7, 3, 9], starts: [0, 3, 4], count: 6 });
  });

  it('is lost when a run comes back after another', () => {
    const order = new RunOrder();
    for (const [run, time] of [[1, 0], [2, 0], [1, 5]] as const) order.note(run, time);
    expect(order.segments()).toBeUndefined();
  });

  it('is lost when time goes back within a run, and stays lost', () => {
    const order = new RunOrder();
    order.note(1, 5);
    order.note(1, 4);
    order.note(2, 9);
    expect(order.segments()).toBeUndefined();
  });

  it('is lost when told a record was rewritten', () => {
    const order = new RunOrder();
    order.note(1, 0);
    order.lose();
    expect(order.segments()).toBeUndefined();
  });
});

describe('RecordStore run segments', () => {
  const recovery = (runId: string, recoveredAt: number): RecoveryRecord => ({
    agentId: 'a',
    threadId: 't',
    faultType: 'crash',
    runId,
    scenario: undefined,
    faultAt: recoveredAt - 10,
    faultTimeSource: 'given',
    detectedAt: recoveredAt - 10,
    recoveredAt,
    success: true,
    reconstructionAccuracy: undefined,
    usedPeerContext: false,
    error: undefined,
    notes: undefined,
    tags: undefined,
  });

  it('keeps the order through a replacement at the same run and time, and loses it otherwise', () => {
    const store = new RecordStore();
    store.addRecovery(recovery('r1', 100));
    store.addRecovery(recovery('r1', 200));
    store.replaceRecovery(1, { ...recovery('r1', 200), success: false });
    expect(store.recoverySegments()?.count).toBe(2);
    store.replaceRecovery(0, recovery('r1', 300));
    expect(store.recoverySegments()).toBeUndefined();
  });
});

describe('summaries of records in run order and out of it', () => {
  it('are the same when recoveries come run by run in another run order than their faults', () => {
    const record = (metrics: ResilienceMetrics, run: string, k: number): void => {
      metrics.recordFailure({ agentId: `a${k}`, threadId: `${run}/t${k}`, faultType: 'crash', runId: run, at: k * 1_000 });
    };
    const recover = (metrics: ResilienceMetrics, run: string, k: number): void => {
      metrics.recordRecovery({ agentId: `a${k}`, threadId: `${run}/t${k}`, faultType: 'crash', runId: run, faultAt: k * 1_000, detectedAt: k * 1_000, recoveredAt: k * 1_000 + 300 + k * 7, success: true });
    };
    // Faults of r1 then r2; recoveries of r2 then r1: each column in run order, the runs not.
    const runOrdered = new ResilienceMetrics({ bootstrapResamples: 200 });
    for (const run of ['r1', 'r2']) for (let k = 0; k < 4; k++) record(runOrdered, run, k);
    for (const run of ['r2', 'r1']) for (let k = 0; k < 4; k++) recover(runOrdered, run, k);
    // The same records, every column interleaved across runs.
    const interleaved = new ResilienceMetrics({ bootstrapResamples: 200 });
    for (let k = 0; k < 4; k++) for (const run of ['r1', 'r2']) record(interleaved, run, k);
    for (let k = 0; k < 4; k++) for (const run of ['r2', 'r1']) recover(interleaved, run, k);
    expect(runOrdered.getSummary()).toEqual(interleaved.getSummary());
    expect(runOrdered.getSummary().mtbf).toBeCloseTo((700 - 7) / 1000, 12);
  });
});

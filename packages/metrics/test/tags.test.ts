import { createChaosRuntime, createVirtualClock, runInChaosScope } from '@chaos/config';
import { describe, expect, it } from 'vitest';
import { isMetricsValidationError } from '../src/MetricsValidationError.js';
import { ResilienceMetrics } from '../src/ResilienceMetrics.js';

/** A recovery of its own fault at `at` s, after `dt` s; times in seconds for reading. */
function recovery(metrics: ResilienceMetrics, runId: string, at: number, dt: number, accuracy: number, tags?: Record<string, string>): void {
  metrics.recordRecovery({
    agentId: 'agent',
    threadId: runId,
    faultType: 'crash',
    runId,
    scenario: 'S',
    faultAt: at * 1_000,
    detectedAt: at * 1_000,
    recoveredAt: (at + dt) * 1_000,
    success: true,
    reconstructionAccuracy: accuracy,
    ...(tags === undefined ? {} : { tags }),
  });
}

describe('tags', () => {
  // r1: restart 0 -> 2 (acc 1), replay 10 -> 16 (acc 0.5), restart 20 -> 24 (acc 0.95); all tagged model m1.
  // r2: restart 0 -> 10 (acc 1), replay 20 -> 22 (acc 1), an untagged recovery 30 -> 130.
  function campaign(): ResilienceMetrics {
    const metrics = new ResilienceMetrics({ bootstrapSeed: 'tags' });
    recovery(metrics, 'r1', 0, 2, 1, { reflex: 'restart', model: 'm1' });
    recovery(metrics, 'r1', 10, 6, 0.5, { reflex: 'replay', model: 'm1' });
    recovery(metrics, 'r1', 20, 4, 0.95, { model: 'm1', reflex: 'restart' });
    recovery(metrics, 'r2', 0, 10, 1, { reflex: 'restart' });
    recovery(metrics, 'r2', 20, 2, 1, { reflex: 'replay' });
    recovery(metrics, 'r2', 30, 100, 1);
    return metrics;
  }

  it('breaks the summary down by each value of each key, with every figure (by hand)', () => {
    const s = campaign().getSummary();
    expect(Object.keys(s.byTag)).toEqual(['model', 'reflex']);
    expect(Object.keys(s.byTag['reflex'] ?? {})).toEqual(['replay', 'restart']);
    const restart = s.byTag['reflex']?.['restart'];
    // Δt: r1 [2, 4] (mean 3), r2 [10]: MTTR-A (3 + 10) / 2 = 6.5; sorted [2, 4, 10]
    expect(restart).toMatchObject({ totalFaults: 3, totalRecoveries: 3, successfulRecoveries: 3, totalRuns: 2, mttrAvg: 6.5, mttrMedian: 4, mttrMin: 2, mttrMax: 10 });
    // std: mean 16/3, squared deviations (100 + 16 + 196) / 9 = 312/9, / (n − 1) = 156/9
    expect(restart?.mttrStd).toBeCloseTo(Math.sqrt(156 / 9), 12);
    expect(restart?.mttrP90).toBeCloseTo(4 + 0.8 * 6, 12); // h = 1.8
    expect(restart?.mttrP95).toBeCloseTo(4 + 0.9 * 6, 12); // h = 1.9
    // Bootstrap over the two run means 3 and 10: the interval lies between them.
    expect(restart?.mttrCi95?.low).toBeGreaterThanOrEqual(3);
    expect(restart?.mttrCi95?.high).toBeLessThanOrEqual(10);
    // MTBF: r1's restart at 2 s is followed by the next restart fault at 20 s: 18 s; r2's has none.
    expect(restart).toMatchObject({ mtbf: 18, pairedRuns: 1, pairedMttrAvg: 3, pairedMttrMedian: 3 });
    expect(restart?.nrr).toBeCloseTo(1 - 3 / 18, 12);
    expect(restart).toMatchObject({ scoredRecoveries: 3, correctRecoveries: 3, correctRecoveryRate: 100 });
    const replay = s.byTag['reflex']?.['replay'];
    // Δt: r1 [6], r2 [2]: MTTR-A 4, median 4, std √8; accuracy 0.5 and 1: one correct of two.
    expect(replay).toMatchObject({ totalRecoveries: 2, mttrAvg: 4, mttrMedian: 4, correctRecoveryRate: 50, mtbf: null, nrr: null });
    expect(replay?.mttrStd).toBeCloseTo(Math.sqrt(8), 12);
    expect(replay?.reconstructionAccuracyAvg).toBe(0.75);
    // The other key: only r1's three recoveries carry it.
    expect(s.byTag['model']?.['m1']).toMatchObject({ totalRecoveries: 3, totalRuns: 1, mttrAvg: 4, mttrMedian: 4 });
    // The untagged recovery is in the whole, in no tag group.
    expect(s.totalRecoveries).toBe(6);
  });

  it('gives a tag group the results of the runs it has records in', () => {
    const metrics = campaign();
    metrics.recordScenarioResult({ scenario: 'S', runId: 'r1', success: true, recovered: true, taskCompleted: true, mttrSeconds: 4 });
    metrics.recordScenarioResult({ scenario: 'S', runId: 'r2', success: false, recovered: true, taskCompleted: false, mttrSeconds: 4 });
    const s = metrics.getSummary();
    expect(s.byTag['model']?.['m1']?.taskCompletionRate).toBe(100);
    expect(s.byTag['reflex']?.['restart']?.taskCompletionRate).toBe(50);
  });

  it('has no tag breakdown without tags', () => {
    const metrics = new ResilienceMetrics();
    recovery(metrics, 'r', 0, 1, 1);
    recovery(metrics, 'r', 5, 1, 1, {});
    expect(metrics.getSummary().byTag).toEqual({});
    expect([...metrics.iterateRecoveries()].map((r) => r.tags)).toEqual([undefined, undefined]);
  });

  it('keeps tags on records, through toJSON and fromJSON', () => {
    const original = campaign();
    const copy = ResilienceMetrics.fromJSON(JSON.parse(JSON.stringify(original)));
    expect([...copy.iterateRecoveries()].map((r) => r.tags)).toEqual([...original.iterateRecoveries()].map((r) => r.tags));
    expect([...copy.iterateFaults()][0]?.tags).toEqual({ model: 'm1', reflex: 'restart' });
    expect(copy.getSummary()).toEqual(original.getSummary());
  });

  it('lets a recovery inherit its fault’s tags, add its own, and change them while it runs', async () => {
    const clock = createVirtualClock();
    const metrics = new ResilienceMetrics();
    await runInChaosScope(createChaosRuntime({ clock, runId: 'r' }), async () => {
      metrics.recordFailure({ agentId: 'a', threadId: 'r', faultType: 'crash', tags: { model: 'm1', prompt: 'v1' } });
      await metrics.measureRecovery(
        'a',
        'r',
        'crash',
        async (event) => {
          expect(event.tags).toEqual({ model: 'm1', prompt: 'v2' });
          event.tags.reflex = 'restart';
          await clock.sleep(10);
        },
        { tags: { prompt: 'v2' } },
      );
      const handle = metrics.beginRecovery('b', 'r', 'crash', { tags: { reflex: 'replay' } });
      handle.tags = { reflex: 'reload' };
      handle.succeed();
    });
    expect([...metrics.iterateRecoveries()].map((r) => r.tags)).toEqual([{ model: 'm1', prompt: 'v2', reflex: 'restart' }, { reflex: 'reload' }]);
  });

  it('rejects tags that are not an object of strings, naming the bad one', () => {
    const metrics = new ResilienceMetrics();
    const reject = (fn: () => unknown, field: string): void => {
      let error: unknown;
      try {
        fn();
      } catch (e: unknown) {
        error = e;
      }
      expect(isMetricsValidationError(error) && error.field === field).toBe(true);
    };
    reject(() => metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', tags: { model: 4 } as never }), 'tags.model');
    reject(() => metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', tags: ['x'] as never }), 'tags');
    reject(() => recovery(metrics, 'r', 0, 1, 1, { '': 'x' }), 'tags');
    const handle = metrics.beginRecovery('a', 't', 'crash');
    (handle.tags as Record<string, unknown>)['reflex'] = 3;
    reject(() => handle.succeed(), 'tags.reflex');
    expect(metrics.recoveryCount).toBe(0);
    expect(metrics.faultCount).toBe(0);
  });
});

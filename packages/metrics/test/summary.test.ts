import { describe, expect, it } from 'vitest';
import { ResilienceMetrics } from '../src/ResilienceMetrics.js';
import type { RecoveryInput } from '../src/ResilienceMetrics.js';

/** A successful recovery; times in ms. */
function ok(
  agentId: string,
  faultType: string,
  runId: string,
  faultAt: number,
  detectedAt: number,
  recoveredAt: number,
  extra: Partial<RecoveryInput> = {},
): RecoveryInput {
  return { agentId, threadId: `${runId}/t`, faultType, runId, faultAt, detectedAt, recoveredAt, success: true, ...extra };
}

describe('getSummary: known answers computed by hand', () => {
  it('gives null, never NaN, for an empty store', () => {
    const summary = new ResilienceMetrics().getSummary();
    expect(summary).toMatchObject({
      totalFaults: 0,
      totalRecoveries: 0,
      successfulRecoveries: 0,
      failedRecoveries: 0,
      totalRuns: 0,
      mttrAvg: null,
      mttrMedian: null,
      mttrP50: null,
      mttrP95: null,
      mttrP99: null,
      mttrMin: null,
      mttrMax: null,
      mttrStd: null,
      mttrCi95: null,
      mttdAvg: null,
      mttrRepairAvg: null,
      mtbf: null,
      nrr: null,
      uptime: null,
      recoverySuccessRate: null,
      reconstructionAccuracyAvg: null,
      taskCompletionRate: null,
      peerContextUsageRate: null,
      byScenario: {},
      byFaultType: {},
      byAgent: {},
    });
  });

  it('takes MTTR-A as the mean of the per-run means, which differs from the flat mean', () => {
    const metrics = new ResilienceMetrics();
    // run r1: Δt = 1 s and 3 s -> run mean 2 s
    metrics.recordRecovery(ok('a', 'crash', 'r1', 0, 500, 1_000));
    metrics.recordRecovery(ok('a', 'crash', 'r1', 10_000, 10_500, 13_000));
    // run r2: Δt = 10 s -> run mean 10 s
    metrics.recordRecovery(ok('a', 'crash', 'r2', 0, 2_000, 10_000));
    const s = metrics.getSummary();
    // MTTR-A = (2 + 10) / 2 = 6 s; the flat mean would be (1 + 3 + 10) / 3 = 4.667 s
    expect(s.mttrAvg).toBe(6);
    // sorted Δt = [1, 3, 10]: median 3, min 1, max 10
    expect(s.mttrMedian).toBe(3);
    expect(s.mttrMin).toBe(1);
    expect(s.mttrMax).toBe(10);
    // sample std: mean 14/3; squared deviations (11/3)² + (5/3)² + (16/3)² = 402/9;
    // / (n − 1 = 2) = 201/9 = 22.333…; sqrt = 4.72582…
    expect(s.mttrStd).toBeCloseTo(Math.sqrt(201 / 9), 12);
    // detect: run r1 mean (0.5 + 0.5) / 2 = 0.5, run r2 2 -> MTTD = (0.5 + 2) / 2 = 1.25 s
    expect(s.mttdAvg).toBe(1.25);
    // repair: run r1 mean (0.5 + 2.5) / 2 = 1.5, run r2 8 -> (1.5 + 8) / 2 = 4.75 s
    expect(s.mttrRepairAvg).toBe(4.75);
    // detect + repair = MTTR-A exactly (same nesting)
    expect((s.mttdAvg as number) + (s.mttrRepairAvg as number)).toBe(s.mttrAvg);
    expect(s.totalRuns).toBe(2);
  });

  it('with a single run, MTTR-A is the plain mean', () => {
    const metrics = new ResilienceMetrics();
    metrics.recordRecovery(ok('a', 'crash', 'only', 0, 0, 1_000));
    metrics.recordRecovery(ok('a', 'crash', 'only', 5_000, 5_000, 7_000));
    metrics.recordRecovery(ok('a', 'crash', 'only', 9_000, 9_000, 15_000));
    // (1 + 2 + 6) / 3 = 3 s
    expect(metrics.getSummary().mttrAvg).toBe(3);
  });

  it('computes MedTTR-A and P50/P95/P99 as type-7 quantiles of Δt', () => {
    const metrics = new ResilienceMetrics();
    // Δt in seconds, recorded out of order
    const durations = [12, 4, 40, 2, 9, 5, 15, 4, 10, 7];
    let t = 0;
    for (const seconds of durations) {
      metrics.recordRecovery(ok('a', 'crash', 'r', t, t, t + seconds * 1_000));
      t += 100_000;
    }
    const s = metrics.getSummary();
    // sorted: x = [2, 4, 4, 5, 7, 9, 10, 12, 15, 40], n = 10, h = (n − 1) p = 9p
    // P50: h = 4.5  -> x[4] + 0.5 (x[5] − x[4])  = 7 + 0.5 × 2   = 8
    // P95: h = 8.55 -> x[8] + 0.55 (x[9] − x[8]) = 15 + 0.55 × 25 = 28.75
    // P99: h = 8.91 -> x[8] + 0.91 (x[9] − x[8]) = 15 + 0.91 × 25 = 37.75
    expect(s.mttrMedian).toBeCloseTo(8, 12);
    expect(s.mttrP50).toBeCloseTo(8, 12);
    expect(s.mttrP95).toBeCloseTo(28.75, 12);
    expect(s.mttrP99).toBeCloseTo(37.75, 12);
    expect(s.mttrMin).toBe(2);
    expect(s.mttrMax).toBe(40);
    // one run: plain mean 108 / 10 = 10.8
    expect(s.mttrAvg).toBeCloseTo(10.8, 12);
  });

  describe('MTBF, NRR and uptime', () => {
    // One run. Faults: F1 a/crash at 0, F2 b/timeout at 25 s, F3 a/crash at 60 s,
    // F4 a/crash at 100 s (never recovered).
    // Recoveries: R1 of F1 (detected 1 s, recovered 5 s: Δt 5), R2 of F2 (detected
    // 26 s, recovered 27 s: Δt 2), R3 of F3 (detected 60.5 s, recovered 61 s: Δt 1).
    function trace(): ResilienceMetrics {
      const metrics = new ResilienceMetrics();
      const fault = (agentId: string, faultType: string, at: number) =>
        metrics.recordFailure({ agentId, threadId: 'r/t', faultType, runId: 'r', at });
      fault('a', 'crash', 0);
      metrics.recordRecovery(ok('a', 'crash', 'r', 0, 1_000, 5_000));
      fault('b', 'timeout', 25_000);
      metrics.recordRecovery(ok('b', 'timeout', 'r', 25_000, 26_000, 27_000));
      fault('a', 'crash', 60_000);
      metrics.recordRecovery(ok('a', 'crash', 'r', 60_000, 60_500, 61_000));
      fault('a', 'crash', 100_000);
      return metrics;
    }

    it('pairs each recovery with the next fault of its run', () => {
      const s = trace().getSummary();
      expect(s.totalFaults).toBe(4); // the recoveries found their recorded faults
      // pairs: R1 (5 s) -> F2 (25 s): 20 s; R2 (27 s) -> F3 (60 s): 33 s;
      //        R3 (61 s) -> F4 (100 s): 39 s.  MTBF = 92 / 3 = 30.667 s
      expect(s.mtbf).toBeCloseTo(92 / 3, 12);
      // MTTR-A = (5 + 2 + 1) / 3 = 8/3 s
      expect(s.mttrAvg).toBeCloseTo(8 / 3, 12);
      // NRR = 1 − (8/3) / (92/3) = 1 − 8/92 = 0.913043…
      expect(s.nrr).toBeCloseTo(1 - 8 / 92, 12);
      // uptime = (92/3) / (92/3 + 8/3) = 92 / 100 = 0.92
      expect(s.uptime).toBeCloseTo(0.92, 12);
      // MTTD = (1 + 1 + 0.5) / 3; repair = (4 + 1 + 0.5) / 3
      expect(s.mttdAvg).toBeCloseTo(2.5 / 3, 12);
      expect(s.mttrRepairAvg).toBeCloseTo(5.5 / 3, 12);
    });

    it('breaks down by agent and fault type, pairing within the group', () => {
      const s = trace().getSummary();
      const a = s.byAgent['a'];
      // agent a: recoveries R1 (Δt 5) and R3 (Δt 1); its faults F1, F3, F4.
      // pairs: R1 (5 s) -> F3 (60 s): 55 s; R3 (61 s) -> F4 (100 s): 39 s. MTBF = 47 s
      expect(a?.mtbf).toBeCloseTo(47, 12);
      expect(a?.mttrAvg).toBeCloseTo(3, 12); // (5 + 1) / 2
      expect(a?.nrr).toBeCloseTo(1 - 3 / 47, 12); // 44/47
      expect(a?.uptime).toBeCloseTo(47 / 50, 12);
      expect(a?.totalFaults).toBe(3);
      expect(a?.totalRecoveries).toBe(2);
      // agent b: one recovery, no later fault of b -> no pair: MTBF, NRR, uptime null
      const b = s.byAgent['b'];
      expect(b?.mttrAvg).toBe(2);
      expect(b?.mtbf).toBeNull();
      expect(b?.nrr).toBeNull();
      expect(b?.uptime).toBeNull();
      expect(b?.mttrStd).toBeNull(); // one sample
      expect(b?.mttrCi95).toBeNull(); // one unit
      // fault types mirror the agents here
      expect(s.byFaultType['crash']).toEqual(a);
      expect(s.byFaultType['timeout']).toEqual(b);
      expect(Object.keys(s.byScenario)).toEqual([]);
    });

    it('gives the same answers when the same records arrive in reverse order', () => {
      const forward = trace();
      const backward = new ResilienceMetrics();
      const faults = [...forward.iterateFaults()].reverse();
      const recoveries = [...forward.iterateRecoveries()].reverse();
      for (const fault of faults) backward.recordFailure({ ...fault, scenario: fault.scenario ?? undefined, error: fault.error });
      for (const r of recoveries) {
        backward.recordRecovery({ ...r, scenario: r.scenario ?? undefined, reconstructionAccuracy: r.reconstructionAccuracy ?? undefined, notes: r.notes ?? undefined });
      }
      expect(backward.faultCount).toBe(4);
      expect(backward.getSummary()).toEqual(forward.getSummary());
    });

    it('never pairs across runs', () => {
      const metrics = new ResilienceMetrics();
      metrics.recordRecovery(ok('a', 'crash', 'r1', 0, 0, 1_000));
      metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'crash', runId: 'r2', at: 50_000 });
      const s = metrics.getSummary();
      expect(s.mtbf).toBeNull();
      expect(s.nrr).toBeNull();
      expect(s.uptime).toBeNull();
    });

    it('counts a fault at the very moment of a recovery as its next fault (interval 0)', () => {
      const metrics = new ResilienceMetrics();
      metrics.recordRecovery(ok('a', 'crash', 'r', 0, 1_000, 2_000));
      metrics.recordFailure({ agentId: 'b', threadId: 't', faultType: 'crash', runId: 'r', at: 2_000 });
      const s = metrics.getSummary();
      expect(s.mtbf).toBe(0);
      expect(s.nrr).toBeNull(); // 1 − MTTR-A / 0 is undefined
      expect(s.uptime).toBe(0); // 0 / (0 + 2)
    });

    it('does not pair an instant recovery with faults at its own fault time', () => {
      const metrics = new ResilienceMetrics();
      // Δt = 0 at t = 1 s; another fault at 1 s is indistinguishable from its own
      metrics.recordRecovery(ok('a', 'crash', 'r', 1_000, 1_000, 1_000));
      metrics.recordFailure({ agentId: 'b', threadId: 't', faultType: 'crash', runId: 'r', at: 1_000 });
      metrics.recordFailure({ agentId: 'c', threadId: 't', faultType: 'crash', runId: 'r', at: 4_000 });
      // pair: recovery (1 s) -> fault at 4 s: 3 s
      expect(metrics.getSummary().mtbf).toBe(3);
    });
  });

  it('computes the rates from attempts and conclusive scenario results', () => {
    const metrics = new ResilienceMetrics();
    metrics.recordRecovery(ok('a', 'crash', 'r1', 0, 0, 1_000, { reconstructionAccuracy: 1, usedPeerContext: true }));
    metrics.recordRecovery(ok('a', 'crash', 'r1', 5_000, 5_000, 6_000, { reconstructionAccuracy: 0.5 }));
    metrics.recordRecovery(ok('a', 'crash', 'r2', 0, 0, 3_000, { reconstructionAccuracy: 0.75, usedPeerContext: true }));
    metrics.recordRecovery({ ...ok('a', 'crash', 'r2', 9_000, 9_000, 12_000), success: false, error: 'gave up' });
    const outcome = { scenario: 'S', success: true, recovered: true, mttrSeconds: null };
    metrics.recordScenarioResult({ ...outcome, runId: 'r1', taskCompleted: true });
    metrics.recordScenarioResult({ ...outcome, runId: 'r2', taskCompleted: false });
    metrics.recordScenarioResult({ ...outcome, runId: 'r3', taskCompleted: true });
    metrics.recordScenarioResult({ ...outcome, runId: 'r4', taskCompleted: false, inconclusive: true });
    const s = metrics.getSummary();
    expect(s.totalRecoveries).toBe(4);
    expect(s.successfulRecoveries).toBe(3);
    expect(s.failedRecoveries).toBe(1);
    expect(s.recoverySuccessRate).toBe(75); // 3 / 4
    expect(s.peerContextUsageRate).toBe(50); // 2 / 4
    expect(s.reconstructionAccuracyAvg).toBe(0.75); // (1 + 0.5 + 0.75) / 3
    // conclusive results r1, r2, r3; completed r1, r3 -> 2/3
    expect(s.taskCompletionRate).toBeCloseTo(200 / 3, 12);
    expect(s.totalRuns).toBe(4); // r1..r4
    // MTTR-A: r1 mean (1 + 1) / 2 = 1; r2 mean 3 (the failed attempt is not a Δt) -> 2
    expect(s.mttrAvg).toBe(2);
    // the failed attempt's fault stays a fault: 4 faults (implied by the recoveries)
    expect(s.totalFaults).toBe(4);
  });

  it('breaks everything down per scenario, fault type and agent', () => {
    const metrics = new ResilienceMetrics();
    // scenario S1: runs a, b. scenario S2: run c.
    metrics.recordRecovery(ok('product', 'crash', 'a', 0, 0, 2_000, { scenario: 'S1' })); // 2 s
    metrics.recordRecovery(ok('marketing', 'timeout', 'a', 10_000, 10_000, 14_000, { scenario: 'S1' })); // 4 s
    metrics.recordRecovery(ok('product', 'crash', 'b', 0, 0, 6_000, { scenario: 'S1' })); // 6 s
    metrics.recordRecovery(ok('product', 'crash', 'c', 0, 0, 10_000, { scenario: 'S2', usedPeerContext: true })); // 10 s
    const base = { success: true, recovered: true, mttrSeconds: null };
    metrics.recordScenarioResult({ ...base, scenario: 'S1', runId: 'a', taskCompleted: true });
    metrics.recordScenarioResult({ ...base, scenario: 'S1', runId: 'b', taskCompleted: false });
    metrics.recordScenarioResult({ ...base, scenario: 'S2', runId: 'c', taskCompleted: true });
    const s = metrics.getSummary();
    expect(Object.keys(s.byScenario)).toEqual(['S1', 'S2']);
    expect(Object.keys(s.byFaultType)).toEqual(['crash', 'timeout']);
    expect(Object.keys(s.byAgent)).toEqual(['marketing', 'product']);
    // whole: run means a (2 + 4) / 2 = 3, b 6, c 10 -> (3 + 6 + 10) / 3 = 19/3
    expect(s.mttrAvg).toBeCloseTo(19 / 3, 12);
    expect(s.taskCompletionRate).toBeCloseTo(200 / 3, 12);
    // S1: runs a (3) and b (6) -> 4.5; results a done, b not -> 50 %
    expect(s.byScenario['S1']).toMatchObject({ mttrAvg: 4.5, totalRuns: 2, totalRecoveries: 3, taskCompletionRate: 50 });
    // S2: run c -> 10; its one result completed -> 100 %
    expect(s.byScenario['S2']).toMatchObject({ mttrAvg: 10, totalRuns: 1, taskCompletionRate: 100, peerContextUsageRate: 100 });
    // crash: a 2, b 6, c 10 -> 6; runs a, b, c; results of those runs: 2 of 3 completed
    expect(s.byFaultType['crash']).toMatchObject({ mttrAvg: 6, totalRuns: 3, totalRecoveries: 3, peerContextUsageRate: 100 / 3 });
    expect(s.byFaultType['crash']?.taskCompletionRate).toBeCloseTo(200 / 3, 12);
    // timeout: run a only -> 4; the result of run a completed -> 100 %
    expect(s.byFaultType['timeout']).toMatchObject({ mttrAvg: 4, totalRuns: 1, taskCompletionRate: 100 });
    // agents mirror the fault types here
    expect(s.byAgent['product']).toEqual(s.byFaultType['crash']);
    expect(s.byAgent['marketing']).toEqual(s.byFaultType['timeout']);
  });

  it('gives the same bootstrap interval for the same seed, and another for another seed', () => {
    const fill = (metrics: ResilienceMetrics) => {
      for (let run = 0; run < 12; run++) {
        metrics.recordRecovery(ok('a', 'crash', `r${run}`, 0, 0, 1_000 + ((run * 7_919) % 5_000)));
      }
      return metrics.getSummary().mttrCi95;
    };
    const first = fill(new ResilienceMetrics({ bootstrapSeed: 'x' }));
    const again = fill(new ResilienceMetrics({ bootstrapSeed: 'x' }));
    const other = fill(new ResilienceMetrics({ bootstrapSeed: 'y' }));
    expect(first).not.toBeNull();
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    const mttr = new ResilienceMetrics({ bootstrapSeed: 'x' });
    fill(mttr);
    const s = mttr.getSummary();
    expect(s.mttrCi95?.low).toBeLessThanOrEqual(s.mttrAvg as number);
    expect(s.mttrCi95?.high).toBeGreaterThanOrEqual(s.mttrAvg as number);
  });

  it('gives a group the same interval whatever else was recorded', () => {
    const durations = [1_000, 4_000, 2_500, 8_000, 3_000];
    const alone = new ResilienceMetrics();
    const crowded = new ResilienceMetrics();
    durations.forEach((ms, run) => {
      alone.recordRecovery(ok('a', 'crash', `r${run}`, 0, 0, ms));
      crowded.recordRecovery(ok('a', 'crash', `r${run}`, 0, 0, ms));
      crowded.recordRecovery(ok('b', 'delay', `other${run}`, 0, 0, 50 * ms + 7));
    });
    expect(crowded.getSummary().byAgent['a']?.mttrCi95).toEqual(alone.getSummary().byAgent['a']?.mttrCi95);
  });

  it('summarises records from runs recorded interleaved the same as run by run', () => {
    const inOrder = new ResilienceMetrics();
    const interleaved = new ResilienceMetrics();
    const records: RecoveryInput[] = [];
    for (let run = 0; run < 3; run++) {
      for (let k = 0; k < 4; k++) {
        const at = k * 10_000;
        records.push(ok(`agent${k % 2}`, k % 2 === 0 ? 'crash' : 'delay', `run${run}`, at, at + 100, at + 1_000 * (run + k + 1)));
      }
    }
    for (const record of records) inOrder.recordRecovery(record);
    for (let k = 0; k < 4; k++) for (let run = 0; run < 3; run++) interleaved.recordRecovery(records[run * 4 + k] as RecoveryInput);
    expect(interleaved.getSummary()).toEqual(inOrder.getSummary());
  });
});

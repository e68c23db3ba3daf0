import { describe, expect, it } from 'vitest';
import { ResilienceMetrics } from '../src/ResilienceMetrics.js';

/** A fault, then its successful recovery `dt` ms later (detected at once). */
function faultAndRecovery(metrics: ResilienceMetrics, runId: string, scenario: string, at: number, dt: number): void {
  metrics.recordFailure({ agentId: 'a', threadId: runId, faultType: 'crash', runId, scenario, at });
  metrics.recordRecovery({ agentId: 'a', threadId: runId, faultType: 'crash', runId, scenario, faultAt: at, detectedAt: at, recoveredAt: at + dt, success: true });
}

describe('NRR and uptime over the runs where MTBF is defined', () => {
  // Run A (scenario Single): one fault, recovered after 10 s, nothing after: no MTBF.
  // Run B (scenario Soak): F 0 -> R 1 (Δt 1); F 5 (stable 4) -> R 7 (Δt 2); F 10 (stable 3)
  //   -> R 16 (Δt 6); F 24 (stable 8), never recovered. MTBF = (4 + 3 + 8) / 3 = 5 s.
  function campaign(): ResilienceMetrics {
    const metrics = new ResilienceMetrics();
    faultAndRecovery(metrics, 'A', 'Single', 0, 10_000);
    faultAndRecovery(metrics, 'B', 'Soak', 0, 1_000);
    faultAndRecovery(metrics, 'B', 'Soak', 5_000, 2_000);
    faultAndRecovery(metrics, 'B', 'Soak', 10_000, 6_000);
    metrics.recordFailure({ agentId: 'a', threadId: 'B', faultType: 'crash', runId: 'B', scenario: 'Soak', at: 24_000 });
    return metrics;
  }

  it('pairs MTTR-A and MTBF over the same runs (by hand)', () => {
    const s = campaign().getSummary();
    // MTTR-A over every run: (10 + mean(1, 2, 6) = 3) / 2 = 6.5 s; MedTTR-A of [1, 2, 6, 10] = 4 s.
    expect(s.mttrAvg).toBe(6.5);
    expect(s.mttrMedian).toBe(4);
    expect(s.mtbf).toBe(5);
    // Only run B has an MTBF: NRR uses its MTTR-A (3 s) and median (2 s), not the campaign's.
    expect(s.pairedRuns).toBe(1);
    expect(s.pairedMttrAvg).toBe(3);
    expect(s.pairedMttrMedian).toBe(2);
    expect(s.nrr).toBeCloseTo(1 - 3 / 5, 12); // 0.4; pairing all runs would say 1 − 6.5 / 5 = −0.3
    expect(s.nrrMedian).toBeCloseTo(1 - 2 / 5, 12); // 0.6
    expect(s.uptime).toBeCloseTo(5 / (5 + 3), 12); // 0.625
  });

  it('gives the campaign the NRR of the one scenario that has an MTBF', () => {
    const s = campaign().getSummary();
    const soak = s.byScenario['Soak'];
    expect(soak).toMatchObject({ pairedRuns: 1, pairedMttrAvg: 3, mtbf: 5 });
    expect(s.nrr).toBe(soak?.nrr);
    expect(s.nrrMedian).toBe(soak?.nrrMedian);
    expect(s.uptime).toBe(soak?.uptime);
    expect(s.byScenario['Single']).toMatchObject({ pairedRuns: 0, pairedMttrAvg: null, pairedMttrMedian: null, mtbf: null, nrr: null, nrrMedian: null, uptime: null });
  });

  it('reproduces the form of the MTTR-A paper’s Table II: 1 − MedTTR-A / MTBF = 1 − 6.21 / 6.73', () => {
    const metrics = new ResilienceMetrics();
    // One run, Δt 5.9, 6.21 and 7.4 s (median 6.21 s), each recovery followed by 6.73 s of stable operation.
    let t = 0;
    for (const dt of [5_900, 6_210, 7_400]) {
      faultAndRecovery(metrics, 'run', 'Paper', t, dt);
      t += dt + 6_730;
    }
    metrics.recordFailure({ agentId: 'a', threadId: 'run', faultType: 'crash', runId: 'run', scenario: 'Paper', at: t });
    const s = metrics.getSummary();
    expect(s.mttrMedian).toBeCloseTo(6.21, 12);
    expect(s.mtbf).toBeCloseTo(6.73, 12);
    expect(s.nrrMedian).toBeCloseTo(1 - 6.21 / 6.73, 12);
    expect(s.nrrMedian?.toFixed(3)).toBe('0.077');
  });

  it('computes P90 as a type-7 quantile (by hand)', () => {
    const s = campaign().getSummary();
    // Sorted Δt [1, 2, 6, 10]: h = 3 × 0.9 = 2.7 -> 6 + 0.7 × (10 − 6) = 8.8
    expect(s.mttrP90).toBeCloseTo(8.8, 12);
    expect(s.byScenario['Soak']?.mttrP90).toBeCloseTo(2 + 0.8 * 4, 12); // [1, 2, 6]: h = 1.8
    expect(new ResilienceMetrics().getSummary().mttrP90).toBeNull();
  });

  it('uses the median over the paired runs only when some runs are paired and some are not', () => {
    const metrics = campaign();
    // A second soak run, paired: F 0 -> R 4 (Δt 4), F 9 (stable 5).
    faultAndRecovery(metrics, 'C', 'Soak', 0, 4_000);
    metrics.recordFailure({ agentId: 'a', threadId: 'C', faultType: 'crash', runId: 'C', scenario: 'Soak', at: 9_000 });
    const s = metrics.getSummary();
    // Paired runs B and C: Δt [1, 2, 6, 4] -> median 3; run means 3 and 4 -> 3.5; MTBF (4 + 3 + 8 + 5) / 4 = 5.
    expect(s.pairedRuns).toBe(2);
    expect(s.pairedMttrMedian).toBe(3);
    expect(s.pairedMttrAvg).toBe(3.5);
    expect(s.nrrMedian).toBeCloseTo(1 - 3 / 5, 12);
    expect(s.nrr).toBeCloseTo(1 - 3.5 / 5, 12);
  });
});

import { describe, expect, it } from 'vitest';
import * as main from '../../src/index.js';
import * as compare from '../../src/compare.js';
import { ResilienceMetrics } from '../../src/ResilienceMetrics.js';

function campaign(seconds: readonly number[]): ResilienceMetrics {
  const metrics = new ResilienceMetrics({ bootstrapSeed: 'subpath' });
  seconds.forEach((dt, run) => {
    const faultAt = 1_000;
    metrics.recordRecovery({ agentId: 'a', threadId: 't', faultType: 'crash', runId: `run-${run}`, scenario: 'S', faultAt, detectedAt: faultAt, recoveredAt: faultAt + dt * 1000, success: true });
    metrics.recordScenarioResult({ scenario: 'S', runId: `run-${run}`, success: run % 3 !== 0, recovered: true, taskCompleted: true, mttrSeconds: dt });
  });
  return metrics;
}

describe('@chaos/metrics/compare', () => {
  it('exports every comparison function and constant the main entry exports, and nothing else', () => {
    const names = Object.keys(compare).sort();
    expect(names).toEqual([
      'COMPARE_DEFAULT_RESAMPLES',
      'COMPARE_DEFAULT_SEED',
      'COMPARISON_FORMAT',
      'MANN_WHITNEY_EXACT_LIMIT',
      'compareCampaigns',
      'exactUDistribution',
      'formatComparisonTable',
      'mannWhitneyU',
      'newcombeInterval',
      'wilsonInterval',
    ]);
    for (const name of names) expect(main[name as keyof typeof main]).toBe(compare[name as keyof typeof compare]);
  });

  it('compares and formats two campaigns as the main entry does', () => {
    const a = campaign([1, 1.5, 2, 2.5, 3, 1.2]);
    const b = campaign([4, 4.5, 5, 5.5, 6, 4.2]);
    const viaSubpath = compare.formatComparisonTable(compare.compareCampaigns(a, b));
    expect(viaSubpath).toBe(main.formatComparisonTable(main.compareCampaigns(a, b)));
    expect(viaSubpath).toMatch(/^\(all\)\s+6\s+6\s+1\.867\s+4\.867\s+\+3\.000\s/m);
  });
});

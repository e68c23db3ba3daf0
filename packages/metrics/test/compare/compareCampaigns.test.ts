import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ResilienceMetrics } from '../../src/ResilienceMetrics.js';
import { compareCampaigns } from '../../src/compare/compareCampaigns.js';
import { formatComparisonTable } from '../../src/compare/formatComparisonTable.js';
import { mannWhitneyU } from '../../src/compare/mannWhitneyU.js';
import { newcombeInterval } from '../../src/compare/newcombeInterval.js';

/** Fixed fast-check seed: the properties run the same cases every time (fast-check prints it with any failure); change it to explore. */
const FC = { seed: 1101 } as const;

interface RunSpec {
  readonly scenario: string;
  /** Recovery times of the run, seconds. */
  readonly seconds: readonly number[];
  readonly success?: boolean;
}

/** A campaign as a runner records it: each run's recoveries, then its result. */
function campaign(runs: readonly RunSpec[], prefix = 'run'): ResilienceMetrics {
  const metrics = new ResilienceMetrics({ bootstrapSeed: 'test' });
  runs.forEach((run, index) => {
    const runId = `${prefix}-${index}`;
    let t = 1000;
    for (const s of run.seconds) {
      metrics.recordRecovery({
        agentId: 'agent',
        threadId: runId,
        faultType: 'crash',
        runId,
        scenario: run.scenario,
        faultAt: t,
        detectedAt: t,
        recoveredAt: t + s * 1000,
        success: true,
      });
      t += s * 1000 + 500;
    }
    metrics.recordScenarioResult({
      scenario: run.scenario,
      runId,
      success: run.success ?? true,
      recovered: true,
      taskCompleted: true,
      mttrSeconds: null,
    });
  });
  return metrics;
}

describe('compareCampaigns: known answers', () => {
  const a = campaign([
    { scenario: 'S', seconds: [1] },
    { scenario: 'S', seconds: [2] },
    { scenario: 'S', seconds: [3] },
  ]);
  const b = campaign([
    { scenario: 'S', seconds: [4] },
    { scenario: 'S', seconds: [5] },
    { scenario: 'S', seconds: [6], success: false },
  ]);
  const comparison = compareCampaigns(a, b, { labels: { a: 'before', b: 'after' } });

  it('gives both sides, the differences and the tests (by hand)', () => {
    const [s] = comparison.scenarios;
    expect(comparison.scenarios).toHaveLength(1);
    expect(s?.scenario).toBe('S');
    expect(s?.a).toMatchObject({ runs: 3, successfulRuns: 3, successRate: 100, recoveries: 3, runsWithRecovery: 3, mttrAvg: 2, mttrMedian: 2 });
    expect(s?.b).toMatchObject({ runs: 3, successfulRuns: 2, recoveries: 3, mttrAvg: 5, mttrMedian: 5 });
    expect(s?.b.successRate).toBeCloseTo(200 / 3, 12);
    expect(s?.mttrDifference).toBe(3);
    // U = 0 of 9 pairs, exact two-sided p = 2/20.
    expect(s?.mttrTest).toMatchObject({ u: 0, nA: 3, nB: 3, method: 'exact' });
    expect(s?.mttrTest?.p).toBeCloseTo(0.1, 15);
    expect(s?.successRateDifference).toBeCloseTo(-100 / 3, 12);
    expect(s?.successRateDifferenceCi95).toEqual(newcombeInterval(3, 3, 2, 3));
    expect(comparison.overall.scenario).toBeNull();
    expect(comparison.labels).toEqual({ a: 'before', b: 'after' });
  });

  it('bootstraps the difference of MTTR-A within the range the resamples can reach', () => {
    // Resampled means of A lie in [1, 3] and of B in [4, 6], so differences in [1, 5].
    const ci = comparison.scenarios[0]?.mttrDifferenceCi95;
    expect(ci).not.toBeNull();
    expect(ci?.low).toBeGreaterThanOrEqual(1);
    expect(ci?.high).toBeLessThanOrEqual(5);
    expect(ci?.low).toBeLessThan(3);
    expect(ci?.high).toBeGreaterThan(3);
  });

  it('uses the definition of the summary for MTTR-A (the mean of run means)', () => {
    const nested = campaign([
      { scenario: 'S', seconds: [1, 3] },
      { scenario: 'S', seconds: [10] },
      { scenario: 'T', seconds: [2, 2, 8] },
    ]);
    const other = campaign([{ scenario: 'S', seconds: [5] }]);
    const result = compareCampaigns(nested, other);
    const summary = nested.getSummary();
    expect(result.overall.a.mttrAvg).toBeCloseTo(summary.mttrAvg as number, 12);
    expect(result.scenarios[0]?.a.mttrAvg).toBeCloseTo(summary.byScenario['S']?.mttrAvg as number, 12);
    expect(result.scenarios[0]?.a.mttrMedian).toBeCloseTo(summary.byScenario['S']?.mttrMedian as number, 12);
    expect(result.scenarios[1]?.a.mttrAvg).toBeCloseTo(summary.byScenario['T']?.mttrAvg as number, 12);
    // B has a single recovery: no interval, but a difference and a test.
    expect(result.scenarios[0]?.mttrDifferenceCi95).toBeNull();
    expect(result.scenarios[0]?.mttrDifference).toBeCloseTo(5 - 6, 12);
    expect(result.scenarios[0]?.mttrTest?.p).toBe(mannWhitneyU([1, 3, 10], [5]).p);
    // T only in A: B's side is empty and nothing can be compared.
    expect(result.scenarios[1]).toMatchObject({
      scenario: 'T',
      b: { runs: 0, recoveries: 0, mttrAvg: null, successRate: null, successCi95: null },
      mttrDifference: null,
      mttrDifferenceCi95: null,
      mttrTest: null,
      successRateDifference: null,
      successRateDifferenceCi95: null,
    });
  });

  it('reads snapshots the same as live stores, and its result survives JSON', () => {
    expect(compareCampaigns(a.toJSON(), b.toJSON(), { labels: { a: 'before', b: 'after' } })).toEqual(comparison);
    expect(JSON.parse(JSON.stringify(comparison))).toEqual(comparison);
  });

  it('is reproducible from its seed', () => {
    expect(compareCampaigns(a, b, { labels: { a: 'before', b: 'after' } })).toEqual(comparison);
    const other = compareCampaigns(a, b, { seed: 'another' });
    expect(other.scenarios[0]?.mttrDifferenceCi95).not.toEqual(comparison.scenarios[0]?.mttrDifferenceCi95);
  });

  it('formats a plain-text table', () => {
    const text = formatComparisonTable(comparison);
    expect(text).toContain('Campaign comparison: A = before, B = after; differences are B - A.');
    expect(text).toMatch(/^\(all\)\s+3\s+3\s+2\.000\s+5\.000\s+\+3\.000\s+\[\+\d\.\d{3}, \+\d\.\d{3}\]\s+0\.1000 exact$/m);
    expect(text).toMatch(/^-+ {2}-+ {2}-+ {2}-+ {2}-+ {2}-+ {2}-+ {2}-+$/m); // the rule under each header
    expect(text).toMatch(/^S\s+3\/3 100\.0%\s+2\/3 66\.7%\s+-33\.3\s+\[-\d+\.\d, \+\d+\.\d\]$/m);
    expect(text).toContain('Newcombe hybrid score');
    expect(text).not.toMatch(/[^\x20-\x7e\n]/); // plain ASCII
    expect(formatComparisonTable(comparison, { legend: false })).not.toContain('Newcombe');
  });

  it('rejects what is not a campaign, and bad options, naming them', () => {
    expect(() => compareCampaigns({} as never, b)).toThrow('Expected `a` to be a metrics store');
    expect(() => compareCampaigns(a, null as never)).toThrow('Expected `b` to be a metrics store');
    expect(() => compareCampaigns(a, b, { resamples: 10 })).toThrow('Expected `resamples` to be an integer in [100, 1000000], got `10`');
    expect(() => compareCampaigns(a, b, { seed: '' })).toThrow('Expected `seed` to be a non-empty string');
    expect(() => compareCampaigns(a, b, { labels: { a: '' } })).toThrow('Expected `labels.a` to be a non-empty string');
  });
});

describe('compareCampaigns: the pooled row resamples runs within each scenario', () => {
  // Two scenarios recovering at 1 s and at 20 s, each with ten runs of slightly varying
  // speed; B is A shifted by 0.1 s everywhere.
  const runs = (shift: number): RunSpec[] =>
    Array.from({ length: 20 }, (_, i) => ({ scenario: i < 10 ? 'Fast' : 'Slow', seconds: [(i < 10 ? 1 : 20) + 0.05 * (i % 10) + shift] }));
  const comparison = compareCampaigns(campaign(runs(0)), campaign(runs(0.1), 'b'), { resamples: 1000 });

  it('gives the pooled difference an interval as narrow as the scenarios’ own, around the true shift', () => {
    const pooled = comparison.overall.mttrDifferenceCi95;
    expect(comparison.overall.mttrDifference).toBeCloseTo(0.1, 12);
    expect(pooled).not.toBeNull();
    expect(pooled!.low).toBeLessThanOrEqual(0.1);
    expect(pooled!.high).toBeGreaterThanOrEqual(0.1);
    // Pooled resampling would mix 1 s and 20 s runs in random proportions: an interval of
    // about ±11 s. Within scenarios the spread is that of the runs of one scenario.
    expect(pooled!.high - pooled!.low).toBeLessThan(0.25);
    for (const scenario of comparison.scenarios) {
      expect(scenario.mttrDifferenceCi95!.high - scenario.mttrDifferenceCi95!.low).toBeLessThan(0.35);
    }
  });
});

describe('compareCampaigns: properties', () => {
  const runs = fc.array(
    fc.record({
      scenario: fc.constantFrom('S1', 'S2'),
      seconds: fc.array(fc.double({ min: 0.01, max: 60, noNaN: true }), { minLength: 1, maxLength: 3 }),
      success: fc.boolean(),
    }),
    { minLength: 2, maxLength: 30 },
  );

  it('finds no difference between a campaign and itself: p = 1, intervals contain 0', () => {
    fc.assert(
      fc.property(runs, (spec) => {
        const metrics = campaign(spec);
        const result = compareCampaigns(metrics, metrics, { resamples: 200 });
        for (const group of [result.overall, ...result.scenarios]) {
          if (group.mttrTest !== null) expect(group.mttrTest.p).toBeCloseTo(1, 12);
          if (group.mttrDifference !== null) expect(group.mttrDifference).toBe(0);
          if (group.mttrDifferenceCi95 !== null) {
            expect(group.mttrDifferenceCi95.low).toBeLessThanOrEqual(0);
            expect(group.mttrDifferenceCi95.high).toBeGreaterThanOrEqual(0);
          }
          if (group.successRateDifferenceCi95 !== null) {
            expect(group.successRateDifference).toBe(0);
            expect(group.successRateDifferenceCi95.low).toBeLessThanOrEqual(0);
            expect(group.successRateDifferenceCi95.high).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { ...FC, numRuns: 50 },
    );
  });

  it('detects a shift: p small and an interval around the shift that excludes 0', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.5, max: 3, noNaN: true }), { minLength: 12, maxLength: 40 }), (times) => {
        const a = campaign(times.map((s) => ({ scenario: 'S', seconds: [s] })));
        const b = campaign(times.map((s) => ({ scenario: 'S', seconds: [s + 5] })));
        const group = compareCampaigns(a, b, { resamples: 500 }).scenarios[0];
        expect(group?.mttrTest?.p).toBeLessThan(0.001);
        expect(group?.mttrDifference).toBeCloseTo(5, 9);
        expect(group?.mttrDifferenceCi95?.low).toBeGreaterThan(0);
        expect(group?.mttrDifferenceCi95?.low).toBeLessThan(5);
        expect(group?.mttrDifferenceCi95?.high).toBeGreaterThan(5);
      }),
      { ...FC, numRuns: 30 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCURACY_THRESHOLD, isBelowAccuracyThreshold, isCorrectRecovery } from '../src/correctRecovery.js';
import { isMetricsValidationError } from '../src/MetricsValidationError.js';
import { ResilienceMetrics, type RecoveryInput } from '../src/ResilienceMetrics.js';

function attempt(runId: string, scenario: string, success: boolean, reconstructionAccuracy: number | undefined, at: number): RecoveryInput {
  return { agentId: 'product', threadId: runId, faultType: 'crash', runId, scenario, faultAt: at, detectedAt: at, recoveredAt: at + 1_000, success, ...(reconstructionAccuracy === undefined ? {} : { reconstructionAccuracy }) };
}

/** Scenario S: accuracies 1, 0.95, 0.5 (successful), unscored (successful), 0.99 (failed). Scenario T: 0.2 and 0.9. */
function campaign(options: ConstructorParameters<typeof ResilienceMetrics>[0] = {}): ResilienceMetrics {
  const metrics = new ResilienceMetrics(options);
  metrics.recordRecovery(attempt('s1', 'S', true, 1, 0));
  metrics.recordRecovery(attempt('s1', 'S', true, 0.95, 10_000));
  metrics.recordRecovery(attempt('s2', 'S', true, 0.5, 0));
  metrics.recordRecovery(attempt('s2', 'S', true, undefined, 10_000));
  metrics.recordRecovery(attempt('s3', 'S', false, 0.99, 0));
  metrics.recordRecovery(attempt('t1', 'T', true, 0.2, 0));
  metrics.recordRecovery(attempt('t1', 'T', true, 0.9, 10_000));
  return metrics;
}

describe('correct recovery', () => {
  it('counts the successful recoveries at or above the threshold over the scored ones (by hand)', () => {
    const summary = campaign().getSummary();
    expect(summary.accuracyThreshold).toBe(0.9);
    // Scored: 1, 0.95, 0.5, 0.99 (failed), 0.2, 0.9 -> n = 6. Correct: 1, 0.95, 0.9 -> 3.
    expect(summary.scoredRecoveries).toBe(6);
    expect(summary.correctRecoveries).toBe(3);
    expect(summary.correctRecoveryRate).toBe(50);
    // Per scenario: S scored 4 (1, 0.95, 0.5, 0.99 failed), correct 2; T scored 2, correct 1 (0.9 meets 0.9).
    expect(summary.byScenario['S']).toMatchObject({ scoredRecoveries: 4, correctRecoveries: 2, correctRecoveryRate: 50 });
    expect(summary.byScenario['T']).toMatchObject({ scoredRecoveries: 2, correctRecoveries: 1, correctRecoveryRate: 50 });
    expect(summary.byAgent['product']?.correctRecoveryRate).toBe(50);
    expect(summary.byFaultType['crash']?.correctRecoveries).toBe(3);
    // The success rate does not see accuracy: 6 of 7 attempts succeeded.
    expect(summary.recoverySuccessRate).toBeCloseTo((600 / 7), 12);
  });

  it('follows the threshold option, and keeps it through toJSON / fromJSON', () => {
    const lenient = campaign({ accuracyThreshold: 0.4 });
    // Correct at 0.4: 1, 0.95, 0.5, 0.9 -> 4 of 6.
    expect(lenient.getSummary().correctRecoveries).toBe(4);
    const copy = ResilienceMetrics.fromJSON(JSON.parse(JSON.stringify(lenient)));
    expect(copy.accuracyThreshold).toBe(0.4);
    expect(copy.getSummary()).toEqual(lenient.getSummary());
    expect(ResilienceMetrics.fromJSON(lenient.toJSON(), { accuracyThreshold: 1 }).getSummary().correctRecoveries).toBe(1);
  });

  it('gives null, never NaN, when nothing was scored', () => {
    const metrics = new ResilienceMetrics();
    metrics.recordRecovery(attempt('r', 'S', true, undefined, 0));
    expect(metrics.getSummary()).toMatchObject({ scoredRecoveries: 0, correctRecoveries: 0, correctRecoveryRate: null });
  });

  it('rejects a threshold outside [0, 1], naming it', () => {
    for (const bad of [-0.1, 1.5, Number.NaN, '0.9']) {
      let error: unknown;
      try {
        new ResilienceMetrics({ accuracyThreshold: bad as number });
      } catch (e: unknown) {
        error = e;
      }
      expect(isMetricsValidationError(error) && error.field === 'accuracyThreshold').toBe(true);
    }
  });

  it('says what a correct recovery is with one predicate, for the scenarios and the runner too', () => {
    expect(DEFAULT_ACCURACY_THRESHOLD).toBe(0.9);
    expect(isCorrectRecovery({ success: true, reconstructionAccuracy: 0.9 })).toBe(true);
    expect(isCorrectRecovery({ success: true, reconstructionAccuracy: 0.89 })).toBe(false);
    expect(isCorrectRecovery({ success: false, reconstructionAccuracy: 1 })).toBe(false);
    expect(isCorrectRecovery({ success: true, reconstructionAccuracy: undefined })).toBe(false);
    expect(isCorrectRecovery({ success: true, reconstructionAccuracy: 0.5 }, 0.5)).toBe(true);
    expect(isBelowAccuracyThreshold({ reconstructionAccuracy: 0.89 })).toBe(true);
    expect(isBelowAccuracyThreshold({ reconstructionAccuracy: undefined })).toBe(false);
  });
});

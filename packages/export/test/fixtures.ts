import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVirtualClock } from '@chaos/config';
import { ResilienceMetrics, type FaultRecord, type MetricsSource, type RecoveryRecord, type ScenarioOutcome } from '@chaos/metrics';
import { afterEach } from 'vitest';

const dirs: string[] = [];

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-export-test-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every entry of a folder, hidden ones included, sorted. */
export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** A clock for file names: returns the given instants in turn, then repeats the last. */
export function fixedNow(...isoTimes: string[]): () => Date {
  let i = 0;
  return () => new Date(isoTimes[Math.min(i++, isoTimes.length - 1)] as string);
}

/**
 * A store that reads through to `source`, with some members replaced: a metrics store
 * whose iterator fails midway, whose summary throws, …
 */
export function withOverrides(source: MetricsSource, overrides: Partial<MetricsSource>): MetricsSource {
  return {
    getSummary: () => source.getSummary(),
    toJSON: () => source.toJSON(),
    iterateFaults: () => source.iterateFaults(),
    iterateRecoveries: () => source.iterateRecoveries(),
    get scenarioResults() {
      return source.scenarioResults;
    },
    get faultCount() {
      return source.faultCount;
    },
    get recoveryCount() {
      return source.recoveryCount;
    },
    get startedAt() {
      return source.startedAt;
    },
    get bootstrapSeed() {
      return source.bootstrapSeed;
    },
    ...overrides,
  };
}

/** The same records the tests check in the files. */
export interface SampleInput {
  readonly faults: readonly FaultRecord[];
  readonly recoveries: readonly RecoveryRecord[];
  readonly scenarioResults: readonly ScenarioOutcome[];
}

export const NASTY_TEXT = 'boom, "quoted", with\nnewline\r\nand CRLF\rand CR; ünïcödé ✓';

/** Records with awkward values: full-precision floats, texts that need quoting, failures. */
export const SAMPLE: SampleInput = {
  faults: [
    { agentId: 'product', threadId: 't1', faultType: 'crash', runId: 'run-1', scenario: 'ProductCrashMidUpload', at: 100.1, error: NASTY_TEXT, tags: { model: 'gpt-4o', prompt: 'v2, "quoted"' } },
    { agentId: 'marketing', threadId: 't2', faultType: 'timeout', runId: 'run-2', scenario: 'MarketingTimeout', at: 1 / 3, error: undefined, tags: undefined },
    { agentId: 'product', threadId: 't3', faultType: 'crash', runId: 'run-3', scenario: undefined, at: 5000, error: 'plain', tags: undefined },
  ],
  recoveries: [
    {
      agentId: 'product', threadId: 't1', faultType: 'crash', runId: 'run-1', scenario: 'ProductCrashMidUpload',
      faultAt: 100.1, faultTimeSource: 'recorded', detectedAt: 100.3, recoveredAt: 350.7000000000001, success: true,
      reconstructionAccuracy: 0.1 + 0.2, usedPeerContext: true, error: undefined, notes: 'from, "checkpoint"',
      tags: { model: 'gpt-4o', prompt: 'v2, "quoted"', reflex: 'restart' },
    },
    {
      agentId: 'marketing', threadId: 't2', faultType: 'timeout', runId: 'run-2', scenario: 'MarketingTimeout',
      faultAt: 1 / 3, faultTimeSource: 'recorded', detectedAt: 30_000.123456789, recoveredAt: 31_234.5678901234, success: false,
      reconstructionAccuracy: undefined, usedPeerContext: false, error: NASTY_TEXT, notes: undefined, tags: undefined,
    },
    {
      agentId: 'product', threadId: 't3', faultType: 'crash', runId: 'run-3', scenario: undefined,
      faultAt: 5000, faultTimeSource: 'measurement-start', detectedAt: 5000, recoveredAt: 5250, success: true,
      reconstructionAccuracy: 1, usedPeerContext: false, error: undefined, notes: undefined, tags: undefined,
    },
  ],
  scenarioResults: [
    { scenario: 'ProductCrashMidUpload', runId: 'run-1', seed: 's1', success: true, recovered: true, taskCompleted: true, mttrSeconds: 0.2506, output: { uploads: ['SKU-1', 'SKU-2'], note: NASTY_TEXT } },
    { scenario: 'MarketingTimeout', runId: 'run-2', success: false, recovered: false, taskCompleted: false, mttrSeconds: null, error: NASTY_TEXT },
  ],
};

/**
 * A real `ResilienceMetrics` holding `input` (the sample by default), recorded through
 * its public API: every fault, then every recovery (each matching a recorded fault),
 * then the scenario results. `startMeasurement()` runs at 0 on a virtual clock.
 */
export function sampleMetrics(input: SampleInput = SAMPLE): ResilienceMetrics {
  const metrics = new ResilienceMetrics({ clock: createVirtualClock(), bootstrapSeed: 'export-tests', bootstrapResamples: 200 });
  metrics.startMeasurement();
  for (const fault of input.faults) metrics.recordFailure(defined(fault));
  for (const recovery of input.recoveries) metrics.recordRecovery(defined(recovery));
  for (const result of input.scenarioResults) metrics.recordScenarioResult(result);
  return metrics;
}

/** `value` without its `undefined` fields (the inputs take optional fields, not `undefined`). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

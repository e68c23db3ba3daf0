import type { FaultRecord, MetricsSource, MetricsSummary, RecoveryRecord, ScenarioOutcome } from '@chaos/metrics';
import { METRICS_SCHEMA_VERSION } from '@chaos/metrics';
import {
  FULL_METRICS_FILE_FORMAT,
  SUMMARY_FILE_FORMAT,
  type PackageVersions,
  type RecordedExportContext,
  type SummaryFile,
} from '../types.js';

/** What both JSON files start with. */
export interface DocumentHeader {
  readonly generatedAt: string;
  readonly packages: PackageVersions;
  readonly context: RecordedExportContext;
  readonly summary: MetricsSummary;
}

/** The records of a fault, with exactly the fields of the contract, in a fixed order. */
function faultJson(fault: FaultRecord): FaultRecord {
  return {
    agentId: fault.agentId,
    threadId: fault.threadId,
    faultType: fault.faultType,
    runId: fault.runId,
    scenario: fault.scenario,
    at: fault.at,
    error: fault.error,
    tags: fault.tags,
  };
}

function recoveryJson(recovery: RecoveryRecord): RecoveryRecord {
  return {
    agentId: recovery.agentId,
    threadId: recovery.threadId,
    faultType: recovery.faultType,
    runId: recovery.runId,
    scenario: recovery.scenario,
    faultAt: recovery.faultAt,
    faultTimeSource: recovery.faultTimeSource,
    detectedAt: recovery.detectedAt,
    recoveredAt: recovery.recoveredAt,
    success: recovery.success,
    reconstructionAccuracy: recovery.reconstructionAccuracy,
    usedPeerContext: recovery.usedPeerContext,
    error: recovery.error,
    notes: recovery.notes,
    tags: recovery.tags,
    // Only on recoveries found by automatic detection, so other files stay as they were.
    ...(recovery.detection === undefined ? {} : { detection: recovery.detection }),
  };
}

/** A scenario result cut down to `ScenarioOutcome` (a full `ScenarioResult` carries more). */
function outcomeJson(outcome: ScenarioOutcome): ScenarioOutcome {
  return {
    scenario: outcome.scenario,
    runId: outcome.runId,
    seed: outcome.seed,
    success: outcome.success,
    recovered: outcome.recovered,
    taskCompleted: outcome.taskCompleted,
    inconclusive: outcome.inconclusive,
    mttrSeconds: outcome.mttrSeconds,
    durationSeconds: outcome.durationSeconds,
    error: outcome.error,
    output: outcome.output,
  };
}

/**
 * The resamples of the bootstrap interval: not part of `MetricsSource`, but
 * `ResilienceMetrics` exposes it, and without it a reloaded store would compute another
 * interval.
 */
function bootstrapResamplesOf(metrics: MetricsSource): number | null {
  const value = (metrics as { bootstrapResamples?: unknown }).bootstrapResamples;
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function fileHeader(format: string, header: DocumentHeader, metrics: MetricsSource): Omit<SummaryFile, 'format'> & { format: string } {
  return {
    format,
    schemaVersion: METRICS_SCHEMA_VERSION,
    generatedAt: header.generatedAt,
    packages: header.packages,
    context: header.context,
    startedAt: metrics.startedAt,
    bootstrapSeed: metrics.bootstrapSeed,
    bootstrapResamples: bootstrapResamplesOf(metrics),
    accuracyThreshold: header.summary.accuracyThreshold,
    counts: {
      faults: metrics.faultCount,
      recoveries: metrics.recoveryCount,
      scenarioResults: metrics.scenarioResults.length,
    },
    summary: header.summary,
  };
}

/** `chaos_summary_<ts>.json` in one string: it is small. */
export function summaryDocument(header: DocumentHeader, metrics: MetricsSource): string {
  return `${JSON.stringify(fileHeader(SUMMARY_FILE_FORMAT, header, metrics), null, 2)}\n`;
}

/** Records are joined into chunks of about this many characters before being written. */
const CHUNK_CHARS = 1 << 16;

function* arrayChunks<T>(name: string, items: Iterable<T>, toJson: (item: T) => unknown): Generator<string, void, undefined> {
  let chunk = `,\n  ${JSON.stringify(name)}: [`;
  let separator = '\n    ';
  for (const item of items) {
    chunk += separator + JSON.stringify(toJson(item));
    separator = ',\n    ';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${separator === '\n    ' ? ']' : '\n  ]'}`;
}

/**
 * `chaos_full_metrics_<ts>.json` as a sequence of chunks: the header (pretty-printed),
 * then one record a line, pulled from the store's iterators as the file is written. No
 * chunk holds more than about {@link CHUNK_CHARS} characters of records, so the file
 * has no size limit and memory stays flat.
 */
export function* fullMetricsChunks(header: DocumentHeader, metrics: MetricsSource): Generator<string, void, undefined> {
  const head = JSON.stringify(fileHeader(FULL_METRICS_FILE_FORMAT, header, metrics), null, 2);
  // `head` ends with "\n}": the arrays go before that closing brace.
  yield head.slice(0, -2);
  yield* arrayChunks('faults', metrics.iterateFaults(), faultJson);
  yield* arrayChunks('recoveries', metrics.iterateRecoveries(), recoveryJson);
  yield* arrayChunks('scenarioResults', metrics.scenarioResults, outcomeJson);
  yield '\n}\n';
}

export { ChaosRunner } from './ChaosRunner.js';
export type { RunAllOptions } from './ChaosRunner.js';
export { runQuickChaosTest } from './runQuickChaosTest.js';
export type { QuickChaosTestOptions } from './runQuickChaosTest.js';
export { replayRun } from './replayRun.js';
export type { ReplayRunOptions } from './replayRun.js';
export { shrinkRun } from './shrinkRun.js';
export type { PinnedFault, ShrinkResult, ShrinkRunOptions } from './shrinkRun.js';
export { ShrinkError, isShrinkError } from './ShrinkError.js';
export type { ShrinkErrorCode } from './ShrinkError.js';
export { sweepKnob, SweepRangeError } from './sweepKnob.js';
export type { ProbeDecision, SweepOptions, SweepProbe, SweepResult } from './sweepKnob.js';
export { deriveRunSeed, campaignRunId } from './deriveRunSeed.js';
export { createLocalBackend } from './createLocalBackend.js';
export type { LocalBackendOptions } from './createLocalBackend.js';
export { createWorkerPoolBackend } from './createWorkerPoolBackend.js';
export type { WorkerPoolBackendOptions } from './createWorkerPoolBackend.js';
export { JournalError, isJournalError } from './JournalError.js';
export { salvageJournal } from './salvageJournal.js';
export type { SalvageReport } from './salvageJournal.js';
export type { JournalErrorCode } from './JournalError.js';
export { summaryToJSON } from './summaryToJSON.js';
export type { RunnerSummaryJSON } from './summaryToJSON.js';
export { runCli, EXIT_CODES } from './runCli.js';
export { formatSummary } from './formatSummary.js';
export type { ReplayHintOptions } from './_internals/replayHint.js';
export { createProgressReporter } from './createProgressReporter.js';
export type { ProgressReporter, ProgressSink } from './createProgressReporter.js';
export type { CliIO } from './runCli.js';
export type {
  BackendChoice,
  ExecutionBackend,
  MttrStats,
  RecoveryStats,
  RunnerConfig,
  RunnerSummary,
  RunProgress,
  RunTask,
  ScenarioStats,
  SoakConfig,
  TimeMode,
} from './types.js';

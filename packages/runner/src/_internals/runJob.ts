/**
 * A run as a queue job: its id and the plain data it carries, written by the
 * coordinator and read back (and checked) by a worker. Shared by both sides so they
 * cannot disagree; no queue library is loaded here.
 */
import { errorMessage, formatValue } from '@chaos/format';
import type { RunTask, SoakConfig } from '../types.js';
import { checkSoakConfig } from './runSettings.js';

/** The queue runs go to when none is named. */
export const DEFAULT_QUEUE = 'chaos-runs';
/** The Redis key prefix when none is given: keys are `chaos:<queue>:…`. */
export const DEFAULT_PREFIX = 'chaos';

/**
 * Checks a queue name or key prefix: letters, digits, `_`, `.`, `-` (a `:` would
 * split BullMQ's keys).
 *
 * @throws `TypeError` naming the option and the value
 */
export function checkQueueName(option: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[\w.-]{1,200}$/.test(value)) {
    throw new TypeError(`Expected \`${option}\` to be a name of letters, digits, \`_\`, \`.\` or \`-\` (no \`:\`), got \`${formatValue(value)}\``);
  }
  return value;
}

/** The `format` of a run job's data. */
export const RUN_JOB_FORMAT = 'chaos-run';
/** Bumped when the data's shape changes; a worker refuses other versions. */
export const RUN_JOB_FORMAT_VERSION = 1;

/** What a run job carries: the task, and how the worker builds the run's workflow. */
export interface RunJobData {
  readonly format: typeof RUN_JOB_FORMAT;
  readonly formatVersion: typeof RUN_JOB_FORMAT_VERSION;
  /** The coordinator's `@chaos/runner` version: a worker of another version refuses the job. */
  readonly runner: string;
  /** The task, with what JSON cannot hold (`undefined`, `Infinity`) as `null`. */
  readonly task: Omit<RunTask, 'config' | 'runTimeoutSeconds'> & {
    readonly config: SoakConfig | null;
    /** `null` for no watchdog. */
    readonly runTimeoutSeconds: number | null;
  };
  /** `'module'`: the `workflowFactory` export of the worker's module; `'scenario'`: each scenario's own. */
  readonly workflow: 'scenario' | 'module';
  readonly hasInitialState: boolean;
  readonly initialState?: unknown;
}

/** How the coordinator asks workers to build each run's workflow. */
export interface RunJobEnvironment {
  readonly useModuleWorkflowFactory: boolean;
  readonly hasInitialState: boolean;
  readonly initialState: unknown;
}

/** A job's data, read back and checked: what a worker runs. */
export interface DecodedRunJob {
  readonly task: RunTask;
  readonly workflow: 'scenario' | 'module';
  readonly hasInitialState: boolean;
  readonly initialState: unknown;
}

/** The characters of a campaign fingerprint kept in a job id (64 bits). */
const CAMPAIGN_ID_LENGTH = 16;

/**
 * The job id of a run: `<first 16 hex digits of the campaign fingerprint>-<scenario
 * index>-<run index>`. The same run of the same campaign always has the same id, so
 * enqueuing it again is a no-op while the job exists; it holds no `:` and is never
 * all digits, as BullMQ requires of a custom id.
 */
export function runJobId(task: Pick<RunTask, 'campaign' | 'scenarioIndex' | 'runIndex'>): string {
  return `${campaignJobPrefix(task.campaign)}${task.scenarioIndex}-${task.runIndex}`;
}

/** What every job id of a campaign starts with. */
export function campaignJobPrefix(campaign: string): string {
  return `${campaign.slice(0, CAMPAIGN_ID_LENGTH)}-`;
}

/** The data of a run's job. */
export function encodeRunJob(task: RunTask, runner: string, env: RunJobEnvironment): RunJobData {
  return {
    format: RUN_JOB_FORMAT,
    formatVersion: RUN_JOB_FORMAT_VERSION,
    runner,
    task: {
      campaign: task.campaign,
      scenario: task.scenario,
      scenarioIndex: task.scenarioIndex,
      runIndex: task.runIndex,
      seed: task.seed,
      runId: task.runId,
      time: task.time,
      config: task.config ?? null,
      runTimeoutSeconds: Number.isFinite(task.runTimeoutSeconds) ? task.runTimeoutSeconds : null,
      accuracyThreshold: task.accuracyThreshold,
    },
    workflow: env.useModuleWorkflowFactory ? 'module' : 'scenario',
    hasInitialState: env.hasInitialState,
    ...(env.hasInitialState ? { initialState: env.initialState } : {}),
  };
}

/** A job whose data is not a run this worker can execute; the message says why. */
export class MalformedRunJobError extends Error {
  override readonly name = 'MalformedRunJobError';
}

function malformed(field: string, value: unknown, expected: string): never {
  throw new MalformedRunJobError(`malformed run job: \`${field}\` must be ${expected}, got \`${formatValue(value)}\``);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkIndex(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) malformed(field, value, 'an integer >= 0');
  return value;
}

function checkText(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') malformed(field, value, 'a non-empty string');
  return value;
}

/**
 * Reads a job's data back into a task, checking every field: a worker never runs
 * something it cannot account for.
 *
 * @param runner - this worker's `@chaos/runner` version; a job from another version is refused
 * @throws {@link MalformedRunJobError} naming the field, the value and what was expected
 */
export function decodeRunJob(data: unknown, runner: string): DecodedRunJob {
  if (!isRecord(data)) malformed('data', data, `an object with \`format: "${RUN_JOB_FORMAT}"\``);
  if (data['format'] !== RUN_JOB_FORMAT) malformed('format', data['format'], `"${RUN_JOB_FORMAT}"`);
  if (data['formatVersion'] !== RUN_JOB_FORMAT_VERSION) malformed('formatVersion', data['formatVersion'], String(RUN_JOB_FORMAT_VERSION));
  if (data['runner'] !== runner) {
    throw new MalformedRunJobError(
      `the campaign was started with @chaos/runner ${formatValue(data['runner'])} and this worker runs ${runner}: results could differ, so it refuses the run. Run workers of the coordinator's version`,
    );
  }
  const task = data['task'];
  if (!isRecord(task)) malformed('task', task, 'an object');
  const campaign = checkText('task.campaign', task['campaign']);
  const scenario = checkText('task.scenario', task['scenario']);
  const scenarioIndex = checkIndex('task.scenarioIndex', task['scenarioIndex']);
  const runIndex = checkIndex('task.runIndex', task['runIndex']);
  const seed = checkText('task.seed', task['seed']);
  const runId = task['runId'];
  if (runId !== `${scenario}#${runIndex}`) malformed('task.runId', runId, `"${scenario}#${runIndex}" (scenario#runIndex)`);
  const time = task['time'];
  if (time !== 'virtual' && time !== 'real') malformed('task.time', time, '"virtual" or "real"');
  const timeout = task['runTimeoutSeconds'];
  if (timeout !== null && (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0)) {
    malformed('task.runTimeoutSeconds', timeout, 'a number of seconds > 0, or null for none');
  }
  let config: SoakConfig | undefined;
  if (task['config'] !== null && task['config'] !== undefined) {
    try {
      config = checkSoakConfig(task['config']);
    } catch (error: unknown) {
      throw new MalformedRunJobError(`malformed run job: \`task.config\`: ${errorMessage(error)}`);
    }
  }
  const accuracyThreshold = task['accuracyThreshold'];
  if (typeof accuracyThreshold !== 'number' || !(accuracyThreshold >= 0 && accuracyThreshold <= 1)) {
    malformed('task.accuracyThreshold', accuracyThreshold, 'a number in [0, 1]');
  }
  const workflow = data['workflow'];
  if (workflow !== 'scenario' && workflow !== 'module') malformed('workflow', workflow, '"scenario" or "module"');
  const hasInitialState = data['hasInitialState'];
  if (typeof hasInitialState !== 'boolean') malformed('hasInitialState', hasInitialState, 'a boolean');
  return {
    task: { campaign, scenario, scenarioIndex, runIndex, seed, runId, time, config, runTimeoutSeconds: timeout ?? Infinity, accuracyThreshold },
    workflow,
    hasInitialState,
    initialState: hasInitialState ? data['initialState'] : undefined,
  };
}

/**
 * `chaos worker`: runs the runs of campaigns started with `chaos run --backend bullmq`,
 * until stopped. SIGTERM or SIGINT: no new run starts, the runs in flight may finish
 * for `--grace` seconds, the rest go back to the queue for other workers; a second
 * signal hands them back at once.
 */
import type { Command } from 'commander';
import { errorMessage } from '@chaos/format';
import { DEFAULT_PREFIX, DEFAULT_QUEUE } from '../../runJob.js';
import type { BullmqWorker, BullmqWorkerEvent } from '../../../startBullmqWorker.js';
import type { CliContext } from '../context.js';
import { ensureRedis, loadBullmqEntry, redisUrlOf } from '../bullmqEntry.js';
import { nonEmpty, nonNegativeSeconds, positiveInteger, positiveSeconds } from '../options.js';
import { EXIT_CODES, UsageError, type CliIO } from '../usage.js';

interface WorkerOptions {
  redis?: string;
  queue: string;
  redisPrefix: string;
  concurrency: number;
  module?: string;
  lockDuration: number;
  grace: number;
}

/** Adds `chaos worker` to the program; its exit code goes to `setExitCode`. */
export function addWorkerCommand(program: Command, { io, env, setExitCode }: CliContext): void {
  program
    .command('worker')
    .description('run the runs of campaigns started with `chaos run --backend bullmq`, until stopped (SIGTERM/SIGINT: finish the runs in flight, then exit)')
    .option('--redis <url>', 'the Redis server (default: $CHAOS_REDIS_URL); its password is never printed')
    .option('--queue <name>', 'the queue to serve', nonEmpty, DEFAULT_QUEUE)
    .option('--redis-prefix <prefix>', 'the prefix of the Redis keys', nonEmpty, DEFAULT_PREFIX)
    .option('--concurrency <n>', 'runs executed at once in this process', positiveInteger, 8)
    .option('--module <path>', 'a module registering/exporting the campaigns\' scenarios (and workflowFactory)', nonEmpty)
    .option('--lock-duration <seconds>', "how soon a dead worker's runs start again elsewhere", positiveSeconds, 30)
    .option('--grace <seconds>', 'on SIGTERM/SIGINT, how long runs in flight may take to finish before they are handed back', nonNegativeSeconds, 30)
    .action(async (options: WorkerOptions) => {
      setExitCode(await workerCommand(options, io, env));
    });
}

function describeEvent(event: BullmqWorkerEvent): string {
  switch (event.kind) {
    case 'job-failed':
      return `job ${event.jobId} failed: ${event.reason}`;
    case 'handed-back':
      return `run ${event.runId} handed back to the queue`;
    case 'connection-lost':
      return `lost Redis (${event.error}); reconnecting`;
    case 'reconnected':
      return 'Redis answers again';
    case 'error':
      return `error (the worker goes on): ${event.error}`;
  }
}

async function workerCommand(options: WorkerOptions, io: CliIO, env: NodeJS.ProcessEnv): Promise<number> {
  const url = redisUrlOf(options.redis, env, 'chaos worker');
  const entry = await loadBullmqEntry('chaos worker');
  await ensureRedis(entry, url);
  const say = (text: string): void => {
    io.stderr.write(`chaos worker: ${text}\n`);
  };
  let worker: BullmqWorker;
  try {
    worker = await entry.startBullmqWorker({
      redis: url,
      queue: options.queue,
      prefix: options.redisPrefix,
      concurrency: options.concurrency,
      lockDurationSeconds: options.lockDuration,
      ...(options.module === undefined ? {} : { workerModule: options.module }),
      onEvent: (event) => say(describeEvent(event)),
    });
  } catch (error: unknown) {
    if (error instanceof TypeError || error instanceof RangeError || entry.isRedisConnectionError(error)) throw new UsageError(error.message);
    // A module that does not load is the user's to fix: exit 2 with the import's error.
    if (error instanceof Error && error.message.startsWith('Could not import `workerModule`')) throw new UsageError(error.message);
    throw error;
  }
  say(
    `ready: ${worker.name} serves queue ${options.queue} (prefix ${options.redisPrefix}) on ${worker.url}, ${options.concurrency} run(s) at once${options.module === undefined ? '' : `, module ${options.module}`}`,
  );
  await untilStopped(worker, options.grace, say);
  const { completed, failedJobs, handedBack } = worker.stats;
  say(`stopped: ${completed} run(s) done, ${failedJobs} job(s) failed, ${handedBack} handed back`);
  return EXIT_CODES.ok;
}

/**
 * Serves until SIGTERM or SIGINT, then stops the worker gracefully; a second signal
 * hands the runs in flight back at once. A stray rejected promise in a workflow is
 * reported, not fatal: the run it belongs to fails or times out on its own.
 */
async function untilStopped(worker: BullmqWorker, graceSeconds: number, say: (text: string) => void): Promise<void> {
  let stopping: Promise<void> | undefined;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping !== undefined) {
      say(`${signal} again: handing the runs in flight back now`);
      worker.handBack();
      return;
    }
    const inFlight = worker.stats.inFlight;
    say(`${signal}: no new run starts; ${inFlight} run(s) in flight may finish within ${graceSeconds} s, then go back to the queue (signal again to hand them back now)`);
    stopping = worker.stop({ graceSeconds });
    stopping.then(resolveStopped, (error: unknown) => {
      say(`could not stop cleanly: ${errorMessage(error)}`);
      resolveStopped();
    });
  };
  const onStrayRejection = (reason: unknown): void => {
    say(`a run left a promise rejected (ignored): ${errorMessage(reason)}`);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('unhandledRejection', onStrayRejection);
  try {
    await stopped;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('unhandledRejection', onStrayRejection);
  }
}

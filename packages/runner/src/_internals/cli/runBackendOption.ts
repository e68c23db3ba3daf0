/**
 * `chaos run --backend …`: where the runs of a campaign execute. The local kinds go
 * to the runner as they are; `bullmq` checks Redis first, then enqueues the runs for
 * `chaos worker` processes and collects their results, with the same table, exports,
 * journal and exit codes as a local campaign.
 */
import { duration, errorMessage } from '@chaos/format';
import { type Command, Option } from 'commander';
import type { BullmqNotice } from '../bullmqNotices.js';
import { DEFAULT_PREFIX, DEFAULT_QUEUE } from '../runJob.js';
import type { BackendChoice, ExecutionBackend } from '../../types.js';
import { ensureRedis, loadBullmqEntry, redisUrlOf } from './bullmqEntry.js';
import { positiveSeconds } from './options.js';
import { UsageError, type CliIO } from './usage.js';

/** The options this module adds to `chaos run`. */
export interface RunBackendOptions {
  backend: BackendChoice | 'bullmq';
  redis?: string;
  queue?: string;
  redisPrefix?: string;
  redisTimeout?: number;
  concurrency?: number;
}

/** The backend of a campaign, and how to let go of it once the campaign is over. */
export interface RunBackend {
  readonly backend: BackendChoice | ExecutionBackend;
  close(): Promise<void>;
}

/** Adds `--backend` and the options of `--backend bullmq` to `chaos run`. */
export function addRunBackendOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--backend <kind>', 'where runs execute: auto (worker threads when worth it), in-process, worker-threads, or bullmq (chaos worker processes, through Redis)')
        .choices(['auto', 'in-process', 'worker-threads', 'bullmq'])
        .default('auto'),
    )
    .option('--redis <url>', 'with --backend bullmq: the Redis server (default: $CHAOS_REDIS_URL); its password is never printed')
    .option('--queue <name>', `with --backend bullmq: the queue the workers serve (default: ${DEFAULT_QUEUE})`)
    .option('--redis-prefix <prefix>', `with --backend bullmq: the prefix of the Redis keys (default: ${DEFAULT_PREFIX})`)
    .option('--redis-timeout <seconds>', 'with --backend bullmq: how long Redis may stay unreachable mid-campaign before the campaign stops (default: 60)', positiveSeconds);
}

/**
 * The backend `chaos run` asked for. For `bullmq`: loads the optional peers, checks
 * that Redis answers (before anything runs or any file is written), and makes the
 * backend, which reports reconnections and the like on stderr.
 *
 * @throws {@link UsageError} for a bad combination of options, missing peers, or
 * Redis unreachable (naming the URL, password masked)
 */
export async function openRunBackend(options: RunBackendOptions, io: CliIO, env: NodeJS.ProcessEnv): Promise<RunBackend> {
  if (options.backend !== 'bullmq') {
    const stray = (['redis', 'queue', 'redisPrefix', 'redisTimeout'] as const).filter((key) => options[key] !== undefined);
    if (stray.length > 0) {
      throw new UsageError(`${stray.map((key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')} go with --backend bullmq`);
    }
    return { backend: options.backend, close: () => Promise.resolve() };
  }
  if (options.concurrency !== undefined) {
    throw new UsageError('--concurrency does not apply to --backend bullmq: each `chaos worker --concurrency N` sets how many runs it executes at once');
  }
  const url = redisUrlOf(options.redis, env, '--backend bullmq');
  const entry = await loadBullmqEntry('--backend bullmq');
  await ensureRedis(entry, url);
  let backend: ExecutionBackend;
  try {
    backend = entry.createBullmqBackend({
      redis: url,
      ...(options.queue === undefined ? {} : { queue: options.queue }),
      ...(options.redisPrefix === undefined ? {} : { prefix: options.redisPrefix }),
      ...(options.redisTimeout === undefined ? {} : { reconnectTimeoutSeconds: options.redisTimeout }),
      onNotice: (notice) => io.stderr.write(`${io.isTTY === true ? '\r\x1b[2K' : ''}chaos: ${describeNotice(notice, entry.redactRedisUrl(url))}\n`),
    });
  } catch (error: unknown) {
    throw new UsageError(errorMessage(error));
  }
  return { backend, close: () => backend.close() };
}

/** A run id list for a line of text: the first few, then how many more. */
function someRuns(runIds: readonly string[]): string {
  const shown = runIds.slice(0, 3).join(', ');
  return runIds.length > 3 ? `${shown} and ${runIds.length - 3} more` : shown;
}

/** One line about a notice of the BullMQ backend. */
export function describeNotice(notice: BullmqNotice, url: string): string {
  switch (notice.kind) {
    case 'connection-lost':
      return `lost Redis at ${url} (${notice.error}); reconnecting`;
    case 'reconnected':
      return `Redis at ${url} answers again after ${duration(notice.downSeconds)}`;
    case 'resubmitted':
      return `Redis no longer had the jobs of ${notice.runIds.length} run(s) (${someRuns(notice.runIds)}): enqueued again`;
    case 'collected':
      return `${notice.runIds.length} run(s) had finished while this campaign was away (${someRuns(notice.runIds)}): results collected, not run again`;
    case 'no-workers':
      return `no chaos worker serves queue ${notice.queue} on ${url} yet: the runs wait until one starts (chaos worker --redis <url> --queue ${notice.queue}, with the same --redis-prefix)`;
    case 'stalled':
      return `run ${notice.runId} lost its worker (stalled): it runs again on another`;
    case 'duplicate':
      return notice.identical
        ? `run ${notice.runId} came back twice with the same result: counted once`
        : `run ${notice.runId} came back twice with DIFFERENT results: the first is kept. Do all workers run the same --module, and is the scenario deterministic?`;
  }
}

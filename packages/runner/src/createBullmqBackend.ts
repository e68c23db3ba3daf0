import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ScenarioResult } from '@chaos/scenarios';
import { describeError } from '@chaos/format';
import { BullmqCollector } from './_internals/bullmqCollector.js';
import type { BullmqBackendStats, BullmqNotice } from './_internals/bullmqNotices.js';
import { runnerVersion } from './_internals/moduleLocation.js';
import { openRedis } from './_internals/redisConnection.js';
import { checkRedisUrl, redactRedisUrl } from './_internals/redisUrl.js';
import { checkQueueName, DEFAULT_PREFIX, DEFAULT_QUEUE } from './_internals/runJob.js';
import { checkInteger, checkPositiveSeconds, fail } from './_internals/validate.js';
import type { ExecutionBackend, RunTask } from './types.js';

export type { BullmqBackendStats, BullmqNotice };


/** Options of {@link createBullmqBackend}. */
export interface BullmqBackendOptions {
  /** The Redis server: `redis://[user:password@]host[:port][/db]` or `rediss://…`. Printed with its password masked. */
  readonly redis: string;
  /**
   * The BullMQ queue: workers started with the same `queue` and `prefix` run its jobs.
   * Campaigns can share one (their jobs have ids of their own); give campaigns that
   * need different `--module`s queues of their own.
   * @defaultValue `'chaos-runs'`
   */
  readonly queue?: string;
  /** Prefix of every Redis key. @defaultValue `'chaos'` */
  readonly prefix?: string;
  /**
   * Runs enqueued and not yet collected, at most (the runner keeps this many in
   * flight). Enough to keep every worker busy; bounded so Redis holds a window of
   * the campaign rather than all of it.
   * @defaultValue `1000`
   */
  readonly capacity?: number;
  /** Workers use the `workflowFactory` export of their `--module` for every run. @defaultValue `false` */
  readonly useModuleWorkflowFactory?: boolean;
  /** Given to every run when the key is present; must be plain JSON data (it travels in each job). */
  readonly initialState?: unknown;
  /** How long the first connection may take, seconds. @defaultValue `10` */
  readonly connectTimeoutSeconds?: number;
  /**
   * How long Redis may stay unreachable mid-campaign before the campaign stops with a
   * {@link RedisConnectionError} (`CHAOS_REDIS_LOST`), seconds. Within it the backend
   * reconnects and enqueues again any run whose job Redis lost (a restart without
   * persistence).
   * @defaultValue `60`
   */
  readonly reconnectTimeoutSeconds?: number;
  /** Told about reconnections, runs enqueued again, results collected from an earlier session, duplicates. */
  readonly onNotice?: (notice: BullmqNotice) => void;
}

/** An {@link ExecutionBackend} on a BullMQ queue, from {@link createBullmqBackend}. */
export interface BullmqBackend extends ExecutionBackend {
  readonly name: 'bullmq';
  readonly capacity: number;
  readonly queue: string;
  readonly prefix: string;
  /** The server's URL, password masked. */
  readonly url: string;
  /** Counts of this backend's session so far. */
  readonly stats: BullmqBackendStats;
}

/**
 * An {@link ExecutionBackend} that runs a campaign on BullMQ workers (`chaos worker`
 * processes, on this machine or others) through Redis. Each run is a job whose id
 * comes from the campaign fingerprint and the run's index, carrying plain data only;
 * each result comes back once to the runner, which journals it.
 *
 * - Execution is at least once: a worker killed mid-run loses its lock and its job
 *   runs again elsewhere. A result that arrives twice is given once; a second one
 *   that differs is reported (`onNotice`).
 * - A campaign started again (the coordinator was killed) finds its jobs by id:
 *   results finished meanwhile are collected, runs still queued are not enqueued twice.
 * - Redis lost mid-campaign: it reconnects and enqueues again what Redis lost, or
 *   after `reconnectTimeoutSeconds` rejects the runs in flight, which ends the
 *   campaign (its journal stays resumable).
 *
 * Nothing connects until the first run; call {@link checkRedis} first to fail fast.
 * `close()` leaves unfinished jobs queued, for the next session to collect.
 *
 * @throws `TypeError` / `RangeError` naming an invalid option
 * @example
 * ```ts
 * const backend = createBullmqBackend({ redis: 'redis://127.0.0.1:6379' });
 * try {
 *   await new ChaosRunner({ runsPerScenario: 500, seed: 'lab-1', journal: 'lab-1.jsonl', backend }).runAll();
 * } finally {
 *   await backend.close();
 * }
 * ```
 */
export function createBullmqBackend(options: BullmqBackendOptions): BullmqBackend {
  if (typeof options !== 'object' || options === null) fail('options', options, 'an object with `redis`');
  const url = checkRedisUrl('redis', options.redis);
  const queue = checkQueueName('queue', options.queue ?? DEFAULT_QUEUE);
  const prefix = checkQueueName('prefix', options.prefix ?? DEFAULT_PREFIX);
  const capacity = options.capacity === undefined ? 1000 : checkInteger('capacity', options.capacity, 1, 1_000_000);
  const connectMs = checkPositiveSeconds('connectTimeoutSeconds', options.connectTimeoutSeconds, 10) * 1000;
  const reconnectMs = checkPositiveSeconds('reconnectTimeoutSeconds', options.reconnectTimeoutSeconds, 60) * 1000;
  if (options.useModuleWorkflowFactory !== undefined && typeof options.useModuleWorkflowFactory !== 'boolean') {
    fail('useModuleWorkflowFactory', options.useModuleWorkflowFactory, 'a boolean');
  }
  if (options.onNotice !== undefined && typeof options.onNotice !== 'function') fail('onNotice', options.onNotice, 'a function');
  const hasInitialState = 'initialState' in options && options.initialState !== undefined;
  if (hasInitialState) {
    try {
      JSON.stringify(options.initialState);
    } catch (error: unknown) {
      throw new TypeError(`Expected \`initialState\` to be plain JSON data (it travels in every job): ${describeError(error)}`);
    }
  }
  const shown = redactRedisUrl(url);
  const collector = new BullmqCollector({
    url: shown,
    runner: runnerVersion(),
    env: { useModuleWorkflowFactory: options.useModuleWorkflowFactory === true, hasInitialState, initialState: options.initialState },
    reconnectMs,
    onNotice: options.onNotice,
    connect: async (onError) => {
      const commands = await openRedis(url, `chaos-coordinator:${queue}`, connectMs, onError);
      let events: Redis;
      try {
        events = await openRedis(url, `chaos-coordinator-events:${queue}`, connectMs, () => {});
      } catch (error: unknown) {
        commands.disconnect();
        throw error;
      }
      const streamKey = `${prefix}:${queue}:events`;
      // Start reading events from the stream's present end, before looking at any job,
      // so no completion falls between the two.
      const last = await commands.xrevrange(streamKey, '+', '-', 'COUNT', 1);
      const lastEventId = last[0]?.[0] ?? '0';
      return {
        commands,
        queue: new Queue(queue, {
          connection: commands,
          prefix,
          defaultJobOptions: { attempts: 1, removeOnComplete: { age: FINISHED_JOB_AGE_SECONDS }, removeOnFail: { age: FINISHED_JOB_AGE_SECONDS } },
        }),
        events: new QueueEvents(queue, { connection: events, prefix, lastEventId, blockingTimeout: 5000 }),
        disconnect: () => {
          commands.disconnect();
          events.disconnect();
        },
      };
    },
  });
  return {
    name: 'bullmq',
    capacity,
    queue,
    prefix,
    url: shown,
    get stats() {
      return collector.stats;
    },
    run: (task: RunTask): Promise<ScenarioResult> => collector.run(task),
    close: () => collector.close(),
  };
}

/**
 * Finished jobs are removed as soon as their result is collected. Those a coordinator
 * never came back for expire after this long (BullMQ removes them when later jobs finish).
 */
const FINISHED_JOB_AGE_SECONDS = 7 * 24 * 3600;

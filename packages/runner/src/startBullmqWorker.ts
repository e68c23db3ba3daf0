import { hostname } from 'node:os';
import { cancellableSleep, realClock } from '@chaos/config';
import { describeError, errorMessage } from '@chaos/format';
import { getScenario, type Scenario, type ScenarioResult } from '@chaos/scenarios';
import { type Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { executeRun, resultToJson, type RunEnvironment } from './_internals/executeRun.js';
import { runnerVersion } from './_internals/moduleLocation.js';
import { openRedis, TIMED_OUT, within } from './_internals/redisConnection.js';
import { checkRedisUrl, redactRedisUrl } from './_internals/redisUrl.js';
import { checkQueueName, decodeRunJob, DEFAULT_PREFIX, DEFAULT_QUEUE, MalformedRunJobError, type DecodedRunJob } from './_internals/runJob.js';
import { checkInteger, checkPositiveSeconds, fail } from './_internals/validate.js';
import { loadUserModule, scenarioNamed, type LoadedModule } from './_internals/workerModule.js';

/** Options of {@link startBullmqWorker}. */
export interface BullmqWorkerOptions {
  /** The Redis server, as given to the coordinator (`redis://…`, `rediss://…`). */
  readonly redis: string;
  /** The queue to serve. @defaultValue `'chaos-runs'` */
  readonly queue?: string;
  /** Prefix of every Redis key. @defaultValue `'chaos'` */
  readonly prefix?: string;
  /**
   * Runs executed at once in this process. Virtual-time runs interleave on its one
   * thread; real-time runs mostly wait, so many fit. Start one worker process per core
   * for CPU-bound campaigns.
   * @defaultValue `8`
   */
  readonly concurrency?: number;
  /** A module to import first, registering or exporting the campaign's scenarios (and `workflowFactory`). */
  readonly workerModule?: string | URL;
  /**
   * How long a run's job stays locked to this worker without a renewal, seconds. A
   * killed worker's runs start again elsewhere about this long after it died (the
   * stalled-job check runs as often).
   * @defaultValue `30`
   */
  readonly lockDurationSeconds?: number;
  /**
   * How many times a job may be found stalled (its worker died) and run again before
   * it fails; a run that kills every worker it lands on then fails with the reason.
   * @defaultValue `2`
   */
  readonly maxStalledCount?: number;
  /** How long the first connection may take, seconds. @defaultValue `10` */
  readonly connectTimeoutSeconds?: number;
  /** Recorded on each job it runs (BullMQ's `processedBy`). @defaultValue `<hostname>/<pid>` */
  readonly name?: string;
  /** Told about jobs it refused, connection losses and hand-backs. */
  readonly onEvent?: (event: BullmqWorkerEvent) => void;
}

/** What a worker reports besides finished runs. */
export type BullmqWorkerEvent =
  /** A job it could not run (malformed data, an unknown scenario, another runner version): failed with the reason. */
  | { readonly kind: 'job-failed'; readonly jobId: string; readonly reason: string }
  /** A run in flight given back to the queue on shutdown, for another worker. */
  | { readonly kind: 'handed-back'; readonly jobId: string; readonly runId: string }
  | { readonly kind: 'connection-lost'; readonly error: string }
  | { readonly kind: 'reconnected' }
  /** Any other error BullMQ reported (a lock it could not renew, …); the worker goes on. */
  | { readonly kind: 'error'; readonly error: string };

/** A running worker, from {@link startBullmqWorker}. */
export interface BullmqWorker {
  readonly name: string;
  /** The server, password masked. */
  readonly url: string;
  readonly queue: string;
  readonly stats: { readonly completed: number; readonly failedJobs: number; readonly handedBack: number; readonly inFlight: number };
  /**
   * Stops taking jobs, lets the runs in flight finish for up to `graceSeconds`, hands
   * the rest back to the queue, and closes the connections. Calling it again returns
   * the same promise.
   */
  stop(options?: { readonly graceSeconds?: number }): Promise<void>;
  /** Hands every run in flight back to the queue now (their jobs go back to waiting). */
  handBack(): void;
  [Symbol.asyncDispose](): Promise<void>;
}

interface InFlight {
  readonly stop: AbortController;
  readonly runId: string;
  /** Settles when the run itself has ended (its result, or its hand-back, may still be on the way to Redis). */
  readonly executed: Promise<unknown>;
}

/** Once its runs have ended, how long a stopping worker waits for Redis to take their results. */
const CLOSE_WAIT_MS = 5000;

/** A job that cannot be run here fails at once, whatever its attempts. */
function refuse(reason: string): never {
  throw new UnrecoverableError(reason);
}

/**
 * Starts a worker that runs the jobs of a BullMQ campaign queue until stopped: it
 * reads each job's plain data, resolves the scenario by name (built-in ones, and those
 * of `workerModule`), executes the run as the local backends do, and returns its
 * result. A job it cannot run fails with the reason and the worker goes on; a lost
 * connection is re-established.
 *
 * @throws {@link RedisConnectionError} when Redis cannot be reached at start;
 * `Error` when `workerModule` does not load; `TypeError` / `RangeError` for a bad option
 * @example
 * ```ts
 * const worker = await startBullmqWorker({ redis: 'redis://127.0.0.1:6379', workerModule: './my-chaos.js' });
 * process.once('SIGTERM', () => void worker.stop({ graceSeconds: 30 }));
 * ```
 */
export async function startBullmqWorker(options: BullmqWorkerOptions): Promise<BullmqWorker> {
  if (typeof options !== 'object' || options === null) fail('options', options, 'an object with `redis`');
  const url = checkRedisUrl('redis', options.redis);
  const queue = checkQueueName('queue', options.queue ?? DEFAULT_QUEUE);
  const prefix = checkQueueName('prefix', options.prefix ?? DEFAULT_PREFIX);
  const concurrency = options.concurrency === undefined ? 8 : checkInteger('concurrency', options.concurrency, 1, 10_000);
  const maxStalledCount = options.maxStalledCount === undefined ? 2 : checkInteger('maxStalledCount', options.maxStalledCount, 0, 1000);
  const lockMs = checkPositiveSeconds('lockDurationSeconds', options.lockDurationSeconds, 30) * 1000;
  const connectMs = checkPositiveSeconds('connectTimeoutSeconds', options.connectTimeoutSeconds, 10) * 1000;
  const name = options.name ?? `${hostname()}/${process.pid}`;
  if (typeof name !== 'string' || name.trim() === '') fail('name', name, 'a non-empty string');
  const emit = (event: BullmqWorkerEvent): void => options.onEvent?.(event);

  const loaded = options.workerModule === undefined ? undefined : await loadUserModule(options.workerModule);
  let connectionLost = false;
  const connection = await openRedis(url, `chaos-worker:${name.replace(/[^\w.:/-]/g, '_')}`, connectMs, (error) => {
    if (connectionLost) return;
    connectionLost = true;
    emit({ kind: 'connection-lost', error: describeError(error) });
  });
  connection.on('ready', () => {
    if (!connectionLost) return;
    connectionLost = false;
    emit({ kind: 'reconnected' });
  });
  return new RunningWorker({ name, url, queue, prefix, concurrency, maxStalledCount, lockMs, loaded, connection, emit });
}

interface RunningWorkerSetup {
  readonly name: string;
  readonly url: string;
  readonly queue: string;
  readonly prefix: string;
  readonly concurrency: number;
  readonly maxStalledCount: number;
  readonly lockMs: number;
  readonly loaded: LoadedModule | undefined;
  readonly connection: Redis;
  readonly emit: (event: BullmqWorkerEvent) => void;
}

/** The worker and its bookkeeping: runs in flight (to hand back) and counts. */
class RunningWorker implements BullmqWorker {
  readonly name: string;
  readonly url: string;
  readonly queue: string;
  readonly #setup: RunningWorkerSetup;
  readonly #worker: Worker;
  readonly #runner = runnerVersion();
  readonly #inFlight = new Map<string, InFlight>();
  readonly #counts = { completed: 0, failedJobs: 0, handedBack: 0 };
  #stopping: Promise<void> | undefined;

  constructor(setup: RunningWorkerSetup) {
    this.#setup = setup;
    this.name = setup.name;
    this.url = redactRedisUrl(setup.url);
    this.queue = setup.queue;
    this.#worker = new Worker(setup.queue, (job: Job, token?: string) => this.#process(job, token), {
      connection: setup.connection,
      prefix: setup.prefix,
      name: setup.name,
      concurrency: setup.concurrency,
      lockDuration: setup.lockMs,
      stalledInterval: setup.lockMs,
      maxStalledCount: setup.maxStalledCount,
      // Results are removed by the coordinator once collected; failed jobs stay for a while to be read.
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
    this.#worker.on('completed', () => {
      this.#counts.completed += 1;
    });
    this.#worker.on('failed', (job, error) => {
      if (error instanceof WaitingError || error?.name === 'WaitingError') return;
      this.#counts.failedJobs += 1;
      setup.emit({ kind: 'job-failed', jobId: job?.id ?? '?', reason: error?.message ?? 'unknown' });
    });
    this.#worker.on('error', (error) => {
      // Connection errors are reported once per loss, by the connection itself.
      if (/ECONNREFUSED|ECONNRESET|Connection is closed|ETIMEDOUT|EPIPE/.test(String(error?.message))) return;
      setup.emit({ kind: 'error', error: describeError(error) });
    });
  }

  get stats(): BullmqWorker['stats'] {
    return { ...this.#counts, inFlight: this.#inFlight.size };
  }

  async #process(job: Job, token: string | undefined): Promise<ScenarioResult> {
    let decoded: DecodedRunJob;
    try {
      decoded = decodeRunJob(job.data, this.#runner);
    } catch (error: unknown) {
      refuse(error instanceof MalformedRunJobError ? error.message : `malformed run job: ${describeError(error)}`);
    }
    const { task } = decoded;
    const scenario = this.#scenario(task.scenario);
    const env = this.#environment(decoded);
    const stop = new AbortController();
    const id = job.id ?? task.runId;
    const execution = executeRun(task, scenario, env, stop.signal);
    this.#inFlight.set(id, { stop, runId: task.runId, executed: execution });
    try {
      const result = await execution;
      if (stop.signal.aborted) {
        // Handed back: the job waits again for any worker; this run's result is dropped.
        await job.moveToWait(token);
        this.#counts.handedBack += 1;
        this.#setup.emit({ kind: 'handed-back', jobId: id, runId: task.runId });
        throw new WaitingError();
      }
      return JSON.parse(resultToJson(task, result)) as ScenarioResult;
    } finally {
      this.#inFlight.delete(id);
    }
  }

  #scenario(name: string): Scenario {
    // The same resolution as this thread's and worker threads' campaigns: a name means one scenario.
    const scenario = scenarioNamed(name, this.#setup.loaded);
    if (scenario !== undefined) return scenario;
    const hint = this.#setup.loaded === undefined ? 'start it with --module <the module defining it>' : `its module ${this.#setup.loaded.href} does not define it`;
    let known = '';
    try {
      getScenario(name);
    } catch (error: unknown) {
      known = `: ${errorMessage(error)}`;
    }
    return refuse(`worker ${this.name} cannot run scenario "${name}" (${hint})${known}`);
  }

  #environment(decoded: DecodedRunJob): RunEnvironment {
    let workflowFactory;
    if (decoded.workflow === 'module') {
      workflowFactory = this.#setup.loaded?.workflowFactory;
      if (workflowFactory === undefined) {
        refuse(`worker ${this.name} has no module exporting \`workflowFactory\`, which the campaign runs every scenario with`);
      }
    }
    return { workflowFactory, initialState: decoded.initialState, hasInitialState: decoded.hasInitialState };
  }

  handBack(): void {
    for (const run of this.#inFlight.values()) run.stop.abort(new Error(`worker ${this.name} is shutting down and hands the run back`));
  }

  stop(options: { readonly graceSeconds?: number } = {}): Promise<void> {
    this.#stopping ??= this.#stop(options.graceSeconds ?? Infinity);
    return this.#stopping;
  }

  async #stop(graceSeconds: number): Promise<void> {
    // `close()` takes no new job and waits for the runs in flight to be done with.
    const closing = this.#worker.close().then(
      () => undefined,
      (error: unknown) => error,
    );
    const runsEnded = (): Promise<unknown> => Promise.allSettled([...this.#inFlight.values()].map((run) => run.executed));
    if (Number.isFinite(graceSeconds)) {
      const grace = cancellableSleep(realClock, Math.max(0, graceSeconds) * 1000);
      const inTime = await Promise.race([runsEnded().then(() => true), grace.done.then(() => false, () => true)]);
      grace.cancel(undefined);
      if (!inTime) this.handBack();
    }
    await runsEnded();
    // Results and hand-backs need Redis. If it does not answer, the jobs in flight are
    // left to the stalled-job check (their locks lapse) and the worker leaves anyway.
    try {
      const closed = await within(closing, CLOSE_WAIT_MS);
      if (closed === TIMED_OUT) {
        this.#setup.emit({ kind: 'error', error: `Redis did not answer within ${CLOSE_WAIT_MS / 1000} s while stopping: the runs in flight go back to the queue when their locks lapse` });
        await within(this.#worker.close(true).catch(() => undefined), 1000);
      } else if (closed !== undefined) {
        this.#setup.emit({ kind: 'error', error: `while stopping: ${describeError(closed)}` });
      }
    } finally {
      this.#setup.connection.disconnect();
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

import { type CancellableSleep, cancellableSleep, realClock } from '@chaos/config';
import { describeError } from '@chaos/format';
import type { ScenarioResult } from '@chaos/scenarios';
import type { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { RedisConnectionError } from '../RedisConnectionError.js';
import type { RunTask } from '../types.js';
import { within } from './redisConnection.js';
import type { BullmqBackendStats, BullmqNotice } from './bullmqNotices.js';
import { ResultLedger, resultOf, type Finished } from './bullmqResults.js';
import { campaignJobPrefix, encodeRunJob, runJobId, type RunJobEnvironment } from './runJob.js';

/** The connections and BullMQ objects of a session, opened on the first run. */
export interface Connected {
  readonly commands: Redis;
  readonly queue: Queue;
  readonly events: QueueEvents;
  disconnect(): void;
}

export interface CollectorOptions {
  /** The server, password masked. */
  readonly url: string;
  readonly runner: string;
  readonly env: RunJobEnvironment;
  readonly reconnectMs: number;
  readonly onNotice: ((notice: BullmqNotice) => void) | undefined;
  readonly connect: (onError: (error: unknown) => void) => Promise<Connected>;
}

interface Entry {
  readonly jobId: string;
  readonly task: RunTask;
  readonly resolve: (result: ScenarioResult) => void;
  readonly reject: (error: unknown) => void;
  /** Whether its job was added once already (a later add means Redis lost it). */
  added: boolean;
  /** Whether it waits in `toCheck`. */
  queued: boolean;
}

/** Jobs looked up or added per round trip. */
const BATCH = 500;
/** How often the backend looks around while runs are in flight: is any worker serving the queue? */
const WATCH_MS = 5000;
/** Every so many watches, the jobs of unsettled runs are looked at even without an event: a safety net for missed events. */
const SWEEP_EVERY = 3;
/** Collected jobs are removed in batches, this long after the first is collected. */
const REMOVE_DELAY_MS = 200;
/** The longest `close()` waits for Redis before it just drops the connections. */
const CLOSE_WAIT_MS = 2000;

/**
 * The coordinator side of the BullMQ backend: enqueues runs (in batches, by job id),
 * and settles each run once from whichever reports its end first — a queue event, or
 * the job found finished when looked up (at start, after a reconnection, or by the
 * periodic sweep). Not exported from the package.
 */
export class BullmqCollector {
  readonly #options: CollectorOptions;
  #connecting: Promise<Connected> | undefined;
  #connected: Connected | undefined;
  readonly #entries = new Map<string, Entry>();
  readonly #ledger = new ResultLedger();
  readonly #toCheck: Entry[] = [];
  #checking = false;
  #toRemove: string[] = [];
  #removal: CancellableSleep | undefined;
  #watch: CancellableSleep | undefined;
  /** Whether the last look found no worker on the queue (said once, until one comes). */
  #noWorkers = false;
  #downSince: number | undefined;
  #lastError: unknown;
  #giveUp: CancellableSleep | undefined;
  #broken: Error | undefined;
  #closing: Promise<void> | undefined;
  readonly #stats = { enqueued: 0, collected: 0, resubmitted: 0, duplicates: 0, differingDuplicates: 0, failedJobs: 0 };

  constructor(options: CollectorOptions) {
    this.#options = options;
  }

  get stats(): BullmqBackendStats {
    return { ...this.#stats };
  }

  run(task: RunTask): Promise<ScenarioResult> {
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    if (this.#closing !== undefined) return Promise.reject(new Error('The BullMQ backend is closed'));
    if (typeof task?.campaign !== 'string' || task.campaign === '') {
      return Promise.reject(new TypeError(`Expected the task's \`campaign\` to be the campaign fingerprint, got \`${String(task?.campaign)}\`: job ids are made from it`));
    }
    const jobId = runJobId(task);
    this.#ledger.addCampaign(campaignJobPrefix(task.campaign));
    return new Promise<ScenarioResult>((resolve, reject) => {
      if (this.#entries.has(jobId)) {
        reject(new Error(`Run ${task.runId} of this campaign is already in flight on the BullMQ backend`));
        return;
      }
      const entry: Entry = { jobId, task, resolve, reject, added: false, queued: false };
      const early = this.#ledger.takeEarly(jobId);
      if (early !== undefined) {
        this.#settle(entry, early);
        return;
      }
      this.#entries.set(jobId, entry);
      this.#enqueueCheck(entry);
    });
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#watch?.cancel(undefined);
    this.#giveUp?.cancel(undefined);
    this.#removal?.cancel(undefined);
    const leftover = new Error('The BullMQ backend was closed; its unfinished jobs stay queued, and running the campaign again collects them');
    for (const entry of this.#entries.values()) entry.reject(leftover);
    this.#entries.clear();
    const connected = this.#connected ?? (await this.#connecting?.catch(() => undefined));
    if (connected === undefined) return;
    // With Redis gone there is nothing to say goodbye to: drop the connections at once.
    const live = this.#downSince === undefined && this.#broken === undefined;
    try {
      if (live) {
        await within(this.#removeCollected(connected), CLOSE_WAIT_MS);
        await within(Promise.allSettled([connected.events.close(), connected.queue.close()]), CLOSE_WAIT_MS);
      }
    } finally {
      connected.disconnect();
      if (!live) void Promise.allSettled([connected.events.close(), connected.queue.close()]);
    }
  }

  #notice(notice: BullmqNotice): void {
    this.#options.onNotice?.(notice);
  }

  /** The session's connections, opened on first use. */
  #connect(): Promise<Connected> {
    this.#connecting ??= this.#options.connect((error) => this.#onConnectionError(error)).then((connected) => {
      this.#connected = connected;
      this.#listen(connected);
      if (this.#closing === undefined) void this.#watchLoop();
      return connected;
    });
    return this.#connecting;
  }

  #listen(connected: Connected): void {
    const { events, commands } = connected;
    events.on('completed', ({ jobId, returnvalue }) => this.#finished(jobId, { kind: 'completed', value: returnvalue }));
    events.on('failed', ({ jobId, failedReason }) => this.#finished(jobId, { kind: 'failed', reason: failedReason }));
    events.on('stalled', ({ jobId }) => {
      const entry = this.#entries.get(jobId);
      if (entry !== undefined) this.#notice({ kind: 'stalled', runId: entry.task.runId });
    });
    // Connection errors are followed through `commands`; the events reader reconnects on its own.
    events.on('error', () => {});
    connected.queue.on('error', () => {});
    commands.on('close', () => this.#onDisconnected());
    commands.on('ready', () => this.#onReady());
  }

  #onConnectionError(error: unknown): void {
    this.#lastError = error;
  }

  #onDisconnected(): void {
    if (this.#downSince !== undefined || this.#closing !== undefined) return;
    this.#downSince = realClock.now();
    this.#notice({ kind: 'connection-lost', error: describeError(this.#lastError ?? 'the connection closed') });
    const giveUp = cancellableSleep(realClock, this.#options.reconnectMs);
    this.#giveUp = giveUp;
    giveUp.done.then(
      () => {
        const seconds = this.#options.reconnectMs / 1000;
        this.#fail(
          new RedisConnectionError(
            'CHAOS_REDIS_LOST',
            this.#options.url,
            `Lost the connection to Redis at ${this.#options.url} for ${seconds} s (${describeError(this.#lastError ?? 'no answer')}), so the campaign stopped. Runs already finished are kept in its journal, if it has one: run it again with the same journal to resume`,
            this.#lastError,
          ),
        );
      },
      () => {},
    );
  }

  #onReady(): void {
    if (this.#downSince === undefined) return;
    const downSeconds = (realClock.now() - this.#downSince) / 1000;
    this.#downSince = undefined;
    this.#giveUp?.cancel(undefined);
    this.#giveUp = undefined;
    this.#notice({ kind: 'reconnected', downSeconds });
    // Redis may have restarted empty: look at every unsettled run's job again.
    for (const entry of this.#entries.values()) this.#enqueueCheck(entry);
  }

  /** A run ended, as an event or a lookup says. Settles its run, or keeps the result for later. */
  #finished(jobId: string, finished: Finished): void {
    const entry = this.#entries.get(jobId);
    if (entry !== undefined) {
      this.#settle(entry, finished);
      return;
    }
    const unclaimed = this.#ledger.unclaimed(jobId, finished);
    if (unclaimed.kind === 'duplicate') {
      this.#stats.duplicates += 1;
      if (!unclaimed.identical) this.#stats.differingDuplicates += 1;
      this.#notice({ kind: 'duplicate', runId: unclaimed.runId, identical: unclaimed.identical });
    }
    // Early: kept for when the runner asks. Foreign: another campaign's job on the same queue.
  }

  #settle(entry: Entry, finished: Finished): void {
    this.#entries.delete(entry.jobId);
    this.#ledger.given(entry.jobId, finished);
    if (finished.kind === 'failed') this.#stats.failedJobs += 1;
    const result = resultOf(entry.task, finished);
    this.#scheduleRemoval(entry.jobId);
    entry.resolve(result);
  }

  #fail(error: Error): void {
    if (this.#broken !== undefined) return;
    this.#broken = error;
    for (const entry of this.#entries.values()) entry.reject(error);
    this.#entries.clear();
  }

  #enqueueCheck(entry: Entry): void {
    if (entry.queued) return;
    entry.queued = true;
    this.#toCheck.push(entry);
    if (!this.#checking) void this.#checkLoop();
  }

  /**
   * Looks up the jobs of waiting runs, a batch at a time: a finished one settles its
   * run, a missing one is added, a queued or active one is left to its event.
   */
  async #checkLoop(): Promise<void> {
    this.#checking = true;
    try {
      // Let the runner hand over every task of this turn first: one batch, not one each.
      await Promise.resolve();
      const connected = await this.#connect();
      while (this.#toCheck.length > 0 && this.#broken === undefined && this.#closing === undefined) {
        const batch = this.#toCheck.splice(0, BATCH);
        for (const entry of batch) entry.queued = false;
        await this.#checkBatch(connected, batch.filter((entry) => this.#entries.get(entry.jobId) === entry));
      }
    } catch (error: unknown) {
      if (this.#closing === undefined) {
        this.#fail(error instanceof RedisConnectionError ? error : new Error(`The BullMQ backend could not enqueue runs on Redis at ${this.#options.url}: ${describeError(error)}`, { cause: error }));
      }
    } finally {
      this.#checking = false;
    }
  }

  async #checkBatch(connected: Connected, batch: readonly Entry[]): Promise<void> {
    if (batch.length === 0) return;
    const jobs = await Promise.all(batch.map((entry) => connected.queue.getJob(entry.jobId) as Promise<Job | undefined>));
    // A job with `finishedOn` has ended; its state says how (one more lookup, only for those).
    const states = await Promise.all(jobs.map((job) => (job?.finishedOn === undefined ? undefined : job.getState())));
    const toAdd: Entry[] = [];
    const collected: string[] = [];
    for (let i = 0; i < batch.length; i++) {
      const entry = batch[i] as Entry;
      const job = jobs[i];
      const state = states[i];
      if (this.#entries.get(entry.jobId) !== entry) continue; // settled meanwhile by an event
      if (job === undefined) {
        toAdd.push(entry);
      } else if (state === 'completed' || state === 'failed') {
        if (!entry.added) {
          collected.push(entry.task.runId);
          this.#stats.collected += 1;
        }
        this.#settle(entry, state === 'completed' ? { kind: 'completed', value: job.returnvalue } : { kind: 'failed', reason: job.failedReason });
      }
      // Otherwise the job waits or runs: its event will settle the run.
    }
    if (collected.length > 0) this.#notice({ kind: 'collected', runIds: collected });
    if (toAdd.length === 0) return;
    const again = toAdd.filter((entry) => entry.added).map((entry) => entry.task.runId);
    await connected.queue.addBulk(
      toAdd.map((entry) => ({
        name: entry.task.scenario,
        data: encodeRunJob(entry.task, this.#options.runner, this.#options.env),
        opts: { jobId: entry.jobId },
      })),
    );
    const first = this.#stats.enqueued === 0;
    for (const entry of toAdd) entry.added = true;
    this.#stats.enqueued += toAdd.length;
    if (first) void this.#checkWorkers();
    if (again.length > 0) {
      this.#stats.resubmitted += again.length;
      this.#notice({ kind: 'resubmitted', runIds: again });
    }
  }

  /**
   * Every WATCH_MS while runs are in flight: says when no worker serves the queue (the
   * runs would wait in silence), and every SWEEP_EVERY watches looks at every
   * unsettled run's job, since events can be missed (a trimmed stream).
   */
  async #watchLoop(): Promise<void> {
    for (let tick = 1; this.#closing === undefined && this.#broken === undefined; tick++) {
      const watch = cancellableSleep(realClock, WATCH_MS);
      this.#watch = watch;
      try {
        await watch.done;
      } catch {
        return;
      }
      if (this.#downSince !== undefined || this.#entries.size === 0) continue;
      void this.#checkWorkers();
      if (tick % SWEEP_EVERY === 0) for (const entry of this.#entries.values()) this.#enqueueCheck(entry);
    }
  }

  /** Tells the owner when no worker serves the queue, once until one comes. */
  async #checkWorkers(): Promise<void> {
    const connected = this.#connected;
    if (connected === undefined) return;
    let count: number;
    try {
      count = await connected.queue.getWorkersCount();
    } catch {
      return; // Some servers refuse CLIENT LIST: then nobody is told, and nothing breaks.
    }
    if (count > 0 || this.#closing !== undefined) {
      this.#noWorkers = false;
      return;
    }
    if (this.#noWorkers) return;
    this.#noWorkers = true;
    this.#notice({ kind: 'no-workers', queue: connected.queue.name });
  }

  #scheduleRemoval(jobId: string): void {
    this.#toRemove.push(jobId);
    if (this.#removal !== undefined || this.#closing !== undefined) return;
    const removal = cancellableSleep(realClock, REMOVE_DELAY_MS);
    this.#removal = removal;
    removal.done.then(
      () => {
        this.#removal = undefined;
        const connected = this.#connected;
        if (connected !== undefined) void this.#removeCollected(connected);
      },
      () => {},
    );
  }

  /** Removes the jobs whose results were given: Redis keeps what is still to collect, and no more. */
  async #removeCollected(connected: Connected): Promise<void> {
    const ids = this.#toRemove;
    this.#toRemove = [];
    // A job that cannot be removed now expires with age; its result is already given.
    await Promise.allSettled(ids.map((id) => connected.queue.remove(id)));
  }
}

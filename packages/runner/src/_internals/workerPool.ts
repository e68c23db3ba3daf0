import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describeError } from '@chaos/format';
import type { ScenarioResult } from '@chaos/scenarios';
import type { ExecutionBackend, RunTask } from '../types.js';
import { failedResult } from './executeRun.js';
import { workerScriptPath } from './moduleLocation.js';
import type { FromWorker, ToWorker, WorkerInit } from './workerProtocol.js';

/** The checked settings of a pool (see `WorkerPoolBackendOptions`). */
export interface WorkerPoolSettings {
  /** Worker threads. */
  readonly size: number;
  /** Tasks handed to a worker in one message. */
  readonly batchSize: number;
  /** Tasks a worker holds at once: one batch, or two with prefetch. */
  readonly perWorker: number;
  /** The worker script; `undefined` for `worker.js` next to this module. */
  readonly script: URL | undefined;
  /** What every worker is started with. */
  readonly init: WorkerInit;
}

interface Pending {
  readonly id: number;
  readonly task: RunTask;
  readonly resolve: (result: ScenarioResult) => void;
  readonly reject: (error: unknown) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly inFlight: Map<number, Pending>;
  ready: boolean;
  lastError: unknown;
}

/**
 * A pool of worker threads behind the {@link ExecutionBackend} shape: `run` queues a
 * task, `pump` hands queued tasks out in batches to ready workers (spawning workers up
 * to `size` while tasks wait), a worker's results settle their tasks, a worker that
 * dies fails the runs it held and is replaced, and a worker that cannot start fails
 * every task (`failAll`), which ends the campaign.
 */
export class WorkerPool implements ExecutionBackend {
  readonly name = 'worker-threads';
  readonly capacity: number;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private queueHead = 0;
  private nextId = 0;
  private closed = false;
  private broken: Error | undefined;
  private readonly terminating: Promise<number>[] = [];

  constructor(private readonly settings: WorkerPoolSettings) {
    this.capacity = settings.size * settings.perWorker;
  }

  run(task: RunTask): Promise<ScenarioResult> {
    if (this.broken !== undefined) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new Error('The worker pool is closed'));
    return new Promise<ScenarioResult>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      try {
        this.pump();
      } catch (error: unknown) {
        this.failAll(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('The worker pool was closed');
    for (const pending of this.queue.splice(0)) pending.reject(error);
    this.queueHead = 0;
    const workers = [...this.slots].map((slot) => {
      for (const pending of slot.inFlight.values()) pending.reject(error);
      slot.inFlight.clear();
      return slot.worker.terminate();
    });
    this.slots.clear();
    await Promise.all([...workers, ...this.terminating]);
  }

  /** Rejects every queued and running task with `error` and stops every worker; the pool is broken for good. */
  private failAll(error: Error): void {
    if (this.broken !== undefined) return;
    this.broken = error;
    for (const pending of this.queue.splice(0)) pending.reject(error);
    this.queueHead = 0;
    for (const slot of this.slots) {
      for (const pending of slot.inFlight.values()) pending.reject(error);
      slot.inFlight.clear();
      this.terminating.push(slot.worker.terminate());
    }
    this.slots.clear();
  }

  /** Starts one worker and listens to it. */
  private spawn(): void {
    const worker = new Worker(this.settings.script ?? pathToFileURL(workerScriptPath()), { workerData: this.settings.init });
    const slot: Slot = { worker, inFlight: new Map(), ready: false, lastError: undefined };
    this.slots.add(slot);
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (error: unknown) => {
      slot.lastError = error;
    });
    worker.on('exit', (code: number) => this.onExit(slot, code));
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        this.pump();
        break;
      case 'results':
        for (const { id, json } of message.results) {
          const pending = slot.inFlight.get(id);
          if (pending === undefined) continue;
          slot.inFlight.delete(id);
          pending.resolve(JSON.parse(json) as ScenarioResult);
        }
        this.pump();
        break;
      case 'fatal':
        this.failAll(new Error(`A worker thread could not start: ${message.message}`));
        break;
    }
  }

  /** A worker stopped: before it was ready, the pool is broken; after, its runs fail and another takes its place. */
  private onExit(slot: Slot, code: number): void {
    this.slots.delete(slot);
    if (this.closed || this.broken !== undefined) return;
    const why = slot.lastError instanceof Error ? describeError(slot.lastError) : `exit code ${code}`;
    if (!slot.ready) {
      this.failAll(new Error(`A worker thread could not start (${why})`));
      return;
    }
    for (const pending of slot.inFlight.values()) {
      pending.resolve(failedResult(pending.task, `the worker thread running it stopped (${why}); every run it held at that moment is failed with it`));
    }
    slot.inFlight.clear();
    this.pump();
  }

  /** Spawns workers while tasks wait, then hands each ready worker the batches it has room for. */
  private pump(): void {
    if (this.closed || this.broken !== undefined) return;
    const { size } = this.settings;
    if (this.queueHead < this.queue.length && this.slots.size < size) {
      while (this.slots.size < size) this.spawn();
    }
    for (const slot of this.slots) {
      if (slot.ready) this.fill(slot);
    }
  }

  /** Hands full batches to one ready worker, up to its room; at the end of the queue, whatever is left. */
  private fill(slot: Slot): void {
    const { batchSize, perWorker } = this.settings;
    for (;;) {
      const waiting = this.queue.length - this.queueHead;
      const room = perWorker - slot.inFlight.size;
      const count = Math.min(room, waiting, batchSize);
      if (count <= 0 || (count < batchSize && waiting >= batchSize)) break;
      const tasks: { id: number; task: RunTask }[] = [];
      for (let i = 0; i < count; i++) {
        const pending = this.queue[this.queueHead++] as Pending;
        slot.inFlight.set(pending.id, pending);
        tasks.push({ id: pending.id, task: pending.task });
      }
      if (this.queueHead === this.queue.length) {
        this.queue.length = 0;
        this.queueHead = 0;
      }
      const message: ToWorker = { type: 'batch', tasks };
      slot.worker.postMessage(message);
    }
  }
}

/** What the BullMQ backend reports besides results: its notices and its counts. */

/** Something the BullMQ backend tells its owner about, besides results. */
export type BullmqNotice =
  /** Redis stopped answering; the backend reconnects (for up to `reconnectTimeoutSeconds`). */
  | { readonly kind: 'connection-lost'; readonly error: string }
  /** Redis answers again after `downSeconds`. */
  | { readonly kind: 'reconnected'; readonly downSeconds: number }
  /** Runs whose jobs Redis no longer had (a restart without persistence), enqueued again. */
  | { readonly kind: 'resubmitted'; readonly runIds: readonly string[] }
  /** Runs already finished in Redis when this session asked for them: their results were collected, not run again. */
  | { readonly kind: 'collected'; readonly runIds: readonly string[] }
  /** No worker serves the queue: the runs wait until one starts. Said again if all workers go. */
  | { readonly kind: 'no-workers'; readonly queue: string }
  /** A run's worker stopped renewing its lock (killed, or stuck): BullMQ runs it again. */
  | { readonly kind: 'stalled'; readonly runId: string }
  /** A result for a run already given to the runner; `identical: false` means it differs from the first. */
  | { readonly kind: 'duplicate'; readonly runId: string; readonly identical: boolean };

/** Counts of a BullMQ backend's session. */
export interface BullmqBackendStats {
  /** Jobs this session added to the queue (a run enqueued again counts again). */
  readonly enqueued: number;
  /** Results that were already in Redis when asked for (finished before or between sessions). */
  readonly collected: number;
  /** Runs enqueued again because Redis had lost their jobs. */
  readonly resubmitted: number;
  /** Results received twice; `differingDuplicates` of them differed from the first. */
  readonly duplicates: number;
  readonly differingDuplicates: number;
  /** Runs whose job failed on a worker (a malformed job, an unknown scenario, …): failed runs with the reason. */
  readonly failedJobs: number;
}

/**
 * What comes back from the BullMQ workers, and whose it is: a finished job's answer
 * turned into a run's result, and the ledger that tells a duplicate, a result that
 * came before the runner asked for it, and another campaign's job apart.
 */
import { createHash } from 'node:crypto';
import type { ScenarioResult } from '@chaos/scenarios';
import type { RunTask } from '../types.js';
import { failedResult } from './executeRun.js';

/** How a job ended: its return value, or the reason it failed. */
export type Finished = { readonly kind: 'completed'; readonly value: unknown } | { readonly kind: 'failed'; readonly reason: string };

/** What a finished job that no waiting run claims is. */
export type Unclaimed =
  | { readonly kind: 'duplicate'; readonly runId: string; readonly identical: boolean }
  | { readonly kind: 'early' }
  | { readonly kind: 'foreign' };

function isResult(value: unknown, task: RunTask): value is ScenarioResult {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r['success'] === 'boolean' && r['scenario'] === task.scenario && r['runId'] === task.runId && Array.isArray(r['events']);
}

/** 64 bits of sha256 of a result: enough to tell two results of one run apart, small enough to keep one per run. */
function hashOf(finished: Finished): string {
  const text = finished.kind === 'completed' ? `ok ${JSON.stringify(finished.value)}` : `failed ${finished.reason}`;
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The result of `task` from how its job ended: a failed job or a foreign answer is a failed run. */
export function resultOf(task: RunTask, finished: Finished): ScenarioResult {
  if (finished.kind === 'failed') return failedResult(task, `its job failed on a worker: ${finished.reason}`);
  if (isResult(finished.value, task)) return finished.value;
  return failedResult(task, `the worker's answer is not the result of run ${task.runId}`);
}

/** The results given so far and those waiting to be asked for, by job id. */
export class ResultLedger {
  /** Results of our campaigns' jobs that finished before the runner asked for them. */
  readonly #early = new Map<string, Finished>();
  /** Hash of each result given, by job id, to tell a duplicate that differs. */
  readonly #given = new Map<string, string>();
  /** Job-id prefixes of the campaigns this backend ran. */
  readonly #campaigns = new Set<string>();

  /** Jobs whose id starts with `prefix` are this backend's. */
  addCampaign(prefix: string): void {
    this.#campaigns.add(prefix);
  }

  /** The result kept for `jobId` before it was asked for, taken out of the ledger. */
  takeEarly(jobId: string): Finished | undefined {
    const early = this.#early.get(jobId);
    if (early !== undefined) this.#early.delete(jobId);
    return early;
  }

  /** Notes that the result of `jobId` was given. */
  given(jobId: string, finished: Finished): void {
    this.#given.set(jobId, hashOf(finished));
  }

  /** A finished job no waiting run claims: a duplicate (kept apart), ours ahead of time (kept), or another campaign's. */
  unclaimed(jobId: string, finished: Finished): Unclaimed {
    const given = this.#given.get(jobId);
    if (given !== undefined) {
      const value = finished.kind === 'completed' ? (finished.value as { runId?: unknown } | null) : undefined;
      const runId = typeof value?.runId === 'string' ? value.runId : jobId;
      return { kind: 'duplicate', runId, identical: given === hashOf(finished) };
    }
    for (const prefix of this.#campaigns) {
      if (jobId.startsWith(prefix)) {
        this.#early.set(jobId, finished);
        return { kind: 'early' };
      }
    }
    return { kind: 'foreign' };
  }
}

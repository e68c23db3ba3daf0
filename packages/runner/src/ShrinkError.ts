/** Why a run could not be shrunk. */
export type ShrinkErrorCode =
  /** The run held its steady state: there is no failure to shrink. */
  | 'CHAOS_SHRINK_PASSED'
  /** The run does not fail the same way twice under its seed (a workflow that is not deterministic). */
  | 'CHAOS_SHRINK_NOT_DETERMINISTIC'
  /** The faults it fired, replayed pinned to their calls, do not make it fail again. */
  | 'CHAOS_SHRINK_NOT_REPRODUCED'
  /** A fault it fired cannot be pinned (no call index: an integration fault). */
  | 'CHAOS_SHRINK_UNPINNABLE';

/**
 * A run could not be shrunk, and the message says which case and why, with the first
 * divergence between two replays (`divergence`) when the failure does not replay.
 *
 * @example
 * ```ts
 * try { await shrinkRun({ scenario: 'DemoSoak', campaignSeed: 'demo', runIndex: 7 }); }
 * catch (error: unknown) { if (isShrinkError(error)) console.error(error.code, error.divergence); }
 * ```
 */
export class ShrinkError extends Error {
  override readonly name = 'ShrinkError';
  readonly code: ShrinkErrorCode;
  /** The first event where two replays that should agree differ, in words; undefined when not relevant. */
  readonly divergence: string | undefined;

  constructor(code: ShrinkErrorCode, message: string, divergence?: string) {
    super(message);
    this.code = code;
    this.divergence = divergence;
  }
}

/** True for a {@link ShrinkError}, from any installed copy of the runner. */
export function isShrinkError(error: unknown): error is ShrinkError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && error.name === 'ShrinkError' && typeof code === 'string' && code.startsWith('CHAOS_SHRINK_');
}

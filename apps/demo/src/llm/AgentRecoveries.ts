import type { RecoveryHandle, ResilienceMetrics } from '@chaos/metrics';

/** The reflexes of the copy agent, as its recoveries are tagged (`reflex`). */
export const AGENT_REFLEXES = ['retry', 'resume', 'fallback', 'repair'] as const;

/** One of {@link AGENT_REFLEXES}. */
export type AgentReflex = (typeof AGENT_REFLEXES)[number];

/** An LLM-level fault: of the model (`model.<fault>`) or of a tool (`tool.<fault>`). */
export function isLlmFault(faultType: string): boolean {
  return faultType.startsWith('model.') || faultType.startsWith('tool.');
}

/**
 * The copy agent's own recoveries, measured: when the agent notices an LLM fault (a
 * failed attempt it retries, a cut answer it resumes, a tool it stops waiting for, a
 * tool call it repairs), a recovery begins from each LLM fault recorded in the run and
 * not yet answered — its fault time the recorded one, its detection now — and it ends
 * when the copy it led to is judged: successful (accuracy 1) when the copy was
 * published, failed when it was refused or the agent gave up. MTTR-A is then the time
 * from each fault to faithful copy.
 */
export class AgentRecoveries {
  /** Indices of the run's fault records already answered by a recovery. */
  readonly #answered = new Set<number>();
  #pending: RecoveryHandle[] = [];

  constructor(
    private readonly metrics: ResilienceMetrics,
    private readonly runId: string,
  ) {}

  /** The agent saw an LLM fault and answers it with `reflex`: recoveries begin for the faults not yet answered. */
  noticed(reflex: AgentReflex): void {
    let index = 0;
    for (const fault of this.metrics.iterateFaults()) {
      if (!this.#answered.has(index) && fault.runId === this.runId && isLlmFault(fault.faultType)) {
        this.#answered.add(index);
        this.#pending.push(this.metrics.beginRecovery(fault.agentId, this.runId, fault.faultType, { runId: this.runId, faultAt: fault.at, tags: { reflex } }));
      }
      index += 1;
    }
  }

  /** The copy the recoveries led to was published (`faithful`) or refused: they end so. */
  judged(faithful: boolean): void {
    for (const handle of this.#take()) {
      if (faithful) {
        handle.reconstructionAccuracy = 1;
        handle.succeed();
      } else {
        handle.fail('the copy written after the fault was refused');
      }
    }
  }

  /** The agent gave up: the recoveries under way failed. */
  gaveUp(error: unknown): void {
    for (const handle of this.#take()) handle.fail(error);
  }

  #take(): RecoveryHandle[] {
    const pending = this.#pending;
    this.#pending = [];
    return pending;
  }
}

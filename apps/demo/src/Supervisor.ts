import { type Clock, isChaosError } from '@chaos/config';
import { isAgentTimeoutError, isMessageCorruptionError } from '@chaos/faults';
import type { FaultRecord, RecoveryAttempt, ResilienceMetrics } from '@chaos/metrics';
import { CopyMismatchError } from './agents/MarketingAgent.js';
import type { Heartbeats, StepControl } from './agents/heartbeats.js';

/** Why a settled step's watchers are cancelled; one shared value, as a stack trace per step is costly. */
const STEP_SETTLED = Object.freeze(new Error('step settled'));

export type FailureKind = 'crash' | 'timeout' | 'corruption' | 'hallucination';

/** A supervised step failed: which agent, how, and when it was seen. */
export class AgentFailure extends Error {
  constructor(
    readonly agent: string,
    readonly kind: FailureKind,
    readonly stepStartedAt: number,
    readonly detectedAt: number,
    cause: unknown,
  ) {
    super(`${agent}: ${kind} (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'AgentFailure';
  }
}

/** Supervision settings, ms on the run's clock. */
export interface SupervisionPolicy {
  /** A step may take this long at most. */
  readonly deadlineMs: number;
  /** An agent silent this long inside a step is hung. */
  readonly heartbeatTimeoutMs: number;
  /** How often the supervisor looks at the heartbeats. */
  readonly checkEveryMs: number;
}

/**
 * Watches agents through heartbeats and deadlines on the clock: a step that throws is a
 * crash (of the agent the error names — a peer that crashed while serving the step is
 * blamed, not the caller); an agent that stops beating, or a step that outlives its
 * deadline, is hung; copy that contradicts its input is a hallucination. Every recovery
 * it drives is measured, from the time the fault struck as recorded.
 */
export class Supervisor {
  private readonly answered = new Set<number>();

  constructor(
    private readonly clock: Clock,
    private readonly heartbeats: Heartbeats,
    private readonly metrics: ResilienceMetrics,
    private readonly runId: string,
    readonly policy: SupervisionPolicy,
  ) {}

  async watch<T>(agent: string, step: (control: StepControl) => Promise<T>, outer: AbortSignal): Promise<T> {
    const startedAt = this.clock.now();
    this.heartbeats.beat(agent);
    const controller = new AbortController();
    const relay = (): void => controller.abort(outer.reason);
    outer.addEventListener('abort', relay, { once: true });
    let hung: string | undefined;
    const monitor = (async (): Promise<never> => {
      for (;;) {
        await this.clock.sleep(this.policy.checkEveryMs, controller.signal);
        if (this.clock.now() - startedAt >= this.policy.deadlineMs) hung = `missed its ${this.policy.deadlineMs} ms deadline`;
        else if (this.heartbeats.silence(agent) >= this.policy.heartbeatTimeoutMs) hung = `silent for ${this.heartbeats.silence(agent)} ms`;
        if (hung !== undefined) throw new Error(`${agent} ${hung}`);
      }
    })();
    const work = step({ signal: controller.signal });
    monitor.catch(() => undefined);
    work.catch(() => undefined);
    try {
      return await Promise.race([work, monitor]);
    } catch (error: unknown) {
      if (outer.aborted) throw error;
      const blamed = hung === undefined && isChaosError(error) && error.target !== undefined && error.fault !== 'corruption' ? error.target : agent;
      const kind: FailureKind =
        hung !== undefined || isAgentTimeoutError(error)
          ? 'timeout'
          : isMessageCorruptionError(error)
            ? 'corruption'
            : error instanceof CopyMismatchError
              ? 'hallucination'
              : 'crash';
      throw new AgentFailure(kind === 'hallucination' ? 'model' : blamed, kind, startedAt, this.clock.now(), error);
    } finally {
      outer.removeEventListener('abort', relay);
      controller.abort(STEP_SETTLED);
    }
  }

  /**
   * Measures the recovery from `failure`; `repair` brings the agent back. The recovery is
   * tagged with its `reflex`, so the summary breaks recoveries down by it (`byTag.reflex`).
   */
  recover<T>(failure: AgentFailure, reflex: string, repair: (attempt: RecoveryAttempt) => Promise<T>): Promise<T> {
    const fault = this.faultBehind(failure);
    return this.metrics.measureRecovery(failure.agent, this.runId, failure.kind, repair, {
      faultAt: fault.at,
      detectedAt: failure.detectedAt,
      runId: this.runId,
      tags: { reflex },
    });
  }

  /** The injected fault behind a failure; a failure nothing injected is recorded as observed. */
  private faultBehind(failure: AgentFailure): FaultRecord {
    let index = 0;
    let match: { fault: FaultRecord; index: number } | undefined;
    for (const fault of this.metrics.iterateFaults()) {
      if (
        !this.answered.has(index) &&
        fault.runId === this.runId &&
        fault.agentId === failure.agent &&
        fault.at >= failure.stepStartedAt &&
        fault.at <= failure.detectedAt
      ) {
        match = { fault, index };
      }
      index += 1;
    }
    if (match === undefined) {
      const fault = this.metrics.recordFailure({
        agentId: failure.agent,
        threadId: this.runId,
        faultType: failure.kind,
        runId: this.runId,
        at: failure.kind === 'timeout' ? failure.stepStartedAt : failure.detectedAt,
        error: failure.message,
      });
      match = { fault, index };
    }
    this.answered.add(match.index);
    return match.fault;
  }
}

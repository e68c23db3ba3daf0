import type { FaultKind } from './faultKinds.js';

/**
 * Anything a run reports: faults from `@chaos/faults`, recoveries from
 * `@chaos/metrics`, milestones from workflows. `at` is in milliseconds on the
 * scope's clock.
 */
export interface ChaosEvent {
  readonly kind: string;
  readonly at: number;
  readonly runId?: string | undefined;
  /** The scenario the run belongs to, when the runtime has one. */
  readonly scenario?: string | undefined;
}

/** Emitted each time a fault fires. */
export interface FaultEvent extends ChaosEvent {
  readonly kind: 'fault';
  readonly fault: FaultKind;
  readonly target: string;
  /** `plan` when a fault-plan rule fired it, `probability` when chance did. */
  readonly source: 'plan' | 'probability';
  /**
   * The thread the fault struck in, when the runtime names one apart from its run
   * (LangGraph's `thread_id`); metrics read `runId` as the thread otherwise.
   */
  readonly threadId?: string | undefined;
  /** The plan rule's id, when `source` is `plan`. */
  readonly ruleId?: string | undefined;
  /**
   * At which call of `target` (through injectors of this fault, 1-based) it fired:
   * present only when the run's plan counts calls (`createFaultPlan(rules, { countCalls:
   * true })`), so that a fault fired by chance can be pinned and replayed.
   */
  readonly call?: number | undefined;
  /** What the fault did: the delay applied, the fields corrupted, the value altered. */
  readonly details: Readonly<Record<string, unknown>>;
  /**
   * Labels of the user's (the model, the prompt version, the reflex): the injector's
   * `tags`, with the plan rule's on top; `undefined` when neither has any.
   */
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

/** Receives the events of a scope. */
export type ChaosEventSink = (event: ChaosEvent) => void;

/** True when `event` is a {@link FaultEvent}. */
export function isFaultEvent(event: ChaosEvent): event is FaultEvent {
  return event.kind === 'fault';
}

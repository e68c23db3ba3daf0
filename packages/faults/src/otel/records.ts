import type { FaultEvent } from '@chaos/config';

/**
 * The fields of a recovery event this bridge reads. `@chaos/metrics` emits them
 * (its `RecoveryEvent`); they are named here rather than imported, so the bridge
 * needs nothing but `@chaos/config` and OpenTelemetry's API.
 */
export interface RecoveryEventLike {
  readonly kind: 'recovery';
  readonly at: number;
  readonly runId?: string | undefined;
  readonly scenario?: string | undefined;
  readonly agentId: string;
  readonly threadId?: string | undefined;
  readonly faultType: string;
  readonly success: boolean;
  /** `at − faultAt`, ms. */
  readonly durationMs: number;
  /** Where the fault time came from (`recorded`, `given`, `measurement-start`). */
  readonly faultTimeSource?: string | undefined;
  /** How the recovery was observed, when the recorder says (`automatic` detection). */
  readonly detection?: string | undefined;
  readonly error?: string | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

/** What the bridge turns into telemetry. */
export type ObservedEvent = FaultEvent | RecoveryEventLike;

/** Attribute names: OpenTelemetry's where a convention exists, `chaos.*` where none does. */
export const ATTR = {
  faultKind: 'chaos.fault.kind',
  faultTarget: 'chaos.fault.target',
  faultSource: 'chaos.fault.source',
  runId: 'chaos.run.id',
  scenario: 'chaos.scenario',
  seed: 'chaos.seed',
  recoveryDuration: 'chaos.recovery.duration_s',
  recoverySuccess: 'chaos.recovery.success',
  faultTimeSource: 'chaos.recovery.fault_time_source',
  detection: 'chaos.recovery.detection',
  agentName: 'gen_ai.agent.name',
  operationName: 'gen_ai.operation.name',
  toolName: 'gen_ai.tool.name',
  errorType: 'error.type',
} as const;

/**
 * The error an injected fault throws at its caller, by fault kind: the value of
 * `error.type` (the error's `name`). Faults that throw nothing (delays, wrong values,
 * corrupted messages, a stream cut that ends the stream) are absent.
 */
const THROWN: Readonly<Record<string, string>> = {
  crash: 'AgentCrashError',
  timeout: 'AgentTimeoutError',
  'model.rateLimit': 'AI_APICallError',
  'model.serverError': 'AI_APICallError',
  'model.overloaded': 'AI_APICallError',
  'model.contextLength': 'AI_APICallError',
  'model.authError': 'AI_APICallError',
  'model.timeout': 'AI_APICallError',
  'tool.error': 'ToolFaultError',
  'tool.timeout': 'ToolFaultError',
};

/**
 * `error.type` of a fault event: the name of the error the fault throws, or `undefined`
 * when it throws none. A content filter answers with an error only when it was not asked
 * to end the answer (`as: 'finish'`): the event's `statusCode` tells which.
 */
export function errorTypeOf(event: FaultEvent): string | undefined {
  if (event.fault === 'model.contentFilter') return event.details['statusCode'] === undefined ? undefined : 'AI_APICallError';
  return THROWN[event.fault];
}

/**
 * `gen_ai.operation.name` of a fault: a tool fault strikes an `execute_tool`
 * operation, a model fault a `chat`; a core fault strikes an `invoke_agent` when the
 * agent is known.
 */
export function operationOf(fault: string, agent: string | undefined): string | undefined {
  if (fault.startsWith('tool.')) return 'execute_tool';
  if (fault.startsWith('model.')) return 'chat';
  return agent === undefined ? undefined : 'invoke_agent';
}

/**
 * The agent an event belongs to: the user's answer when they give one, else a recovery's
 * `agentId`, else the event's `gen_ai.agent.name` or `agent` tag.
 */
export function defaultAgentName(event: ObservedEvent): string | undefined {
  if (event.kind === 'recovery') return event.agentId;
  return event.tags?.['gen_ai.agent.name'] ?? event.tags?.['agent'];
}

/** `details.seed` of a fault event (injectors put the run's seed there). */
export function seedOf(event: FaultEvent): string | undefined {
  const seed = event.details['seed'];
  return typeof seed === 'string' ? seed : undefined;
}

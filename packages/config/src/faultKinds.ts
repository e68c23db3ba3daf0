/**
 * The fault kinds this toolkit can inject, the one list every other place reads:
 * the five core injectors of `@chaos/faults`, then the faults at a language model
 * (`model.*`) and at an agent's tool (`tool.*`) of `@chaos/faults/ai-sdk`, written with
 * their prefix so plans and events say where they strike.
 */
export const FAULT_KINDS = [
  'crash',
  'delay',
  'timeout',
  'hallucination',
  'corruption',
  'model.rateLimit',
  'model.serverError',
  'model.overloaded',
  'model.contextLength',
  'model.contentFilter',
  'model.authError',
  'model.timeout',
  'model.slowFirstToken',
  'model.slowTokens',
  'model.streamCut',
  'model.corruptChunks',
  'model.truncate',
  'model.hallucination',
  'model.emptyResponse',
  'model.malformedToolCall',
  'tool.error',
  'tool.timeout',
  'tool.empty',
  'tool.mutate',
  'tool.slow',
] as const;

/** The fault kinds this toolkit can inject: one of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Faults at a language model, injected by `@chaos/faults/ai-sdk` (`chaosMiddleware`,
 * `chaosModel`). Written `model.<fault>` so plans and events say where they strike.
 */
export type ModelFaultKind = Extract<FaultKind, `model.${string}`>;

/** Faults at an agent's tool, injected by `@chaos/faults/ai-sdk` (`chaosTool`, `chaosTools`). */
export type ToolFaultKind = Extract<FaultKind, `tool.${string}`>;

/** The faults of the five core injectors of `@chaos/faults`. */
export type CoreFaultKind = Exclude<FaultKind, ModelFaultKind | ToolFaultKind>;

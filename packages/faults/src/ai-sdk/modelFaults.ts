// The settings of each fault are the options `@chaos/config` lists for its kind, so a
// plan rule and the wrapper's own options are checked alike.
import type {
  ApiErrorSettings,
  ContentFilterSettings,
  CorruptChunksSettings,
  LatencySettings,
  MalformedToolCallSettings,
  ModelFaultKind,
  ModelHallucinationSettings,
  ModelTimeoutSettings,
  RateLimitSettings,
  ServerErrorSettings,
  StreamCutSettings,
  TruncateSettings,
} from '@chaos/config';
import type { FaultOption, FaultSpec } from './faultOptions.js';

/** The faults a model can suffer, each a probability or settings with `probability` / `trigger`. */
export interface ModelFaultOptions {
  /** A 429 `APICallError`, retryable, with `retry-after-ms` / `retry-after` headers. */
  readonly rateLimit?: FaultOption<RateLimitSettings>;
  /** A 500 (or `statusCode`) `APICallError`, retryable. */
  readonly serverError?: FaultOption<ServerErrorSettings>;
  /** A 529 "overloaded" `APICallError`, retryable. */
  readonly overloaded?: FaultOption<ApiErrorSettings>;
  /** A 400 context-length `APICallError`, not retryable. */
  readonly contextLength?: FaultOption<ApiErrorSettings>;
  /** A 400 content-filter `APICallError` (not retryable), or an answer cut with finish reason `content-filter`. */
  readonly contentFilter?: FaultOption<ContentFilterSettings>;
  /** A 401 `APICallError`, not retryable. */
  readonly authError?: FaultOption<ApiErrorSettings>;
  /** The call hangs until its abort signal or `timeoutSeconds`. */
  readonly timeout?: FaultOption<ModelTimeoutSettings>;
  /** A delay before the answer (before the first part of a stream). */
  readonly slowFirstToken?: FaultOption<LatencySettings>;
  /** A delay before each delta of a stream. Streamed calls only. */
  readonly slowTokens?: FaultOption<LatencySettings>;
  /** The stream ends mid-answer. Streamed calls only. */
  readonly streamCut?: FaultOption<StreamCutSettings>;
  /** Text deltas garbled, lost or repeated. Streamed calls only. */
  readonly corruptChunks?: FaultOption<CorruptChunksSettings>;
  /** The answer's text cut short, finish reason `length`. */
  readonly truncate?: FaultOption<TruncateSettings>;
  /** The answer (text, JSON object, or tool arguments) made plausibly wrong. */
  readonly hallucination?: FaultOption<ModelHallucinationSettings>;
  /** The model answers nothing: no text, no tool call. */
  readonly emptyResponse?: FaultOption<object>;
  /** A tool call the caller cannot use: bad JSON, a missing field, an unknown tool. */
  readonly malformedToolCall?: FaultOption<MalformedToolCallSettings>;
}

/** The option name of a model fault. */
export type ModelFaultName = keyof ModelFaultOptions;

/** A model fault's spec: where it applies, and at which step of a call. */
export interface ModelFaultSpec extends FaultSpec<ModelFaultName> {
  readonly kind: ModelFaultKind;
  /** True for faults only a streamed call can suffer. */
  readonly streamOnly: boolean;
}

function spec(name: ModelFaultName, streamOnly = false): ModelFaultSpec {
  return { name, kind: `model.${name}`, streamOnly };
}

/**
 * Every model fault, in the order a call applies them: errors (the first that fires
 * wins), the hang, the first-token delay; then, on the answer, what the model says;
 * then how the stream carries it.
 */
export const MODEL_FAULTS: readonly ModelFaultSpec[] = [
  spec('authError'),
  spec('contextLength'),
  spec('contentFilter'),
  spec('rateLimit'),
  spec('overloaded'),
  spec('serverError'),
  spec('timeout'),
  spec('slowFirstToken'),
  spec('emptyResponse'),
  spec('truncate'),
  spec('hallucination'),
  spec('malformedToolCall'),
  spec('corruptChunks', true),
  spec('slowTokens', true),
  spec('streamCut', true),
];

/** The faults that make the call fail before the model answers, in order. */
export const API_ERROR_FAULTS: ReadonlySet<ModelFaultName> = new Set<ModelFaultName>([
  'authError',
  'contextLength',
  'contentFilter',
  'rateLimit',
  'overloaded',
  'serverError',
]);

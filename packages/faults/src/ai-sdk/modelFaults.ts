import type { ModelFaultKind } from '@chaos/config';
import { checkDuration, checkFunction, checkIndex, checkProbability, formatValue } from '../_internals/validate.js';
import { HALLUCINATION_STRATEGIES, type HallucinationStrategy, type Hallucinator } from '../hallucination/hallucinate.js';
import {
  type FaultOption,
  type FaultSpec,
  type SettingCheck,
  checkMessage,
  checkOpenFraction,
  oneOf,
  oneOrMoreOf,
} from './faultOptions.js';

/** Settings every injected API error takes. */
export interface ApiErrorSettings {
  /** Replaces the provider-style error message. */
  readonly message?: string;
}

/** Settings of `rateLimit`. */
export interface RateLimitSettings extends ApiErrorSettings {
  /**
   * The wait the provider asks for, sent as `retry-after-ms` and `retry-after` (whole
   * seconds, rounded up); `null` sends neither header.
   * @defaultValue `1000`
   */
  readonly retryAfterMs?: number | null;
}

/** Settings of `serverError`. */
export interface ServerErrorSettings extends ApiErrorSettings {
  /** An HTTP status in 500–599. @defaultValue `500` */
  readonly statusCode?: number;
}

/** Settings of `contentFilter`. */
export interface ContentFilterSettings extends ApiErrorSettings {
  /**
   * `'error'`: the call fails with a 400 `content_filter` error (the prompt was
   * refused); `'finish'`: the answer stops early with finish reason `content-filter`
   * (the completion was filtered).
   * @defaultValue `'error'`
   */
  readonly as?: 'error' | 'finish';
  /** As `'finish'`: where the answer stops, as for `truncate`. */
  readonly keep?: number;
  /** As `'finish'`: where a streamed answer stops, as for `truncate`. */
  readonly afterChunks?: number;
}

/** Settings of the model's `timeout`. */
export interface ModelTimeoutSettings {
  /**
   * How long the call hangs on the scope's clock before the connection gives up, unless
   * its abort signal ends it first.
   * @defaultValue the active config's `timeoutSeconds`
   */
  readonly timeoutSeconds?: number;
}

/** Settings of `slowFirstToken` and `slowTokens`. */
export interface LatencySettings {
  /**
   * The delay in milliseconds: before the first part (`slowFirstToken`), before each
   * delta (`slowTokens`).
   * @defaultValue the active config's `delayMs` for `slowFirstToken`; `100` for `slowTokens`
   */
  readonly delayMs?: number;
  /** Each delay is `delayMs ± jitterMs` (uniform, drawn from the fault's stream). @defaultValue `0` */
  readonly jitterMs?: number;
}

/** How a cut stream ends. */
export type StreamCutMode = 'error' | 'drop' | 'hang';

/** Settings of `streamCut`. */
export interface StreamCutSettings {
  /**
   * `'error'`: an `error` part (a retryable 500 `APICallError`), then the stream ends;
   * `'drop'`: the stream itself fails as a reset connection does (`TypeError:
   * terminated`); `'hang'`: a dead stream, no part ever again, until the call's abort
   * signal or `timeoutSeconds`, then as `'drop'`.
   * @defaultValue `'error'`
   */
  readonly mode?: StreamCutMode;
  /**
   * Deltas (text, reasoning, tool input) delivered before the cut. When the answer is
   * shorter, the cut falls before its `finish`.
   * @defaultValue drawn from 1–8
   */
  readonly afterChunks?: number;
  /** How long a `'hang'` lasts. @defaultValue the active config's `timeoutSeconds` */
  readonly timeoutSeconds?: number;
}

/** What `corruptChunks` does to a text delta it damages. */
export type ChunkDamage = 'garble' | 'drop' | 'duplicate';

/** Settings of `corruptChunks`. */
export interface CorruptChunksSettings {
  /** Chance that each text delta is damaged. @defaultValue `0.25` */
  readonly rate?: number;
  /**
   * `'garble'`: characters replaced by U+FFFD, as a bad decoder leaves them; `'drop'`:
   * the delta is lost; `'duplicate'`: it arrives twice.
   * @defaultValue any of them, drawn per delta
   */
  readonly damage?: ChunkDamage | readonly ChunkDamage[];
}

/** Settings of `truncate`. */
export interface TruncateSettings {
  /** `generate` calls: the fraction of the answer's text kept. @defaultValue drawn from [0.25, 0.75) */
  readonly keep?: number;
  /** Streamed calls: text deltas delivered before the answer stops. @defaultValue drawn from 1–8 */
  readonly afterChunks?: number;
}

/** Settings of the model's `hallucination`. */
export interface ModelHallucinationSettings {
  /** The kinds of error allowed (see `injectHallucination`). @defaultValue any that fits */
  readonly strategy?: HallucinationStrategy | readonly HallucinationStrategy[];
  /** Makes the wrong value. @defaultValue `defaultHallucinator` */
  readonly hallucinate?: Hallucinator;
}

/** How `malformedToolCall` breaks a tool call. */
export type ToolCallDamage = 'invalidJson' | 'missingField' | 'unknownTool';

/** Settings of `malformedToolCall`. */
export interface MalformedToolCallSettings {
  /**
   * `'invalidJson'`: arguments that do not parse; `'missingField'`: a required field
   * left out; `'unknownTool'`: a tool name the request did not offer.
   * @defaultValue any that applies, drawn
   */
  readonly damage?: ToolCallDamage | readonly ToolCallDamage[];
}

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

const checkRetryAfter: SettingCheck = (name, value, where) => (value === null ? null : checkDuration(name, value, where));

const checkServerStatus: SettingCheck = (name, value, where) => {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 500 || value > 599)) {
    throw new TypeError(`Expected \`${name}\`${where} to be an integer in 500–599, got \`${formatValue(value)}\``);
  }
  return value;
};

const checkStrategy = oneOrMoreOf(HALLUCINATION_STRATEGIES);
const message = { message: checkMessage };
const latency = { delayMs: checkDuration, jitterMs: checkDuration };

function spec(name: ModelFaultName, settings: Record<string, SettingCheck>, streamOnly = false): ModelFaultSpec {
  return { name, kind: `model.${name}`, settings, streamOnly };
}

/**
 * Every model fault, in the order a call applies them: errors (the first that fires
 * wins), the hang, the first-token delay; then, on the answer, what the model says;
 * then how the stream carries it.
 */
export const MODEL_FAULTS: readonly ModelFaultSpec[] = [
  spec('authError', message),
  spec('contextLength', message),
  spec('contentFilter', { ...message, as: oneOf(['error', 'finish']), keep: checkOpenFraction, afterChunks: checkIndex }),
  spec('rateLimit', { ...message, retryAfterMs: checkRetryAfter }),
  spec('overloaded', message),
  spec('serverError', { ...message, statusCode: checkServerStatus }),
  spec('timeout', { timeoutSeconds: checkDuration }),
  spec('slowFirstToken', latency),
  spec('emptyResponse', {}),
  spec('truncate', { keep: checkOpenFraction, afterChunks: checkIndex }),
  spec('hallucination', { strategy: checkStrategy, hallucinate: checkFunction }),
  spec('malformedToolCall', { damage: oneOrMoreOf(['invalidJson', 'missingField', 'unknownTool']) }),
  spec('corruptChunks', { rate: checkProbability, damage: oneOrMoreOf(['garble', 'drop', 'duplicate']) }, true),
  spec('slowTokens', latency, true),
  spec('streamCut', { mode: oneOf(['error', 'drop', 'hang']), afterChunks: checkIndex, timeoutSeconds: checkDuration }, true),
];

/** The `model.*` kinds, for checking plan rules by name. */
export const MODEL_FAULT_KINDS: ReadonlySet<string> = new Set(MODEL_FAULTS.map((fault) => fault.kind));

/** The faults that make the call fail before the model answers, in order. */
export const API_ERROR_FAULTS: ReadonlySet<ModelFaultName> = new Set<ModelFaultName>([
  'authError',
  'contextLength',
  'contentFilter',
  'rateLimit',
  'overloaded',
  'serverError',
]);

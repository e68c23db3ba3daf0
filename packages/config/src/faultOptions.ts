import type { RandomSource } from './createRandom.js';

/*
 * The options a fault plan rule may give each fault kind: the settings its injector
 * takes, overridden for the firings of that rule. One place says them: the plan checks
 * rules against them when it is made, and `@chaos/faults` reads its settings from here.
 */

// Core faults.

/** Options of a `delay` rule (and of `injectDelay`). */
export interface DelayFaultOptions {
  /** How long the delay lasts, in milliseconds on the scope's clock. */
  readonly delayMs?: number;
  /** Spread of the delay: `delayMs ± jitterMs` (uniform, never below 0). */
  readonly jitterMs?: number;
}

/** Options of a `timeout` rule (and of `injectTimeout`). */
export interface TimeoutFaultOptions {
  /** How long the agent hangs before the call fails, in seconds on the scope's clock. */
  readonly timeoutSeconds?: number;
}

/**
 * A kind of plausible error, as the `strategy` option names it:
 *
 * | strategy | what it does (and the result's `strategy` label) |
 * |---|---|
 * | `number` | a number made wrong: in a string (`string:number`), a number (`number:scale`), a bigint (`bigint:scale`) |
 * | `entity` | a name, colour, brand or place in a string swapped for another of its kind (`string:entity`) |
 * | `claim` | something made up: a claim appended to a string (`string:claim`), an element put into an empty array (`array:insert`), a field added to an object (`object:add`) |
 * | `negate` | a boolean negated (`boolean:negate`) |
 * | `date` | a date moved by days (`date:shift`) |
 * | `drop` | an array element left out (`array:drop`) |
 * | `duplicate` | an array element repeated (`array:duplicate`) |
 *
 * Objects and arrays are walked into whatever the strategy (`object:field`,
 * `array:alter`): the error itself is one of the kinds above, somewhere inside.
 */
export type HallucinationStrategy = 'number' | 'entity' | 'claim' | 'negate' | 'date' | 'drop' | 'duplicate';

/** Every {@link HallucinationStrategy}, for validating the `strategy` option. */
export const HALLUCINATION_STRATEGIES: readonly HallucinationStrategy[] = ['number', 'entity', 'claim', 'negate', 'date', 'drop', 'duplicate'];

/** What a hallucinator did to a value. */
export interface HallucinationResult {
  /** The wrong value. The input is never mutated: changed containers are copies. */
  readonly value: unknown;
  /**
   * A short stable label of what was done, such as `string:number` or `object:field`.
   * `'unchanged'` means nothing was done and `value` is the input itself.
   */
  readonly strategy: string;
  /** What changed, in plain words: `set items[2].price from 19.99 to 23.5`. */
  readonly description: string;
}

/**
 * Turns a correct value into a plausible but wrong one. It must be a pure function of
 * the value and the state of `random`, drawing all its randomness from `random`, so a
 * seed replays it. `strategies` is the injector's `strategy` option: the kinds of error
 * allowed, or undefined for any.
 */
export type Hallucinator = (
  value: unknown,
  random: RandomSource,
  strategies?: readonly HallucinationStrategy[],
) => HallucinationResult;

/** Options of a `hallucination` rule (and of `injectHallucination`). */
export interface HallucinationFaultOptions {
  /** Makes the wrong value. */
  readonly hallucinate?: Hallucinator;
  /** The kinds of error allowed, one or several. */
  readonly strategy?: HallucinationStrategy | readonly HallucinationStrategy[];
}

/**
 * How a field was damaged: characters (or digits, or a boolean's bit) flipped, cut
 * short, given the wrong type, set to null, or deleted.
 */
export type CorruptionKind = 'flip' | 'truncate' | 'wrong-type' | 'null' | 'drop';

/** One damaged field. */
export interface FieldCorruption {
  /** The dotted path as named (`items.0.sku`); `''` when the whole message was damaged. */
  readonly field: string;
  readonly kind: CorruptionKind;
  /** The field's value before the damage (taken from the copy, so safe to keep). */
  readonly before: unknown;
  /** The damaged value; undefined when the field was dropped. */
  readonly after: unknown;
}

/** A corrupted copy of a message and what was done to it. */
export interface CorruptionResult {
  /** The damaged deep copy; the caller's message is never touched. */
  readonly message: unknown;
  /** One entry per field actually damaged, in the order they were damaged. */
  readonly changes: readonly FieldCorruption[];
}

/**
 * Damages `fields` of a copy of `message`. A pure function of its arguments and the
 * state of `random`: it must draw all its randomness from `random`.
 */
export type Corruptor = (message: unknown, fields: readonly string[], random: RandomSource) => CorruptionResult;

/** Options of a `corruption` rule (and of `injectMessageCorruption`). */
export interface CorruptionFaultOptions {
  /** Dotted paths of the fields to damage (`'payload.items'`). */
  readonly fields?: readonly string[];
  /** Which argument is the message. */
  readonly argIndex?: number;
  /** Damages a message. */
  readonly corrupt?: Corruptor;
}

// Faults at a language model (`@chaos/faults/ai-sdk`).

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

/** Settings of the model's `hallucination` (and of a tool's `mutate`). */
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

// Faults at an agent's tool (`@chaos/faults/ai-sdk`).

/** Settings of a tool's `error`. */
export interface ToolErrorSettings {
  /** Replaces the error's message. */
  readonly message?: string;
}

/** Settings of a tool's `timeout`. */
export interface ToolTimeoutSettings {
  /**
   * How long the tool hangs on the scope's clock before it gives up, unless the call's
   * abort signal ends it first.
   * @defaultValue the active config's `timeoutSeconds`
   */
  readonly timeoutSeconds?: number;
}

/** Settings of a tool's `empty`. */
export interface ToolEmptySettings {
  /**
   * What the tool returns instead of its result.
   * @defaultValue the result with nothing in it: `''`, `[]`, `0`, `false`, and an
   *   object with each of its fields so emptied (`{ results: [], total: 0 }`)
   */
  readonly value?: unknown;
}

/** A fault that takes no option. */
export type NoFaultOptions = Readonly<Record<string, never>>;

/** The options a plan rule may give each fault kind. */
export interface FaultOptionsByKind {
  readonly crash: NoFaultOptions;
  readonly delay: DelayFaultOptions;
  readonly timeout: TimeoutFaultOptions;
  readonly hallucination: HallucinationFaultOptions;
  readonly corruption: CorruptionFaultOptions;
  readonly 'model.rateLimit': RateLimitSettings;
  readonly 'model.serverError': ServerErrorSettings;
  readonly 'model.overloaded': ApiErrorSettings;
  readonly 'model.contextLength': ApiErrorSettings;
  readonly 'model.contentFilter': ContentFilterSettings;
  readonly 'model.authError': ApiErrorSettings;
  readonly 'model.timeout': ModelTimeoutSettings;
  readonly 'model.slowFirstToken': LatencySettings;
  readonly 'model.slowTokens': LatencySettings;
  readonly 'model.streamCut': StreamCutSettings;
  readonly 'model.corruptChunks': CorruptChunksSettings;
  readonly 'model.truncate': TruncateSettings;
  readonly 'model.hallucination': ModelHallucinationSettings;
  readonly 'model.emptyResponse': NoFaultOptions;
  readonly 'model.malformedToolCall': MalformedToolCallSettings;
  readonly 'tool.error': ToolErrorSettings;
  readonly 'tool.timeout': ToolTimeoutSettings;
  readonly 'tool.empty': ToolEmptySettings;
  readonly 'tool.mutate': ModelHallucinationSettings;
  readonly 'tool.slow': LatencySettings;
}

import type { FaultKind } from '../faultKinds.js';
import { type FaultOptionsByKind, HALLUCINATION_STRATEGIES } from '../faultOptions.js';

/**
 * How one option is checked: a test of a given value (never `undefined`: an option
 * left out is always allowed), what is expected, for the message, and, for lists, the
 * value as the injectors hold it (a frozen copy, repeats dropped).
 */
export type OptionCheck = readonly [test: (value: unknown) => boolean, expected: string, normalize?: (value: unknown) => unknown];

const isDuration = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isIndex = (value: unknown): boolean => Number.isInteger(value) && (value as number) >= 0;
const quoted = (list: readonly string[]): string => `one of ${list.map((item) => `"${item}"`).join(', ')}`;

/** A finite number >= 0: milliseconds, seconds. */
export const duration: OptionCheck = [isDuration, 'a finite number >= 0'];
/** A number in [0, 1]. */
export const probability: OptionCheck = [(value) => typeof value === 'number' && value >= 0 && value <= 1, 'a number in [0, 1]'];
const index: OptionCheck = [isIndex, 'an integer >= 0'];
const fn: OptionCheck = [(value) => typeof value === 'function', 'a function'];
const text: OptionCheck = [(value) => typeof value === 'string' && value !== '', 'a non-empty string'];
const openFraction: OptionCheck = [(value) => typeof value === 'number' && value > 0 && value < 1, 'a number in (0, 1)'];
const fields: OptionCheck = [
  (value) => Array.isArray(value) && value.every((field) => typeof field === 'string' && field !== ''),
  'an array of non-empty dotted paths',
  (value) => Object.freeze([...(value as string[])]),
];

function oneOf(allowed: readonly string[]): OptionCheck {
  return [(value) => allowed.includes(value as string), quoted(allowed)];
}

/** One of `allowed`, or a non-empty array of them; held as a frozen list without repeats. */
function someOf(allowed: readonly string[]): OptionCheck {
  const listOf = (value: unknown): unknown => (typeof value === 'string' ? [value] : value);
  return [
    (value) => {
      const list = listOf(value);
      return Array.isArray(list) && list.length > 0 && list.every((item) => allowed.includes(item as string));
    },
    `${quoted(allowed)}, or a non-empty array of them`,
    (value) => Object.freeze([...new Set(listOf(value) as string[])]),
  ];
}

const message = { message: text };
const latency = { delayMs: duration, jitterMs: duration };
const strategy = someOf(HALLUCINATION_STRATEGIES);

/** The checks of each fault kind's options, in the order messages list them. */
export const OPTION_CHECKS: { readonly [K in FaultKind]: Readonly<Record<keyof FaultOptionsByKind[K] & string, OptionCheck>> } = {
  crash: {},
  delay: latency,
  timeout: { timeoutSeconds: duration },
  hallucination: { hallucinate: fn, strategy },
  corruption: { fields, argIndex: index, corrupt: fn },
  'model.authError': message,
  'model.contextLength': message,
  'model.contentFilter': { ...message, as: oneOf(['error', 'finish']), keep: openFraction, afterChunks: index },
  'model.rateLimit': { ...message, retryAfterMs: [(value) => value === null || isDuration(value), duration[1]] },
  'model.overloaded': message,
  'model.serverError': { ...message, statusCode: [(value) => Number.isInteger(value) && (value as number) >= 500 && (value as number) <= 599, 'an integer in 500–599'] },
  'model.timeout': { timeoutSeconds: duration },
  'model.slowFirstToken': latency,
  'model.emptyResponse': {},
  'model.truncate': { keep: openFraction, afterChunks: index },
  'model.hallucination': { strategy, hallucinate: fn },
  'model.malformedToolCall': { damage: someOf(['invalidJson', 'missingField', 'unknownTool']) },
  'model.corruptChunks': { rate: probability, damage: someOf(['garble', 'drop', 'duplicate']) },
  'model.slowTokens': latency,
  'model.streamCut': { mode: oneOf(['error', 'drop', 'hang']), afterChunks: index, timeoutSeconds: duration },
  'tool.error': message,
  'tool.timeout': { timeoutSeconds: duration },
  'tool.slow': latency,
  'tool.empty': { value: [() => true, ''] },
  'tool.mutate': { strategy, hallucinate: fn },
};

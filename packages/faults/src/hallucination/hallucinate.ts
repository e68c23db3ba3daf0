import type { RandomSource } from '@chaos/config';
import { deepCopy, isPlainObject, shallowCopy } from '../corruption/deepCopy.js';
import { childPath, show } from './describe.js';
import { CLAIMS, hallucinateText } from './hallucinateText.js';
import { shiftBigInt, shiftNumber } from './shiftNumber.js';

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
 * seed replays it.
 */
export type Hallucinator = (value: unknown, random: RandomSource) => HallucinationResult;

/** Fields a hallucinating model adds to an object that had nothing to get wrong. */
const FABRICATED_FIELDS: readonly (readonly [string, unknown])[] = [
  ['verified', true],
  ['rating', 4.9],
  ['award', CLAIMS[1]],
];

/**
 * The built-in {@link Hallucinator}: one plausible error, of a kind chosen from `random`
 * among those that fit the value's type.
 *
 * | input | strategies |
 * |---|---|
 * | string | `string:number` ("$19.99" -> "$24.59"), `string:entity` ("Blue" -> "Red", a name -> another name), `string:claim` (a fabricated claim appended; the only one for `""`) |
 * | finite number | `number:scale`: another one-digit count, or 5–50 % off; sign and integer-ness kept, never NaN or Infinity |
 * | bigint | `bigint:scale` |
 * | boolean | `boolean:negate` |
 * | valid Date | `date:shift`: a new Date 1–30 days earlier or later |
 * | array | `array:alter` (one element, recursively), `array:drop`, `array:duplicate` (a copy of an element inserted); `[]` gets `array:insert` |
 * | plain object | `object:field`: exactly one field altered, walking down through nested objects and arrays; with nothing alterable, `object:add` (a fabricated field) |
 * | anything else | `unchanged`: null, undefined, NaN, ±Infinity, symbols, functions, invalid Dates and class instances have no plausible wrong value we could know of |
 *
 * The input is never mutated: the containers on the way to the change are copied and
 * the rest is shared, just as the correct value would have been shared with the caller.
 *
 * @example
 * ```ts
 * const { value, description } = defaultHallucinator({ items: [{ price: 19.99 }] }, createRandom('s'));
 * // for some seed: { items: [{ price: 23.5 }] }, 'set items[0].price from 19.99 to 23.5'
 * ```
 */
export const defaultHallucinator: Hallucinator = (value, random) =>
  alter(value, random, '') ?? { value, strategy: 'unchanged', description: `left ${show(value)} unchanged: no plausible wrong value for it` };

/** Whether {@link alter} can change `value`; draws nothing, so objects can be scanned. */
function canAlter(value: unknown): boolean {
  const type = typeof value;
  if (type === 'number') return Number.isFinite(value);
  return type === 'string' || type === 'boolean' || type === 'bigint' || Array.isArray(value) || isPlainObject(value) || (value instanceof Date && Number.isFinite(value.getTime()));
}

/** One plausible error in `value` at `path`, or undefined exactly when `canAlter(value)` is false. */
function alter(value: unknown, random: RandomSource, path: string): HallucinationResult | undefined {
  if (!canAlter(value)) return undefined;
  if (typeof value === 'string') return hallucinateText(value, random, path);
  if (typeof value === 'number') return replaced(value, shiftNumber(value, random), 'number:scale', path);
  if (typeof value === 'bigint') return replaced(value, shiftBigInt(value, random), 'bigint:scale', path);
  if (typeof value === 'boolean') return replaced(value, !value, 'boolean:negate', path);
  if (value instanceof Date) {
    const days = (random.next() < 0.5 ? -1 : 1) * (1 + random.nextInt(30));
    return replaced(value, new Date(value.getTime() + days * 86_400_000), 'date:shift', path);
  }
  if (!Array.isArray(value)) return alterObject(value as Record<string, unknown>, random, path);
  const copy = value.slice();
  if (copy.length === 0) {
    const element = random.pick(CLAIMS);
    return { value: [element], strategy: 'array:insert', description: `inserted ${show(element)} into ${path || 'the empty array'}` };
  }
  const index = random.nextInt(copy.length);
  const at = childPath(path, index);
  const kind = random.nextInt(3);
  // An element we cannot alter (null, a class instance) is dropped or duplicated instead.
  const inner = kind === 0 ? alter(copy[index], random, at) : undefined;
  if (inner) {
    copy[index] = inner.value;
    return { value: copy, strategy: 'array:alter', description: inner.description };
  }
  if (kind === 1) {
    copy.splice(index, 1);
    return { value: copy, strategy: 'array:drop', description: `dropped ${at} (${show(value[index])})` };
  }
  const to = random.nextInt(copy.length + 1);
  // A deep copy, so the two entries are not one object that changes as one.
  copy.splice(to, 0, deepCopy(value[index]));
  return { value: copy, strategy: 'array:duplicate', description: `inserted a copy of ${at} (${show(value[index])}) at ${childPath(path, to)}` };
}

function replaced(before: unknown, after: unknown, strategy: string, path: string): HallucinationResult {
  return { value: after, strategy, description: `${path ? `set ${path} from` : 'changed'} ${show(before)} to ${show(after)}` };
}

function alterObject(object: Record<string, unknown>, random: RandomSource, path: string): HallucinationResult {
  const copy = shallowCopy(object);
  const keys = Object.keys(object).filter((key) => canAlter(object[key]));
  if (keys.length === 0) {
    const [key, fabricated] = random.pick(FABRICATED_FIELDS);
    copy[key] = fabricated;
    return { value: copy, strategy: 'object:add', description: `added ${childPath(path, key)}: ${show(fabricated)}` };
  }
  const key = random.pick(keys);
  const inner = alter(object[key], random, childPath(path, key)) as HallucinationResult;
  copy[key] = inner.value;
  return { value: copy, strategy: 'object:field', description: inner.description };
}

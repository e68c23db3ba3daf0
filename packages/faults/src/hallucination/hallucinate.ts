import type { HallucinationResult, HallucinationStrategy, Hallucinator, RandomSource } from '@chaos/config';
import { deepCopy, isPlainObject, shallowCopy } from '../corruption/deepCopy.js';
import { childPath, show } from './describe.js';
import { CLAIMS, hallucinateText, isAllowed } from './hallucinateText.js';
import { shiftBigInt, shiftNumber } from './shiftNumber.js';

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
 * An object's field and an array's element are drawn from `random`; when the one drawn
 * cannot be altered, the next one that can is. The input is never mutated: the
 * containers on the way to the change are copied and the rest is shared, just as the
 * correct value would have been shared with the caller.
 *
 * With `strategies` (the `strategy` option), the error is one of those kinds (see
 * {@link HallucinationStrategy}), found wherever it applies inside objects and arrays;
 * a value none of them applies to is left `unchanged`.
 *
 * @example
 * ```ts
 * const { value, description } = defaultHallucinator({ items: [{ price: 19.99 }] }, createRandom('s'));
 * // for some seed: { items: [{ price: 23.5 }] }, 'set items[0].price from 19.99 to 23.5'
 * ```
 */
export const defaultHallucinator: Hallucinator = (value, random, strategies) =>
  alter(value, random, '', strategies) ?? {
    value,
    strategy: 'unchanged',
    description: `left ${show(value)} unchanged: no plausible wrong value${strategies ? ` of strategy ${strategies.join(', ')}` : ''} for it`,
  };

/** The strategies allowed; undefined for all. */
type Allowed = readonly HallucinationStrategy[] | undefined;

/**
 * One plausible error in `value` at `path`, or undefined when none of the `allowed`
 * strategies applies to it or to anything inside it.
 */
function alter(value: unknown, random: RandomSource, path: string, allowed: Allowed): HallucinationResult | undefined {
  const type = typeof value;
  if (type === 'string') return hallucinateText(value as string, random, path, allowed);
  if (type === 'number') {
    return Number.isFinite(value) && isAllowed(allowed, 'number') ? replaced(value, shiftNumber(value as number, random), 'number:scale', path) : undefined;
  }
  if (type === 'bigint') return isAllowed(allowed, 'number') ? replaced(value, shiftBigInt(value as bigint, random), 'bigint:scale', path) : undefined;
  if (type === 'boolean') return isAllowed(allowed, 'negate') ? replaced(value, !value, 'boolean:negate', path) : undefined;
  if (value instanceof Date) {
    if (!Number.isFinite(value.getTime()) || !isAllowed(allowed, 'date')) return undefined;
    const days = (random.next() < 0.5 ? -1 : 1) * (1 + random.nextInt(30));
    return replaced(value, new Date(value.getTime() + days * 86_400_000), 'date:shift', path);
  }
  if (Array.isArray(value)) return alterArray(value, random, path, allowed);
  return isPlainObject(value) ? alterObject(value, random, path, allowed) : undefined;
}

function alterArray(array: readonly unknown[], random: RandomSource, path: string, allowed: Allowed): HallucinationResult | undefined {
  const copy = array.slice();
  if (copy.length === 0) {
    if (!isAllowed(allowed, 'claim')) return undefined;
    const element = random.pick(CLAIMS);
    return { value: [element], strategy: 'array:insert', description: `inserted ${show(element)} into ${path || 'the empty array'}` };
  }
  const index = random.nextInt(copy.length);
  const first = random.nextInt(3);
  // The kind drawn (alter an element, drop one, duplicate one), else the next that is
  // possible: an element we cannot alter (null, a class instance) is dropped or
  // duplicated instead, and a strategy not allowed is passed over.
  for (let k = 0; k < 3; k++) {
    const kind = (first + k) % 3;
    if (kind === 0) {
      // The element drawn, else the next one that can be altered.
      for (let i = 0; i < copy.length; i++) {
        const at = (index + i) % copy.length;
        const inner = alter(copy[at], random, childPath(path, at), allowed);
        if (inner) {
          copy[at] = inner.value;
          return { value: copy, strategy: 'array:alter', description: inner.description };
        }
      }
    } else if (kind === 1 && isAllowed(allowed, 'drop')) {
      copy.splice(index, 1);
      return { value: copy, strategy: 'array:drop', description: `dropped ${childPath(path, index)} (${show(array[index])})` };
    } else if (kind === 2 && isAllowed(allowed, 'duplicate')) {
      const to = random.nextInt(copy.length + 1);
      // A deep copy, so the two entries are not one object that changes as one.
      copy.splice(to, 0, deepCopy(array[index]));
      return {
        value: copy,
        strategy: 'array:duplicate',
        description: `inserted a copy of ${childPath(path, index)} (${show(array[index])}) at ${childPath(path, to)}`,
      };
    }
  }
  return undefined;
}

function replaced(before: unknown, after: unknown, strategy: string, path: string): HallucinationResult {
  return { value: after, strategy, description: `${path ? `set ${path} from` : 'changed'} ${show(before)} to ${show(after)}` };
}

function alterObject(object: Record<string, unknown>, random: RandomSource, path: string, allowed: Allowed): HallucinationResult | undefined {
  const copy = shallowCopy(object);
  const keys = Object.keys(object);
  // The field drawn, else the next one that can be altered.
  const start = keys.length > 0 ? random.nextInt(keys.length) : 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[(start + i) % keys.length] as string;
    const inner = alter(object[key], random, childPath(path, key), allowed);
    if (inner) {
      copy[key] = inner.value;
      return { value: copy, strategy: 'object:field', description: inner.description };
    }
  }
  if (!isAllowed(allowed, 'claim')) return undefined;
  const [key, fabricated] = random.pick(FABRICATED_FIELDS);
  copy[key] = fabricated;
  return { value: copy, strategy: 'object:add', description: `added ${childPath(path, key)}: ${show(fabricated)}` };
}

import type { CorruptionKind, Corruptor, FieldCorruption, RandomSource } from '@chaos/config';
import { deepCopy, isPlainObject } from './deepCopy.js';

type Container = Record<string, unknown>;

/**
 * The built-in {@link Corruptor}. It deep-copies `message` (arrays, plain objects and
 * Dates; class instances, Maps and functions are kept by reference and never entered),
 * then damages each named field of the copy that exists, in the order given, with a
 * kind drawn from `random` among those that make a difference:
 *
 * | value | kinds |
 * |---|---|
 * | non-empty string | `flip` (1–3 adjacent characters get one bit flipped), `truncate`, `wrong-type` (a number), `null`, `drop` |
 * | finite number, bigint | `flip` (one digit changed), `wrong-type` (its text), `null`, `drop` |
 * | boolean | `flip` (negated), `wrong-type` (`"true"`), `null`, `drop` |
 * | non-empty array | `truncate`, `wrong-type` (its text, `"a,b"`), `null`, `drop` |
 * | anything else | `wrong-type` (its text, `"[object Object]"`), `null` unless already null, `drop` unless undefined |
 *
 * Fields are dotted paths through plain objects and arrays (`payload.items.0.sku`); a
 * path that does not resolve is skipped and not reported, so keys that contain a dot
 * cannot be named. Dropping an array element removes it (later elements move up), as a
 * lost item would. Every reported change differs from the value before it.
 *
 * With no `fields`, one field chosen from `random` is damaged (from the top level,
 * sometimes further down); a message with no fields at all (a string, a number, `{}`)
 * is damaged as a whole, reported as field `''`, by any kind but `drop`.
 *
 * @example
 * ```ts
 * const { message, changes } = defaultCorruptor({ sku: 'A-1', qty: 2 }, ['qty'], createRandom('s'));
 * // changes: [{ field: 'qty', kind: 'wrong-type', before: 2, after: '2' }] (for some seed)
 * ```
 */
export const defaultCorruptor: Corruptor = (message, fields, random) => {
  const copy = deepCopy(message);
  const changes: FieldCorruption[] = [];
  if (fields.length === 0) {
    let parent: unknown = copy;
    let keys = keysOf(parent);
    if (keys.length === 0) {
      const [kind, after] = damage(copy, random, false);
      return { message: after, changes: [{ field: '', kind, before: copy, after }] };
    }
    const path: string[] = [];
    for (;;) {
      const key = random.pick(keys);
      path.push(key);
      const below = keysOf((parent as Container)[key]);
      // Go one level deeper half of the time, so nested fields get their share.
      if (below.length === 0 || random.next() < 0.5) {
        changes.push(damageAt(parent as Container, key, path.join('.'), random));
        return { message: copy, changes };
      }
      parent = (parent as Container)[key];
      keys = below;
    }
  }
  for (const field of new Set(fields)) {
    const path = field.split('.');
    const key = path.pop() as string;
    let parent: unknown = copy;
    for (const step of path) parent = has(parent, step) ? parent[step] : undefined;
    if (has(parent, key)) changes.push(damageAt(parent, key, field, random));
  }
  return { message: copy, changes };
};

/** The keys a path may name in `value`: array indices and own keys of plain objects. */
function keysOf(value: unknown): string[] {
  return Array.isArray(value) || isPlainObject(value) ? Object.keys(value).filter((key) => has(value, key)) : [];
}

function has(parent: unknown, key: string): parent is Container {
  if (Array.isArray(parent)) return /^(0|[1-9]\d*)$/.test(key) && Number(key) < parent.length;
  return isPlainObject(parent) && Object.hasOwn(parent, key);
}

function damageAt(parent: Container, key: string, field: string, random: RandomSource): FieldCorruption {
  const before = parent[key];
  const [kind, after] = damage(before, random, true);
  if (kind !== 'drop') parent[key] = after;
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
  return { field, kind, before, after };
}

/** Picks a kind that applies to `value` and returns it with the damaged value. */
function damage(value: unknown, random: RandomSource, canDrop: boolean): [CorruptionKind, unknown] {
  const kinds: CorruptionKind[] = ['wrong-type'];
  if (value !== null) kinds.push('null');
  if (canDrop && value !== undefined) kinds.push('drop');
  const type = typeof value;
  if (type === 'boolean' || type === 'bigint' || (type === 'number' && Number.isFinite(value)) || (type === 'string' && value !== '')) {
    kinds.push('flip');
  }
  if ((type === 'string' || Array.isArray(value)) && (value as string | unknown[]).length > 0) kinds.push('truncate');
  const kind = random.pick(kinds);
  let after: unknown = null;
  if (kind === 'flip') after = flip(value as string | number | bigint | boolean, random);
  else if (kind === 'truncate') after = (value as string | unknown[]).slice(0, random.nextInt((value as string | unknown[]).length));
  else if (kind === 'wrong-type') after = wrongType(value);
  else if (kind === 'drop') after = undefined;
  // A changed digit can round back to the same double or overflow the exponent: such a
  // flip would be no damage, or Infinity, so the field is nulled instead.
  if (kind === 'flip' && typeof after === 'number' && (after === value || !Number.isFinite(after))) return ['null', null];
  return [kind, after];
}

function flip(value: string | number | bigint | boolean, random: RandomSource): unknown {
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') {
    // XOR with one of the five low bits always gives another character, keeps ASCII
    // mostly printable and keeps a surrogate a surrogate (valid UTF-16 stays valid).
    const count = 1 + random.nextInt(Math.min(3, value.length));
    const start = random.nextInt(value.length - count + 1);
    let flipped = value.slice(0, start);
    for (let i = start; i < start + count; i++) flipped += String.fromCharCode(value.charCodeAt(i) ^ (1 << random.nextInt(5)));
    return flipped + value.slice(start + count);
  }
  const text = String(value);
  // Digits of the mantissa only: a changed exponent is a different order of magnitude.
  const end = `${text}e`.indexOf('e');
  const positions: number[] = [];
  for (let i = 0; i < end; i++) if (text[i] !== '-' && text[i] !== '.') positions.push(i);
  const at = random.pick(positions);
  const digit = (Number(text[at]) + 1 + random.nextInt(9)) % 10;
  const changed = text.slice(0, at) + digit + text.slice(at + 1);
  return typeof value === 'bigint' ? BigInt(changed) : Number(changed);
}

/** A string turns into a number (its value when numeric, else its length); anything else into its text. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') {
    const numeric = Number(value);
    return value.trim() !== '' && Number.isFinite(numeric) ? numeric : value.length;
  }
  try {
    return String(value);
  } catch {
    // Objects without a prototype have no toString.
    return '[object Object]';
  }
}

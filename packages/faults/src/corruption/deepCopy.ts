/**
 * True for objects made by a literal, `Object.create(null)` or `JSON.parse`: the only
 * objects whose fields we enter, copy and change. Class instances, Maps, Sets and the
 * like are opaque to us: their invariants live in code we do not know.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/**
 * A fresh, writable copy of one array or plain object (even of a frozen one). Spread
 * defines properties rather than assigning them, so an own `__proto__` key (as
 * `JSON.parse` makes) is copied as data and never reaches the prototype setter.
 */
export function shallowCopy<T extends object>(value: T): T {
  return (Array.isArray(value) ? value.slice() : Object.setPrototypeOf({ ...value }, Object.getPrototypeOf(value))) as T;
}

/**
 * Copies arrays, plain objects and Dates to any depth, keeping shared references and
 * cycles as they were. Every other object (class instance, Map, function…) is kept by
 * reference: `structuredClone` would throw on functions and turn class instances into
 * plain objects, which is damage nobody asked for.
 */
export function deepCopy<T>(value: T, seen = new Map<object, unknown>()): T {
  if (typeof value !== 'object' || value === null) return value;
  let copy = seen.get(value);
  if (copy !== undefined) return copy as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  const fresh = shallowCopy(value) as Record<string, unknown>;
  seen.set(value, (copy = fresh));
  // The keys are own data properties of `fresh` now, so assigning to them is safe.
  for (const key of Object.keys(fresh)) fresh[key] = deepCopy(fresh[key], seen);
  return copy as T;
}

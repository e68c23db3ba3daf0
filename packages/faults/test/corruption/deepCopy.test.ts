import { describe, expect, it } from 'vitest';
import { deepCopy, isPlainObject, shallowCopy } from '../../src/corruption/deepCopy.js';

describe('deepCopy', () => {
  it('copies arrays, plain objects and Dates at every depth', () => {
    const value = { a: [{ b: 1 }], at: new Date(5) };
    const copy = deepCopy(value);
    expect(copy).toEqual(value);
    expect(copy.a).not.toBe(value.a);
    expect(copy.a[0]).not.toBe(value.a[0]);
    expect(copy.at).not.toBe(value.at);
  });

  it('keeps shared references shared and cycles cyclic', () => {
    const shared = { n: 1 };
    const value: Record<string, unknown> = { x: shared, y: shared };
    value['self'] = value;
    const copy = deepCopy(value);
    expect(copy['x']).toBe(copy['y']);
    expect(copy['self']).toBe(copy);
  });

  it('keeps class instances, Maps and functions by reference', () => {
    const map = new Map();
    const fn = () => 0;
    class Thing {}
    const thing = new Thing();
    const copy = deepCopy({ map, fn, thing });
    expect(copy.map).toBe(map);
    expect(copy.fn).toBe(fn);
    expect(copy.thing).toBe(thing);
  });

  it('makes writable copies of frozen values and keeps a null prototype', () => {
    const frozen = Object.freeze({ list: Object.freeze([1]) });
    const copy = deepCopy(frozen);
    expect(Object.isFrozen(copy) || Object.isFrozen(copy.list)).toBe(false);
    const bare = Object.create(null) as object;
    expect(Object.getPrototypeOf(deepCopy(bare))).toBeNull();
  });

  it('copies a __proto__ key as a field, never as the prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const copy = deepCopy(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(shallowCopy(parsed))).toBe(Object.prototype);
  });
});

describe('isPlainObject', () => {
  it('accepts literals and null-prototype objects only', () => {
    expect([{}, Object.create(null), JSON.parse('{}')].every(isPlainObject)).toBe(true);
    expect([[], new Date(), new Map(), null, 'x', () => 0, new (class {})()].some(isPlainObject)).toBe(false);
  });
});

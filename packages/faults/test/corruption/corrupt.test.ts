import { type CorruptionKind, type CorruptionResult, createRandom } from '@chaos/config';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCorruptor } from '../../src/corruption/corrupt.js';

/** Fixed fast-check seed: the properties run the same cases every time (fast-check prints it with any failure); change it to explore. */
const FC = { seed: 2201 } as const;

/** Seeds for property tests: `createRandom` takes any finite number. */
const seeds = fc.integer();

function results(message: unknown, fields: readonly string[], count = 300): CorruptionResult[] {
  return Array.from({ length: count }, (_, i) => defaultCorruptor(message, fields, createRandom(`c${i}`)));
}

/** The kinds the corruptor uses on `value` as field `v`, over many seeds. */
function kindsFor(value: unknown): CorruptionKind[] {
  return [...new Set(results({ v: value }, ['v']).map((result) => result.changes[0]?.kind))].filter((kind) => kind !== undefined).sort();
}

function withKind(message: unknown, fields: readonly string[], kind: CorruptionKind): CorruptionResult {
  const found = results(message, fields).find((result) => result.changes[0]?.kind === kind);
  if (!found) throw new Error(`no seed gave ${kind}`);
  return found;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

describe('defaultCorruptor with named fields', () => {
  const handoff = { id: 'h-1', payload: { items: [{ sku: 'A-1', qty: 2 }], total: 19.99 }, urgent: true };

  it('damages each named field that exists and reports what it was and became', () => {
    const { message, changes } = defaultCorruptor(handoff, ['id', 'payload.total', 'payload.items.0.sku'], createRandom('h'));
    expect(changes.map((change) => change.field)).toEqual(['id', 'payload.total', 'payload.items.0.sku']);
    const next = message as typeof handoff;
    expect(changes[0]).toMatchObject({ before: 'h-1', after: next.id });
    expect(changes[1]).toMatchObject({ before: 19.99, after: next.payload.total });
    for (const change of changes) expect(change.after).not.toEqual(change.before);
  });

  it('skips fields that do not resolve, without an error', () => {
    const fields = ['missing', 'id.length', 'payload.items.length', 'payload.items.01', 'payload.items.5', 'payload.nope.deeper', 'toString', '__proto__', 'urgent.x'];
    const { message, changes } = defaultCorruptor(handoff, fields, createRandom('skip'));
    expect(changes).toEqual([]);
    expect(message).toEqual(handoff);
  });

  it('returns a deep copy and never touches the caller’s message', () => {
    const frozen = deepFreeze(structuredClone(handoff));
    const { message } = defaultCorruptor(frozen, ['payload.items.0.qty'], createRandom('copy'));
    const next = message as typeof handoff;
    expect(frozen).toEqual(handoff);
    expect(next).not.toBe(frozen);
    expect(next.payload.items).not.toBe(frozen.payload.items);
    // The copy is the receiver's own: changing it cannot reach the sender.
    next.payload.total = 0;
    expect(frozen.payload.total).toBe(19.99);
  });

  it('damages a repeated field once', () => {
    expect(defaultCorruptor(handoff, ['id', 'id'], createRandom('twice')).changes).toHaveLength(1);
  });

  it('damages fields in the order given, so a field inside a damaged one may be gone', () => {
    for (const { changes } of results(handoff, ['payload', 'payload.total'], 50)) {
      expect(changes[0]?.field).toBe('payload');
      expect(changes).toHaveLength(1);
    }
  });

  it('keeps class instances and functions by reference instead of failing to copy them', () => {
    class Money {
      constructor(readonly cents: number) {}
    }
    const price = new Money(1999);
    const send = () => 'sent';
    const { message, changes } = defaultCorruptor({ price, send, note: 'hi' }, ['note', 'price.cents'], createRandom('opaque'));
    expect(changes.map((change) => change.field)).toEqual(['note']);
    expect((message as { price: Money }).price).toBe(price);
    expect((message as { send: unknown }).send).toBe(send);
    expect(price.cents).toBe(1999);
  });
});

describe('defaultCorruptor kinds', () => {
  it('uses every kind on a string, and the ones that apply elsewhere', () => {
    expect(kindsFor('hello')).toEqual(['drop', 'flip', 'null', 'truncate', 'wrong-type']);
    expect(kindsFor('')).toEqual(['drop', 'null', 'wrong-type']);
    expect(kindsFor(42)).toEqual(['drop', 'flip', 'null', 'wrong-type']);
    expect(kindsFor(42n)).toEqual(['drop', 'flip', 'null', 'wrong-type']);
    expect(kindsFor(true)).toEqual(['drop', 'flip', 'null', 'wrong-type']);
    expect(kindsFor([1, 2])).toEqual(['drop', 'null', 'truncate', 'wrong-type']);
    expect(kindsFor({ a: 1 })).toEqual(['drop', 'null', 'wrong-type']);
    expect(kindsFor(null)).toEqual(['drop', 'wrong-type']);
    expect(kindsFor(undefined)).toEqual(['null', 'wrong-type']);
  });

  it('flips one to three adjacent characters of a string', () => {
    const flips = results({ v: 'abcdefgh' }, ['v']).filter((r) => r.changes[0]?.kind === 'flip');
    // A loop over nothing would check nothing.
    expect(flips.length).toBeGreaterThan(0);
    for (const { changes } of flips) {
      const after = changes[0]?.after as string;
      expect(after).toHaveLength(8);
      const diff = [...after].flatMap((char, i) => (char === 'abcdefgh'[i] ? [] : [i]));
      expect(diff.length).toBeGreaterThanOrEqual(1);
      expect(diff.length).toBeLessThanOrEqual(3);
      expect(diff.at(-1)! - diff[0]!).toBe(diff.length - 1);
    }
  });

  it('keeps a flipped emoji valid UTF-16', () => {
    const flips = results({ v: '😀😀' }, ['v']).filter((r) => r.changes[0]?.kind === 'flip');
    expect(flips.length).toBeGreaterThan(0);
    for (const { changes } of flips) {
      // A lone surrogate would become U+FFFD on the way through UTF-8.
      const after = changes[0]?.after as string;
      expect(Buffer.from(after, 'utf8').toString('utf8')).toBe(after);
    }
  });

  it('truncates a string or an array to a strict prefix', () => {
    const text = withKind({ v: 'abcdef' }, ['v'], 'truncate').changes[0]?.after as string;
    expect('abcdef'.startsWith(text) && text.length < 6).toBe(true);
    const items = withKind({ v: [1, 2, 3] }, ['v'], 'truncate').changes[0]?.after as number[];
    expect(items.length).toBeLessThan(3);
    expect([1, 2, 3].slice(0, items.length)).toEqual(items);
  });

  it('turns a string into a number and anything else into its text', () => {
    expect(withKind({ v: '42' }, ['v'], 'wrong-type').changes[0]?.after).toBe(42);
    expect(withKind({ v: 'abc' }, ['v'], 'wrong-type').changes[0]?.after).toBe(3);
    expect(withKind({ v: 42 }, ['v'], 'wrong-type').changes[0]?.after).toBe('42');
    expect(withKind({ v: { a: 1 } }, ['v'], 'wrong-type').changes[0]?.after).toBe('[object Object]');
    expect(withKind({ v: Object.create(null) }, ['v'], 'wrong-type').changes[0]?.after).toBe('[object Object]');
    expect(withKind({ v: ['a', 'b'] }, ['v'], 'wrong-type').changes[0]?.after).toBe('a,b');
  });

  it('changes one digit of a number and keeps it finite', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), seeds, (n, seed) => {
        const [change] = defaultCorruptor({ v: n }, ['v'], createRandom(seed)).changes;
        if (change?.kind === 'flip') {
          expect(Number.isFinite(change.after)).toBe(true);
          expect(change.after).not.toBe(n);
        }
        expect(Object.is(change?.after, n)).toBe(false);
      }),
      FC,
    );
  });

  it('deletes a dropped object field and removes a dropped array element', () => {
    const dropped = withKind({ a: 1, b: 2 }, ['a'], 'drop');
    expect(dropped.message).toEqual({ b: 2 });
    expect(dropped.changes[0]).toEqual({ field: 'a', kind: 'drop', before: 1, after: undefined });
    expect(withKind({ items: ['x', 'y', 'z'] }, ['items.1'], 'drop').message).toEqual({ items: ['x', 'z'] });
  });

  it('sets a field to null', () => {
    expect(withKind({ a: 'x' }, ['a'], 'null').message).toEqual({ a: null });
  });
});

describe('defaultCorruptor with no fields named', () => {
  it('damages one field chosen at random, at the top level or deeper', () => {
    const message = { id: 'm', body: { text: 'hi', tags: ['a', 'b'] } };
    const fields = new Set<string>();
    for (const { changes } of results(message, [])) {
      expect(changes).toHaveLength(1);
      fields.add(changes[0]!.field);
    }
    expect([...fields].sort()).toEqual(['body', 'body.tags', 'body.tags.0', 'body.tags.1', 'body.text', 'id']);
  });

  it('damages a message without fields as a whole, reported as field ""', () => {
    for (const message of ['hello world', 42, {}, [], null]) {
      for (const result of results(message, [], 60)) {
        const [change] = result.changes;
        expect(change?.field).toBe('');
        expect(change?.kind).not.toBe('drop');
        expect(result.message).toBe(change?.after);
        expect(result.message).not.toEqual(message);
      }
    }
    const kinds = new Set(results('hello world', []).map((result) => result.changes[0]?.kind));
    expect([...kinds].sort()).toEqual(['flip', 'null', 'truncate', 'wrong-type']);
  });

  it('reaches a key that contains a dot, which a named path cannot', () => {
    const { changes, message } = defaultCorruptor({ 'a.b': 1 }, [], createRandom('dot'));
    expect(changes[0]?.field).toBe('a.b');
    expect(message).not.toEqual({ 'a.b': 1 });
  });
});

describe('defaultCorruptor as a pure function', () => {
  const record = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 8 });

  it('changes every named field that exists, leaves the others equal and the input untouched', () => {
    fc.assert(
      fc.property(record, fc.array(fc.string(), { maxLength: 3 }), seeds, (message, extra, seed) => {
        const keys = Object.keys(message);
        // A key with a dot cannot be named: the dot separates path steps.
        const fields = [...keys, ...extra].filter((key, i) => i % 2 === 0 && !key.includes('.'));
        // No fields at all means "pick one": tested on its own below.
        fc.pre(fields.length > 0);
        const snapshot = structuredClone(message);
        const { message: next, changes } = defaultCorruptor(deepFreeze(message), fields, createRandom(seed));
        // toEqual: structuredClone drops the null prototypes fast-check likes to generate.
        expect(message).toEqual(snapshot);
        const named = new Set(fields.filter((field) => Object.hasOwn(message, field)));
        expect(changes.map((change) => change.field).sort()).toEqual([...named].sort());
        const result = next as Record<string, unknown>;
        for (const key of keys) {
          if (!named.has(key)) expect(result[key]).toStrictEqual(message[key]);
          else if (Object.hasOwn(result, key)) expect(result[key]).not.toStrictEqual(message[key]);
          else expect(changes.find((change) => change.field === key)?.kind).toBe('drop');
        }
      }),
      { ...FC, numRuns: 500 },
    );
  });

  it('gives the same result for the same seed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.string(), { maxLength: 3 }), seeds, (message, fields, seed) => {
        expect(defaultCorruptor(message, fields, createRandom(seed))).toStrictEqual(defaultCorruptor(message, fields, createRandom(seed)));
      }),
      FC,
    );
  });
});

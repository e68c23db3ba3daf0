import { type HallucinationResult, type HallucinationStrategy, createRandom } from '@chaos/config';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultHallucinator } from '../../src/hallucination/hallucinate.js';
import { CLAIMS } from '../../src/hallucination/hallucinateText.js';

/** Fixed fast-check seed: the properties run the same cases every time (fast-check prints it with any failure); change it to explore. */
const FC = { seed: 2202 } as const;

/** Results for seeds `s0`, `s1`, …: enough of them to see every strategy that applies. */
function results(value: unknown, seeds = 300): HallucinationResult[] {
  return Array.from({ length: seeds }, (_, i) => defaultHallucinator(value, createRandom(`s${i}`)));
}

function strategiesOf(value: unknown): string[] {
  return [...new Set(results(value).map((result) => result.strategy))].sort();
}

/** The first result of a strategy, failing the test when no seed gives it. */
function withStrategy(value: unknown, strategy: string): HallucinationResult {
  const found = results(value).find((result) => result.strategy === strategy);
  if (!found) throw new Error(`no seed gave ${strategy} for ${JSON.stringify(value)}`);
  return found;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Seeds for property tests: `createRandom` takes any finite number. */
const seeds = fc.integer();

const COLOURS = ['Red', 'Green', 'Black', 'White', 'Silver', 'Yellow'];
const NAMES = ['Acme', 'Contoso', 'Globex', 'Northwind', 'Initech'];

describe('defaultHallucinator on strings', () => {
  it('changes a price in the text, keeping its currency sign and its cents', () => {
    const result = withStrategy('Only $19.99 today', 'string:number');
    expect(result.value).toMatch(/^Only \$\d+\.\d\d today$/);
    expect(result.value).not.toBe('Only $19.99 today');
    expect(result.description).toBe(`changed "19.99" to "${String(result.value).split(' ')[1]?.slice(1)}"`);
  });

  it('changes a one-digit count to another one-digit count', () => {
    const numbers = results('3 items left').filter((r) => r.strategy === 'string:number');
    // A loop over nothing would check nothing.
    expect(numbers.length).toBeGreaterThan(0);
    for (const result of numbers) {
      expect(result.value).toMatch(/^[1-9] items left$/);
      expect(result.value).not.toBe('3 items left');
    }
  });

  it('swaps a colour for another colour, keeping the capital', () => {
    const result = withStrategy('The Blue shirt', 'string:entity');
    const [, colour] = /^The (\w+) shirt$/.exec(String(result.value)) ?? [];
    expect(COLOURS).toContain(colour);
    expect(result.description).toBe(`changed "Blue" to "${colour}"`);
  });

  it('keeps upper and lower case when swapping', () => {
    expect(withStrategy('BLUE', 'string:entity').value).toMatch(/^[A-Z]+$/);
    expect(withStrategy('in red', 'string:entity').value).toMatch(/^in [a-z]+$/);
  });

  it('swaps a capitalised name inside a sentence for another name', () => {
    const result = withStrategy('Shipped to Alice today', 'string:entity');
    expect(NAMES.map((name) => `Shipped to ${name} today`)).toContain(result.value);
  });

  it('does not take the word that starts a sentence for a name', () => {
    expect(strategiesOf('Hello there. Thanks for waiting')).toEqual(['string:claim']);
  });

  it('appends a fabricated claim as a sentence of its own', () => {
    const result = withStrategy('Great shoes', 'string:claim');
    expect(CLAIMS.map((claim) => `Great shoes. ${claim}`)).toContain(result.value);
    expect(result.description).toMatch(/^appended ".+"$/);
    expect(CLAIMS.map((claim) => `Great shoes! ${claim}`)).toContain(withStrategy('Great shoes! ', 'string:claim').value);
  });

  it('chooses among the strategies the text allows', () => {
    expect(strategiesOf('Nike sells 3 pairs')).toEqual(['string:claim', 'string:entity', 'string:number']);
    expect(strategiesOf('sold 3 pairs')).toEqual(['string:claim', 'string:number']);
  });

  it('changes any string, whatever its characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), seeds, (text, seed) => {
        expect(defaultHallucinator(text, createRandom(seed)).value).not.toBe(text);
      }),
      FC,
    );
  });

  it('turns the empty string and blank strings into a claim', () => {
    for (const text of ['', '   ']) {
      const result = defaultHallucinator(text, createRandom('empty'));
      expect(result.strategy).toBe('string:claim');
      expect(CLAIMS).toContain(result.value);
    }
  });
});

describe('defaultHallucinator on numbers', () => {
  it('gives a different integer of the same sign for an integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), seeds, (n, seed) => {
        const { value, strategy } = defaultHallucinator(n, createRandom(seed));
        expect(strategy).toBe('number:scale');
        expect(Number.isInteger(value)).toBe(true);
        expect(value).not.toBe(n);
        if (n !== 0) expect(Math.sign(value as number)).toBe(Math.sign(n));
      }),
      FC,
    );
  });

  it('moves numbers of ten and more by roughly 5 to 50 percent', () => {
    fc.assert(
      fc.property(fc.double({ min: 10, max: 1e300, noNaN: true }), fc.boolean(), seeds, (size, negative, seed) => {
        const n = negative ? -size : size;
        const ratio = (defaultHallucinator(n, createRandom(seed)).value as number) / n;
        expect(ratio).toBeGreaterThan(0.45);
        expect(ratio).toBeLessThan(1.55);
      }),
      FC,
    );
  });

  it('keeps the cents of a price', () => {
    for (const { value } of results(19.99, 50)) expect(String(value)).toMatch(/^\d+(\.\d\d?)?$/);
    expect(withStrategy({ price: 19.99 }, 'object:field').description).toMatch(/^set price from 19\.99 to \d+(\.\d\d?)?$/);
  });

  it('never returns the same number, NaN or Infinity, even at the edges of the doubles', () => {
    const edges = [0, -0, 1, -1, 9, 10, 0.01, -0.5, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 0.1 + 0.2, 1e21];
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...edges), fc.double({ noNaN: true, noDefaultInfinity: true })), seeds, (n, seed) => {
        const { value } = defaultHallucinator(n, createRandom(seed));
        expect(Number.isFinite(value)).toBe(true);
        expect(Object.is(value, n)).toBe(false);
        expect(value).not.toBe(n);
      }),
      FC,
    );
  });

  it('leaves NaN and the infinities unchanged, saying so', () => {
    for (const n of [Number.NaN, Infinity, -Infinity]) {
      const result = defaultHallucinator(n, createRandom('x'));
      expect(result.strategy).toBe('unchanged');
      expect(result.value).toBe(n);
      expect(result.description).toMatch(/unchanged/);
    }
  });

  it('moves a bigint and keeps its sign', () => {
    fc.assert(
      fc.property(fc.bigInt(), seeds, (n, seed) => {
        const { value, strategy, description } = defaultHallucinator(n, createRandom(seed));
        expect(strategy).toBe('bigint:scale');
        expect(typeof value).toBe('bigint');
        expect(value).not.toBe(n);
        if (n !== 0n) expect((value as bigint) < 0n).toBe(n < 0n);
        expect(description).toBe(`changed ${n}n to ${String(value)}n`);
      }),
      FC,
    );
  });
});

describe('defaultHallucinator on booleans and Dates', () => {
  it('negates a boolean', () => {
    expect(defaultHallucinator(true, createRandom('b'))).toEqual({ value: false, strategy: 'boolean:negate', description: 'changed true to false' });
    expect(defaultHallucinator(false, createRandom('b')).value).toBe(true);
  });

  it('shifts a Date by 1 to 30 days into a new Date', () => {
    const date = deepFreeze(new Date('2024-05-01T12:00:00Z'));
    for (const { value, strategy } of results(date, 50)) {
      expect(strategy).toBe('date:shift');
      expect(value).toBeInstanceOf(Date);
      const days = Math.abs((value as Date).getTime() - date.getTime()) / 86_400_000;
      expect(Number.isInteger(days) && days >= 1 && days <= 30).toBe(true);
    }
    expect(date.toISOString()).toBe('2024-05-01T12:00:00.000Z');
  });

  it('leaves an invalid Date unchanged', () => {
    expect(defaultHallucinator(new Date('nope'), createRandom('d')).strategy).toBe('unchanged');
  });
});

describe('defaultHallucinator on arrays', () => {
  it('gives an empty array a fabricated element', () => {
    const result = defaultHallucinator([], createRandom('a'));
    expect(result.strategy).toBe('array:insert');
    expect(result.value).toHaveLength(1);
    expect(CLAIMS).toContain((result.value as unknown[])[0]);
  });

  it('alters an element, drops one or inserts a duplicate', () => {
    expect(strategiesOf([1, 2, 3])).toEqual(['array:alter', 'array:drop', 'array:duplicate']);
  });

  it('alters exactly one element and names its index', () => {
    const result = withStrategy([10, 20, 30], 'array:alter');
    const value = result.value as number[];
    const changed = [0, 1, 2].filter((i) => value[i] !== [10, 20, 30][i]);
    expect(changed).toHaveLength(1);
    expect(result.description).toBe(`set [${changed[0]}] from ${(changed[0]! + 1) * 10} to ${value[changed[0]!]}`);
  });

  it('drops exactly one element', () => {
    const result = withStrategy(['a', 'b', 'c'], 'array:drop');
    expect(result.value).toHaveLength(2);
    expect(result.description).toMatch(/^dropped \[\d\] \("[abc]"\)$/);
  });

  it('inserts a duplicate that is a copy, not the same object twice', () => {
    const result = withStrategy([{ sku: 'A' }], 'array:duplicate');
    const [first, second] = result.value as object[];
    expect(first).toEqual(second);
    expect(first).not.toBe(second);
  });

  it('drops or duplicates an element it cannot alter', () => {
    expect(strategiesOf([null])).toEqual(['array:drop', 'array:duplicate']);
  });
});

describe('defaultHallucinator on plain objects', () => {
  const order = { id: 7, customer: { name: 'Ann', vip: true }, items: [{ sku: 'A-1', price: 19.99 }] };

  it('alters exactly one field, reaching every depth over many seeds', () => {
    const paths = new Set<string>();
    for (const { value, strategy, description } of results(order)) {
      expect(strategy).toBe('object:field');
      const next = value as typeof order;
      const changed = [
        next.id !== order.id,
        next.customer.name !== order.customer.name,
        next.customer.vip !== order.customer.vip,
        JSON.stringify(next.items) !== JSON.stringify(order.items),
      ].filter(Boolean);
      expect(changed).toHaveLength(1);
      paths.add(/(id|customer\.name|customer\.vip|items\[0\]\.sku|items\[0\]\.price|items\[0\])/.exec(description)?.[1] ?? description);
    }
    expect([...paths].sort()).toEqual(['customer.name', 'customer.vip', 'id', 'items[0]', 'items[0].price', 'items[0].sku']);
  });

  it('describes a nested change by its path', () => {
    const result = results({ items: [{ price: 19.99 }] }).find((r) => r.description.startsWith('set items[0].price'));
    expect(result?.description).toMatch(/^set items\[0\]\.price from 19\.99 to \d+(\.\d\d?)?$/);
  });

  it('copies the containers on the way to the change and shares the rest', () => {
    const result = results(order).find((r) => r.description.includes('customer.name'));
    const next = result?.value as typeof order;
    expect(next).not.toBe(order);
    expect(next.customer).not.toBe(order.customer);
    expect(next.items).toBe(order.items);
  });

  it('adds a fabricated field to an object with nothing to alter', () => {
    for (const value of [{}, { note: null }]) {
      const result = defaultHallucinator(value, createRandom('o'));
      expect(result.strategy).toBe('object:add');
      expect(Object.keys(result.value as object).length).toBe(Object.keys(value).length + 1);
      expect(result.description).toMatch(/^added \w+: /);
    }
  });

  it('keeps a null prototype and keeps a __proto__ key a plain field', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { n: 5 });
    expect(Object.getPrototypeOf(defaultHallucinator(bare, createRandom('p')).value)).toBeNull();
    const parsed = JSON.parse('{"__proto__": {"polluted": 1}, "n": 5}') as Record<string, unknown>;
    for (const { value } of results(parsed, 40)) {
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect((value as { polluted?: unknown }).polluted).toBeUndefined();
    }
  });
});

describe('defaultHallucinator on values it cannot make plausibly wrong', () => {
  class Product {
    constructor(readonly sku: string) {}
  }

  it('returns them as they are with strategy unchanged', () => {
    const fn = () => 1;
    for (const value of [null, undefined, Symbol('s'), fn, new Map([[1, 2]]), new Product('A')]) {
      const result = defaultHallucinator(value, createRandom('u'));
      expect(result.strategy).toBe('unchanged');
      expect(result.value).toBe(value);
      expect(result.description).toMatch(/^left .+ unchanged/);
    }
  });

  it('alters a plain field next to a class instance and keeps the instance', () => {
    const product = new Product('A');
    const result = defaultHallucinator({ product, qty: 2 }, createRandom('c'));
    expect(result.strategy).toBe('object:field');
    expect((result.value as { product: Product }).product).toBe(product);
  });
});

describe('defaultHallucinator as a pure function', () => {
  it('changes every JSON value but null, and never touches the input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), seeds, (value, seed) => {
        const snapshot = structuredClone(value);
        const result = defaultHallucinator(deepFreeze(value), createRandom(seed));
        expect(value).toEqual(snapshot);
        if (value === null) expect(result.strategy).toBe('unchanged');
        else expect(result.value).not.toStrictEqual(value);
      }),
      { ...FC, numRuns: 500 },
    );
  });

  it('gives the same result for the same seed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), seeds, (value, seed) => {
        expect(defaultHallucinator(value, createRandom(seed))).toStrictEqual(defaultHallucinator(value, createRandom(seed)));
      }),
      FC,
    );
  });

  it('gives different results for different seeds', () => {
    const value = { items: [{ name: 'Blue shirt', price: 19.99 }], total: 19.99 };
    expect(new Set(results(value, 20).map((result) => JSON.stringify(result.value))).size).toBeGreaterThan(5);
  });
});

describe('defaultHallucinator with strategies', () => {
  const run = (value: unknown, strategies: readonly HallucinationStrategy[], seeds = 200): HallucinationResult[] =>
    Array.from({ length: seeds }, (_, i) => defaultHallucinator(value, createRandom(`t${i}`), strategies));
  /** The text with every number (words, when `what` is 'words') replaced by a mark. */
  const mask = (value: unknown, what: 'numbers' | 'words'): string =>
    JSON.stringify(value).replace(what === 'numbers' ? /\d+(\.\d+)?/g : /[A-Za-z]+/g, '#');
  const order = {
    id: 'ORD-7',
    customer: { name: 'Ada from Paris', vip: true },
    items: [
      { sku: 'SHOE-42', colour: 'Blue', price: 19.99, qty: 2 },
      { sku: 'SOCK-1', colour: 'White', price: 4.5, qty: 3 },
    ],
    note: 'Deliver before noon.',
    placed: new Date('2026-11-01T10:00:00.000Z'),
  };

  it('with `number`, only numbers come out wrong, in fields and inside text', () => {
    const results = run(order, ['number']);
    for (const { value } of results) {
      expect(value).not.toEqual(order);
      expect(mask(value, 'numbers')).toBe(mask(order, 'numbers'));
    }
    const descriptions = results.map((r) => r.description).join('\n');
    expect(descriptions).toMatch(/set items\[\d\]\.(price|qty) from/); // a number field
    expect(descriptions).toMatch(/changed "\d+" to "\d+" in (id|items\[\d\]\.sku)/); // digits in a string
  });

  it('with `entity`, only a word is swapped for another of its kind', () => {
    const results = run(order, ['entity']);
    for (const { value, description } of results) {
      expect(value).not.toEqual(order);
      expect(mask(value, 'words')).toBe(mask(order, 'words'));
      expect(description).toMatch(/^changed "[A-Za-z]+" to "[A-Za-z]+" in /);
    }
    expect(new Set(results.map((r) => r.description.split(' in ')[1]))).toEqual(
      new Set(['customer.name', 'items[0].colour', 'items[1].colour']),
    );
  });

  it('with `claim`, something made up is added and nothing is altered', () => {
    const original = JSON.stringify(order);
    for (const { value, strategy } of run(order, ['claim'])) {
      expect(strategy).toBe('object:field');
      // Taking the appended claim out again gives the order back.
      const text = JSON.stringify(value);
      const restored = CLAIMS.flatMap((claim) => [text.replace(`. ${claim}`, ''), text.replace(` ${claim}`, '')]);
      expect(restored).toContain(original);
      expect(text).not.toBe(original);
    }
    expect(run({ n: 1, ok: true }, ['claim']).every((r) => r.strategy === 'object:add')).toBe(true);
    expect(run([], ['claim'])[0]?.strategy).toBe('array:insert');
  });

  it('with `negate`, `date`, `drop` or `duplicate`, that error and no other', () => {
    for (const { value, description } of run(order, ['negate'])) {
      expect(value).toEqual({ ...order, customer: { ...order.customer, vip: false } });
      expect(description).toBe('set customer.vip from true to false');
    }
    for (const { value } of run(order, ['date'])) {
      expect({ ...(value as typeof order), placed: order.placed }).toEqual(order);
      expect((value as typeof order).placed).not.toEqual(order.placed);
    }
    for (const { value } of run(order, ['drop'])) expect((value as typeof order).items).toHaveLength(1);
    for (const { value } of run(order, ['duplicate'])) expect((value as typeof order).items).toHaveLength(3);
  });

  it('with several strategies, each of them and only them', () => {
    const labels = new Set(run('Nike sells 3 pairs', ['number', 'entity']).map((r) => r.strategy));
    expect([...labels].sort()).toEqual(['string:entity', 'string:number']);
    const arrays = new Set(run([1, 'x', null], ['drop', 'duplicate']).map((r) => r.strategy));
    expect([...arrays].sort()).toEqual(['array:drop', 'array:duplicate']);
  });

  it('leaves a value none of them applies to unchanged, and says why', () => {
    const value = { name: 'plain words only' };
    const [result] = run(value, ['number', 'negate'], 1);
    expect(result).toEqual({ value, strategy: 'unchanged', description: 'left an object unchanged: no plausible wrong value of strategy number, negate for it' });
    expect(result?.value).toBe(value);
    expect(run('no digits here', ['number'], 1)[0]?.strategy).toBe('unchanged');
  });

  it('never mutates the input and replays from the seed', () => {
    fc.assert(
      fc.property(seeds, fc.subarray(['number', 'entity', 'claim', 'negate', 'date', 'drop', 'duplicate'] as const, { minLength: 1 }), (seed, strategies) => {
        const frozen = deepFreeze(structuredClone(order));
        const first = defaultHallucinator(frozen, createRandom(seed), strategies);
        expect(defaultHallucinator(frozen, createRandom(seed), strategies)).toEqual(first);
        expect(first.strategy).not.toBe('unchanged');
      }),
      FC,
    );
  });
});

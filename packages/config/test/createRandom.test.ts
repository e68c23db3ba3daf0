import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, freshSeed } from '../src/index.js';

const draw = (seed: string | number, n = 20): number[] => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), (seed) => {
        expect(draw(seed)).toEqual(draw(seed));
        expect(draw(seed)).not.toEqual(draw(`${seed}!`));
      }),
    );
  });

  it('draws numbers in [0, 1)', () => {
    const random = createRandom('range');
    for (let i = 0; i < 10_000; i++) {
      const value = random.next();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });

  it('accepts numeric seeds as their string form', () => {
    expect(draw(42)).toEqual(draw('42'));
  });

  it.each([[''], ['  '], [Number.NaN], [Number.POSITIVE_INFINITY], [undefined], [{}]])(
    'rejects the seed %j with a TypeError',
    (seed) => {
      expect(() => createRandom(seed as never)).toThrow(TypeError);
    },
  );

  it('draws integers and picks within bounds', () => {
    const random = createRandom('ints');
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) {
      const value = random.nextInt(6);
      expect(Number.isInteger(value) && value >= 0 && value < 6).toBe(true);
      seen.add(value);
    }
    expect(seen.size).toBe(6);
    expect(['a', 'b']).toContain(random.pick(['a', 'b']));
    expect(() => random.nextInt(0)).toThrow(RangeError);
    expect(() => random.nextInt(1.5)).toThrow(RangeError);
    expect(() => random.pick([])).toThrow(RangeError);
  });
});

describe('fork', () => {
  it('depends on the seed and label only, not on draws made before', () => {
    const a = createRandom('run');
    const b = createRandom('run');
    for (let i = 0; i < 17; i++) b.next();
    const fa = a.fork('agent:product');
    const fb = b.fork('agent:product');
    expect([fa.next(), fa.next()]).toEqual([fb.next(), fb.next()]);
    expect(fa.seed).toBe('run/agent:product');
  });

  it('gives independent streams for different labels', () => {
    const random = createRandom('run');
    const x = random.fork('x');
    const y = random.fork('y');
    const xs = Array.from({ length: 2_000 }, () => x.next());
    const ys = Array.from({ length: 2_000 }, () => y.next());
    expect(xs).not.toEqual(ys);
    // Sample correlation of independent uniform streams stays near zero.
    const mean = (v: number[]): number => v.reduce((s, n) => s + n, 0) / v.length;
    const mx = mean(xs);
    const my = mean(ys);
    let cov = 0;
    let vx = 0;
    let vy = 0;
    for (let i = 0; i < xs.length; i++) {
      const dx = (xs[i] as number) - mx;
      const dy = (ys[i] as number) - my;
      cov += dx * dy;
      vx += dx * dx;
      vy += dy * dy;
    }
    expect(Math.abs(cov / Math.sqrt(vx * vy))).toBeLessThan(0.1);
  });
});

describe('freshSeed', () => {
  it('makes distinct non-empty seeds', () => {
    const seeds = new Set(Array.from({ length: 100 }, freshSeed));
    expect(seeds.size).toBe(100);
    for (const seed of seeds) expect(seed.length).toBeGreaterThan(0);
  });
});

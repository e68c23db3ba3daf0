import { describe, expect, it, vi } from 'vitest';
import type { FaultRule, RandomSource } from '@chaos/config';
import { type Hallucinator, injectHallucination, withChaos } from '../src/index.js';
import { testScope } from './helpers.js';

describe('injectHallucination', () => {
  it('replaces a sync result with a plausible wrong one and stays sync', () => {
    const chaos = testScope({ seed: 'h' });
    const wrapped = injectHallucination({ probability: 1, target: 'pricing' })(() => 42);
    const value = chaos.run(() => wrapped());
    expect(typeof value).toBe('number');
    expect(value).not.toBe(42);
    const [event] = chaos.faults();
    expect(event).toMatchObject({
      fault: 'hallucination',
      target: 'pricing',
      source: 'probability',
      details: { before: 42, after: value, changed: true, seed: 'h' },
    });
    expect(event?.details['strategy']).toMatch(/^number:/);
    expect(typeof event?.details['description']).toBe('string');
  });

  it('alters the resolved value of an async function', async () => {
    const chaos = testScope();
    const original = { sku: 'A-1', price: 19.99, tags: ['blue'] };
    const wrapped = injectHallucination({ probability: 1 })(async () => original);
    const value = await chaos.run(() => wrapped());
    expect(value).not.toEqual(original);
    expect(original).toEqual({ sku: 'A-1', price: 19.99, tags: ['blue'] }); // never mutated
  });

  it('alters the resolved value of a thenable returned by a plain function', async () => {
    const chaos = testScope();
    const thenable: PromiseLike<boolean> = { then: (resolve) => Promise.resolve(true).then(resolve) };
    const wrapped = injectHallucination({ probability: 1 })(() => thenable);
    await expect(chaos.run(() => wrapped())).resolves.toBe(false);
  });

  it('leaves the result alone when the fault does not fire', async () => {
    const chaos = testScope();
    const result = Promise.resolve('same');
    const wrapped = injectHallucination({ probability: 0 })(() => result);
    expect(chaos.run(() => wrapped())).toBe(result);
    expect(chaos.events).toEqual([]);
  });

  it('lets an error of the step through untouched, with no event', async () => {
    const chaos = testScope();
    const failure = new Error('step failed');
    const sync = injectHallucination({ probability: 1 })(() => {
      throw failure;
    });
    const async = injectHallucination({ probability: 1 })(async () => {
      throw failure;
    });
    expect(() => chaos.run(() => sync())).toThrow(failure);
    await expect(chaos.run(() => async())).rejects.toBe(failure);
    expect(chaos.events).toEqual([]);
  });

  it('uses a custom hallucinator, fed from the detail stream', () => {
    const chaos = testScope();
    const hallucinate = vi.fn<Hallucinator>((value, random: RandomSource) => ({
      value: `${String(value)}!${random.nextInt(10)}`,
      strategy: 'custom:suffix',
      description: 'added a suffix',
    }));
    const wrapped = injectHallucination({ probability: 1, hallucinate, target: 'llm' })((text: string) => text);
    const value = chaos.run(() => wrapped('hello'));
    expect(value).toMatch(/^hello!\d$/);
    expect(hallucinate).toHaveBeenCalledTimes(1);
    expect(Object.fromEntries(chaos.draws)).toEqual({ 'hallucination:llm': 1, 'hallucination:llm:detail': 1 });
    expect(chaos.faults()[0]?.details).toMatchObject({ strategy: 'custom:suffix', description: 'added a suffix' });
  });

  it('reports `changed: false` when the strategy could not change the value', () => {
    const chaos = testScope();
    const wrapped = injectHallucination({ probability: 1 })(() => null);
    expect(chaos.run(() => wrapped())).toBeNull();
    expect(chaos.faults()[0]?.details).toMatchObject({ strategy: 'unchanged', changed: false });
  });

  it('rejects a custom hallucinator that returns no result', () => {
    const chaos = testScope();
    const wrapped = injectHallucination({ probability: 1, hallucinate: (() => 'oops') as unknown as Hallucinator })(() => 1);
    expect(() => chaos.run(() => wrapped())).toThrow(
      'Expected `hallucinate` to return { value, strategy, description }, got `"oops"`',
    );
  });

  it('passes `this` and the arguments through to the step', () => {
    const chaos = testScope();
    const agent = {
      base: 10,
      add: injectHallucination({ probability: 0 })(function (this: { base: number }, x: number) {
        return this.base + x;
      }),
    };
    expect(chaos.run(() => agent.add(5))).toBe(15);
  });

  describe('strategy', () => {
    const listing = 'Blue running shoe, size 42, by Acme';

    it('limits the error to the strategies named, one or several', () => {
      for (let i = 0; i < 50; i++) {
        const chaos = testScope({ seed: `s${i}` });
        const entity = injectHallucination({ probability: 1, strategy: 'entity' })(() => listing);
        const either = injectHallucination({ probability: 1, strategy: ['number', 'claim'], target: 'copy' })(() => listing);
        chaos.run(() => [entity(), either()]);
        const [first, second] = chaos.faults().map((event) => event.details['strategy']);
        expect(first).toBe('string:entity');
        expect(['string:number', 'string:claim']).toContain(second);
      }
    });

    it('lets a plan rule choose the strategy for its firing, over the injector\'s own', () => {
      const chaos = testScope({
        plan: [{ id: 'make-up', fault: 'hallucination', target: 'copy', trigger: { on: 'call', call: 1 }, options: { strategy: 'claim' } }],
      });
      const wrapped = injectHallucination({ probability: 1, strategy: 'number', target: 'copy' })(() => listing);
      chaos.run(() => [wrapped(), wrapped()]);
      expect(chaos.faults().map((event) => event.details['strategy'])).toEqual(['string:claim', 'string:number']);
    });

    it('passes the strategies on to a custom hallucinator', () => {
      const chaos = testScope();
      const hallucinate = vi.fn<Hallucinator>((value) => ({ value, strategy: 'custom', description: 'nothing' }));
      chaos.run(() => injectHallucination({ probability: 1, hallucinate, strategy: ['drop', 'drop', 'claim'] })(() => 1)());
      expect(hallucinate.mock.calls[0]?.[2]).toEqual(['drop', 'claim']);
    });

    it('is an option of withChaos too', async () => {
      const chaos = testScope();
      const wrapped = withChaos({ hallucinationProb: 1, crashProb: 0, delayProb: 0, timeoutProb: 0, corruptionProb: 0, hallucinationStrategy: 'negate' })(
        async () => ({ inStock: true, name: 'Blue shoe', price: 10 }),
      );
      await expect(chaos.run(() => wrapped())).resolves.toEqual({ inStock: false, name: 'Blue shoe', price: 10 });
    });

    it('rejects an unknown strategy at once, naming the option and what is allowed', () => {
      const allowed = '"number", "entity", "claim", "negate", "date", "drop", "duplicate"';
      expect(() => injectHallucination({ strategy: 'lie' as never })).toThrow(
        `Expected \`strategy\` to be one of ${allowed}, or a non-empty array of them, got \`"lie"\``,
      );
      expect(() => injectHallucination({ strategy: [] })).toThrow('got `[]`');
      expect(() => withChaos({ hallucinationStrategy: ['number', 7] as never })).toThrow('Expected `hallucinationStrategy` to be one of');
      // A plan rule's strategy is checked when the plan is made, before any call.
      const plan: FaultRule[] = [{ id: 'bad', fault: 'hallucination', target: 'copy', trigger: { on: 'next' }, options: { strategy: 'lies' as never } }];
      expect(() => testScope({ plan })).toThrow('Expected `options.strategy` of fault plan rule #1 "bad" (hallucination@copy) to be one of');
    });
  });
});

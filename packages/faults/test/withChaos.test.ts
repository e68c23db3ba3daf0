import { describe, expect, it, vi } from 'vitest';
import type { FaultKind, FaultOptionsByKind, FaultRule } from '@chaos/config';
import { AgentCrashError, AgentTimeoutError, withChaos } from '../src/index.js';
import { testScope } from './helpers.js';

const ALL_OFF = { crashProb: 0, delayProb: 0, timeoutProb: 0, hallucinationProb: 0, corruptionProb: 0 } as const;

function every<K extends FaultKind>(fault: K, options?: FaultOptionsByKind[K]): FaultRule {
  return { fault, target: 'step', trigger: { on: 'every' }, ...(options === undefined ? {} : { options }) } as FaultRule;
}

describe('withChaos', () => {
  it('returns a promise and calls straight through when nothing fires', async () => {
    const chaos = testScope();
    const step = vi.fn((x: number) => x + 1);
    const wrapped = withChaos(ALL_OFF)(step);
    const result = chaos.run(() => wrapped(1));
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(2);
    expect(chaos.events).toEqual([]);
  });

  it('calls the original directly when chaos is disabled, without drawing', async () => {
    const chaos = testScope({ config: { enabled: false } });
    const own = Promise.resolve('own');
    const wrapped = withChaos({ crashProb: 1 })(() => own);
    expect(chaos.run(() => wrapped())).toBe(own);
    expect(chaos.draws.size).toBe(0);
  });

  it('draws exactly one decision per fault per call, in five separate streams', async () => {
    const chaos = testScope();
    const wrapped = withChaos({ ...ALL_OFF, target: 'step' })(() => 1);
    await chaos.run(async () => {
      for (let i = 0; i < 3; i++) await wrapped();
    });
    expect(Object.fromEntries(chaos.draws)).toEqual({
      'corruption:step': 3,
      'crash:step': 3,
      'timeout:step': 3,
      'delay:step': 3,
      'hallucination:step': 3,
    });
  });

  it('applies faults in the documented order: corrupt input, delay, call, hallucinate output', async () => {
    const chaos = testScope({
      plan: [every('corruption'), every('delay', { delayMs: 250 }), every('hallucination')],
    });
    const calls: { at: number; message: unknown }[] = [];
    const step = withChaos({ ...ALL_OFF, fields: ['text'], target: 'step' })((message: { text: string }) => {
      calls.push({ at: chaos.clock.now(), message });
      return { reply: 'fine', count: 3 };
    });
    const original = { text: 'hello world' };
    const value = await chaos.run(() => step(original));
    expect(chaos.faults().map((event) => [event.fault, event.at])).toEqual([
      ['corruption', 0],
      ['delay', 0],
      ['hallucination', 250],
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.at).toBe(250);
    expect(calls[0]?.message).not.toEqual(original);
    expect(original).toEqual({ text: 'hello world' });
    expect(value).not.toEqual({ reply: 'fine', count: 3 });
  });

  it('a crash ends the call after corruption: later faults are neither applied nor reported', async () => {
    const chaos = testScope({
      plan: [every('corruption'), every('crash'), every('timeout'), every('delay'), every('hallucination')],
    });
    const step = vi.fn();
    const wrapped = withChaos({ ...ALL_OFF, target: 'step' })(step);
    await expect(chaos.run(() => wrapped({ a: 'b' }))).rejects.toBeInstanceOf(AgentCrashError);
    expect(step).not.toHaveBeenCalled();
    expect(chaos.faults().map((event) => event.fault)).toEqual(['corruption', 'crash']);
    // All five were still decided once.
    expect(chaos.runtime.plan.status().map((rule) => rule.fired)).toEqual([1, 1, 1, 1, 1]);
  });

  it('a timeout hangs on the clock, then rejects; the delay after it does not happen', async () => {
    const chaos = testScope({ plan: [every('timeout', { timeoutSeconds: 5 }), every('delay')] });
    const step = vi.fn();
    const wrapped = withChaos({ ...ALL_OFF, target: 'step' })(step);
    await expect(chaos.run(() => wrapped())).rejects.toBeInstanceOf(AgentTimeoutError);
    expect(chaos.clock.now()).toBe(5_000);
    expect(step).not.toHaveBeenCalled();
    expect(chaos.faults().map((event) => event.fault)).toEqual(['timeout']);
  });

  it('aborts a delay or a hang through the last argument’s signal', async () => {
    const chaos = testScope({ plan: [every('delay', { delayMs: 10_000 })] });
    const controller = new AbortController();
    const wrapped = withChaos({ ...ALL_OFF, target: 'step' })(async (_x: number, _options: { signal: AbortSignal }) => 1);
    const result = chaos.run(() => wrapped(1, { signal: controller.signal }));
    await Promise.resolve();
    controller.abort('stop');
    await expect(result).rejects.toBe('stop');
  });

  it('uses the same streams as the single injectors with the same target', async () => {
    const { injectCrash } = await import('../src/index.js');
    const outcomes = async (make: () => () => Promise<unknown> | unknown): Promise<boolean[]> => {
      const chaos = testScope({ seed: 'shared' });
      const fn = make();
      const crashed: boolean[] = [];
      await chaos.run(async () => {
        for (let i = 0; i < 50; i++) {
          try {
            await fn();
            crashed.push(false);
          } catch {
            crashed.push(true);
          }
        }
      });
      return crashed;
    };
    const combined = await outcomes(() => withChaos({ ...ALL_OFF, crashProb: 0.3, target: 'x' })(() => 1));
    const single = await outcomes(() => injectCrash({ probability: 0.3, target: 'x' })(() => 1));
    expect(combined).toEqual(single);
    expect(combined.some(Boolean)).toBe(true);
  });

  it('passes `this` and the arguments through', async () => {
    const chaos = testScope();
    const agent = {
      id: 'a1',
      run: withChaos(ALL_OFF)(async function (this: { id: string }, x: number, y: number) {
        return `${this.id}:${x + y}`;
      }),
    };
    await expect(chaos.run(() => agent.run(1, 2))).resolves.toBe('a1:3');
  });

  it('reads probabilities left out from the active config', async () => {
    const chaos = testScope({
      config: {
        crashProbability: 1,
        delayProbability: 0,
        timeoutProbability: 0,
        hallucinationProbability: 0,
        corruptionProbability: 0,
      },
    });
    await expect(chaos.run(() => withChaos()(() => 1)())).rejects.toBeInstanceOf(AgentCrashError);
  });
});

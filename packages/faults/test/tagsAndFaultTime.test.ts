import { describe, expect, it } from 'vitest';
import {
  AgentCrashError,
  AgentTimeoutError,
  injectCrash,
  injectDelay,
  injectHallucination,
  injectMessageCorruption,
  injectTimeout,
  withChaos,
} from '../src/index.js';
import { testScope } from './helpers.js';

describe('tags on faults', () => {
  it('puts an injector’s tags on every fault event it fires', async () => {
    const chaos = testScope();
    const tags = { model: 'gpt-4o', prompt: 'v2' };
    const crash = injectCrash({ probability: 1, target: 'a', tags })(() => 'ok');
    const delay = injectDelay({ probability: 1, delayMs: 10, target: 'b', tags })(() => 'ok');
    const hallucinate = injectHallucination({ probability: 1, target: 'c', tags })(() => 'Blue shoes');
    const corrupt = injectMessageCorruption({ probability: 1, fields: ['body'], target: 'd', tags })((m: { body: string }) => m);
    expect(() => chaos.run(crash)).toThrow(AgentCrashError);
    await chaos.run(delay);
    chaos.run(hallucinate);
    chaos.run(() => corrupt({ body: 'hello' }));
    expect(chaos.faults().map((event) => [event.fault, event.tags])).toEqual([
      ['crash', tags],
      ['delay', tags],
      ['hallucination', tags],
      ['corruption', tags],
    ]);
  });

  it('adds a plan rule’s tags on top of the injector’s, the rule winning a shared key', () => {
    const chaos = testScope({
      plan: [{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 1 }, tags: { prompt: 'v3', reflex: 'restart' } }],
    });
    const step = injectCrash({ probability: 0, target: 'product', tags: { model: 'm1', prompt: 'v2' } })(() => 'ok');
    expect(() => chaos.run(step)).toThrow(AgentCrashError);
    expect(chaos.faults()[0]?.tags).toEqual({ model: 'm1', prompt: 'v3', reflex: 'restart' });
  });

  it('leaves `tags` undefined when neither the injector nor the rule has any', () => {
    const chaos = testScope();
    expect(() => chaos.run(injectCrash({ probability: 1, target: 'a' })(() => 1))).toThrow(AgentCrashError);
    expect(chaos.faults()[0]?.tags).toBeUndefined();
  });

  it('carries withChaos’s tags on each of its faults', async () => {
    const chaos = testScope();
    const step = withChaos({ crashProb: 0, delayProb: 1, delayMs: 5, hallucinationProb: 1, timeoutProb: 0, corruptionProb: 0, tags: { reflex: 'retry' } })(
      async () => 'Red shirt',
    );
    await chaos.run(step);
    expect(chaos.faults().map((event) => event.tags)).toEqual([{ reflex: 'retry' }, { reflex: 'retry' }]);
  });

  it.each([
    ['an array', ['a']],
    ['a number value', { model: 4 }],
    ['an empty key', { '': 'x' }],
    ['a string', 'model=a'],
  ])('rejects tags given as %s, naming the option', (_, tags) => {
    expect(() => injectCrash({ tags: tags as never })).toThrow(/^Expected `tags` to be an object of string values, got /);
    expect(() => withChaos({ tags: tags as never })).toThrow(TypeError);
  });

  it('freezes a copy of the tags, so changing the object later changes no event', () => {
    const chaos = testScope();
    const tags: Record<string, string> = { model: 'a' };
    const step = injectCrash({ probability: 1, target: 'x', tags })(() => 1);
    tags['model'] = 'b';
    expect(() => chaos.run(step)).toThrow(AgentCrashError);
    expect(chaos.faults()[0]?.tags).toEqual({ model: 'a' });
  });
});

describe('the fault’s time on injected errors', () => {
  it('gives a crash error the time of its fault event', async () => {
    const chaos = testScope();
    await chaos.clock.sleep(1234);
    const step = injectCrash({ probability: 1, target: 'product' })(() => 'ok');
    let thrown: unknown;
    try {
      chaos.run(step);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AgentCrashError);
    expect((thrown as AgentCrashError).faultAt).toBe(1234);
    expect(chaos.faults()[0]?.at).toBe(1234);
  });

  it('gives a timeout error the time the hang began, not the time it ended', async () => {
    const chaos = testScope();
    await chaos.clock.sleep(500);
    const step = injectTimeout({ probability: 1, timeoutSeconds: 30, target: 'marketing' })(async () => 'ok');
    const error = await chaos.run(step).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentTimeoutError);
    expect((error as AgentTimeoutError).faultAt).toBe(500);
    expect(chaos.clock.now()).toBe(30_500);
    expect(chaos.faults()[0]?.at).toBe(500);
  });

  it('does the same for the crash and the timeout of withChaos', async () => {
    const chaos = testScope();
    await chaos.clock.sleep(70);
    const crash = await chaos.run(withChaos({ crashProb: 1, timeoutProb: 0, delayProb: 0, hallucinationProb: 0, corruptionProb: 0 })(async () => 1)).catch((e: unknown) => e);
    expect((crash as AgentCrashError).faultAt).toBe(70);
    const timeout = await chaos
      .run(withChaos({ crashProb: 0, timeoutProb: 1, timeoutSeconds: 2, delayProb: 0, hallucinationProb: 0, corruptionProb: 0 })(async () => 1))
      .catch((e: unknown) => e);
    expect((timeout as AgentTimeoutError).faultAt).toBe(70);
  });

  it('leaves faultAt undefined on an error made by hand', () => {
    expect(new AgentCrashError({ target: 'x' }).faultAt).toBeUndefined();
    expect(new AgentCrashError({ target: 'x', faultAt: 5 }).faultAt).toBe(5);
  });
});

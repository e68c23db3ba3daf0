import { FAULT_KINDS, type FaultRule, createChaosRuntime, disableChaos, faultOptionChecks, runInChaosScope } from '@chaos/config';
import { describe, expect, it } from 'vitest';
import { chaosMiddleware, chaosModel } from '../../src/ai-sdk.js';
import { testScope } from '../helpers.js';
import { fixedModel, readAll, streamOf, streamParts, usage } from './script.js';
import { MockLanguageModel, generateText, streamText, wrapLanguageModel } from './sdk.js';

const answer = { text: 'The blue mug costs $19.99 and ships from Paris.' };

/** Calls `generateText` `calls` times; the status of each (ok or the error's status). */
async function statuses(chaos: ReturnType<typeof testScope>, model: Parameters<typeof generateText>[0]['model'], calls: number) {
  const seen: (number | 'ok')[] = [];
  await chaos.run(async () => {
    for (let i = 0; i < calls; i++) {
      seen.push(
        await generateText({ model, prompt: 'q', maxRetries: 0 }).then(
          () => 'ok' as const,
          (error: { statusCode: number }) => error.statusCode,
        ),
      );
    }
  });
  return seen;
}

describe('fault plan rules', () => {
  it('fires a model.* rule of the scope plan at the model id, on the call it names', async () => {
    const chaos = testScope({ plan: [{ fault: 'model.rateLimit', target: 'mock-model-id', trigger: { on: 'call', call: 2 } }] });
    const model = chaosModel(fixedModel(answer));
    expect(await statuses(chaos, model, 3)).toEqual(['ok', 429, 'ok']);
    expect(chaos.faults()).toEqual([
      expect.objectContaining({ fault: 'model.rateLimit', source: 'plan', ruleId: 'model.rateLimit@mock-model-id', details: expect.objectContaining({ call: 2 }) }),
    ]);
  });

  it("applies a rule's options over the middleware's settings", async () => {
    const chaos = testScope({
      plan: [{ fault: 'model.serverError', target: '*', trigger: { on: 'every' }, times: 2, options: { statusCode: 503 } }],
    });
    const model = chaosModel(fixedModel(answer), { serverError: { statusCode: 502 } });
    expect(await statuses(chaos, model, 3)).toEqual([503, 503, 'ok']);
  });

  it('aims at the target option instead of the model id', async () => {
    const chaos = testScope({ plan: [{ fault: 'model.authError', target: 'writer', trigger: { on: 'every' } }] });
    expect(await statuses(chaos, chaosModel(fixedModel(answer), { target: 'writer' }), 1)).toEqual([401]);
    expect(await statuses(chaos, chaosModel(fixedModel(answer)), 1)).toEqual(['ok']);
  });

  it('counts only streamed calls for a stream fault', async () => {
    const chaos = testScope({ plan: [{ fault: 'model.streamCut', target: '*', trigger: { on: 'call', call: 1 }, options: { afterChunks: 1 } }] });
    const model = chaosModel(fixedModel(answer));
    await chaos.run(() => generateText({ model, prompt: 'q', maxRetries: 0 }));
    const text = await chaos.run(async () => {
      const result = streamText({ model, prompt: 'q', maxRetries: 0, onError: () => undefined });
      await result.consumeStream();
      return result.text;
    });
    expect(text).toBe('The ');
    expect(chaos.faults()[0]?.details).toMatchObject({ call: 2 });
  });

  it('refuses a model.* rule of a fault it does not know when the plan is made, naming the rule', () => {
    const typo = { id: 'typo', fault: 'model.rateLimt' as 'model.rateLimit', target: '*', trigger: { on: 'every' } } as const;
    expect(() => testScope({ plan: [typo] })).toThrow(TypeError);
    expect(() => testScope({ plan: [typo] })).toThrow(/^Expected `fault` of fault plan rule #1 "typo" \(model.rateLimt@\*\) to be one of crash, .*model.rateLimit, .*, got `"model.rateLimt"`$/);
  });

  it('refuses an invalid option of a rule when the plan is made, naming the rule', () => {
    const rule = { fault: 'model.rateLimit', target: '*', trigger: { on: 'every' }, options: { retryAfter: 5 } } as unknown as FaultRule;
    expect(() => testScope({ plan: [rule] })).toThrow('Unknown option `retryAfter` of fault plan rule #1 "model.rateLimit@*": expected one of `message`, `retryAfterMs`');
    const late: FaultRule = { fault: 'model.streamCut', target: '*', trigger: { on: 'every' }, options: { mode: 'explode' as never } };
    expect(() => testScope({ plan: [late] })).toThrow('Expected `options.mode` of fault plan rule #1 "model.streamCut@*" to be one of "error", "drop", "hang", got `"explode"`');
  });
});

describe('model.* and tool.* rule options, checked when the plan is made', () => {
  it.each([
    [{ fault: 'model.serverError', options: { statusCode: 429 } }, 'Expected `options.statusCode` of fault plan rule #1 "model.serverError@t" to be an integer in 500–599, got `429`'],
    [{ fault: 'model.streamCut', options: { mode: 'explode' } }, 'Expected `options.mode` of fault plan rule #1 "model.streamCut@t" to be one of "error", "drop", "hang", got `"explode"`'],
    [{ fault: 'model.truncate', options: { keep: 1 } }, 'Expected `options.keep` of fault plan rule #1 "model.truncate@t" to be a number in (0, 1), got `1`'],
    [{ fault: 'model.corruptChunks', options: { rate: 2 } }, 'Expected `options.rate` of fault plan rule #1 "model.corruptChunks@t" to be a number in [0, 1], got `2`'],
    [{ fault: 'tool.error', options: { message: '' } }, 'Expected `options.message` of fault plan rule #1 "tool.error@t" to be a non-empty string, got `""`'],
    [{ fault: 'model.emptyResponse', options: { text: '' } }, 'Unknown option `text` of fault plan rule #1 "model.emptyResponse@t": it takes none'],
  ])('refuses %j, saying what was expected', (rule, message) => {
    expect(() => testScope({ plan: [{ target: 't', trigger: { on: 'every' }, ...rule } as unknown as FaultRule] })).toThrow(new TypeError(message));
  });

  it('has registered the checks of every model.* and tool.* kind, so every kind of FAULT_KINDS is checked', () => {
    for (const kind of FAULT_KINDS) expect(faultOptionChecks(kind), kind).toBeTypeOf('object');
  });
});

describe('triggers in options', () => {
  it('fires on the calls the trigger names, counted per run', async () => {
    const model = chaosModel(fixedModel(answer), { overloaded: { trigger: { on: 'call', call: 1 }, times: 2 } });
    expect(await statuses(testScope(), model, 4)).toEqual([529, 529, 'ok', 'ok']);
    // A new run counts from its own first call.
    expect(await statuses(testScope(), model, 1)).toEqual([529]);
  });

  it('fires with a trigger and a probability both', async () => {
    const chaos = testScope();
    const model = chaosModel(fixedModel(answer), { rateLimit: { trigger: { on: 'call', call: 1 }, probability: 0 } });
    expect(await statuses(chaos, model, 2)).toEqual([429, 'ok']);
    expect(chaos.faults()[0]).toMatchObject({ source: 'plan', ruleId: 'model.rateLimit@trigger' });
  });
});

describe('determinism', () => {
  async function campaign(seed: string) {
    const chaos = testScope({ seed });
    const model = chaosModel(fixedModel(answer), { rateLimit: 0.3, hallucination: 0.3, truncate: 0.2 });
    const outcomes = await chaos.run(async () => {
      const seen: string[] = [];
      for (let i = 0; i < 20; i++) {
        seen.push(await generateText({ model, prompt: 'q', maxRetries: 0 }).then((result) => result.text, (error: Error) => error.message));
      }
      return seen;
    });
    return { outcomes, faults: chaos.faults().map(({ fault, details }) => ({ fault, details })) };
  }

  it('gives the same faults and the same texts for the same seed', async () => {
    const first = await campaign('replay-me');
    expect(await campaign('replay-me')).toEqual(first);
    expect(first.faults.length).toBeGreaterThan(3);
    expect(await campaign('another-seed')).not.toEqual(first);
  });

  it("draws one number per call for each fault given a probability, so one fault's settings never move another's", async () => {
    const decisions = async (options: Parameters<typeof chaosModel>[1]) => {
      const chaos = testScope({ seed: 'streams' });
      await statuses(chaos, chaosModel(fixedModel(answer), options), 30);
      return chaos.faults().filter((event) => event.fault === 'model.hallucination').map((event) => event.details['call']);
    };
    const alone = await decisions({ hallucination: 0.4 });
    expect(alone.length).toBeGreaterThan(0);
    expect(await decisions({ hallucination: 0.4, truncate: 0.9, emptyResponse: { probability: 0.5 } })).toEqual(alone);
    expect(await decisions({ hallucination: 0.4, truncate: 0 })).toEqual(alone);
  });

  it('probability 0 never fires and 1 always does', async () => {
    expect(await statuses(testScope(), chaosModel(fixedModel(answer), { rateLimit: 0 }), 50)).toEqual(Array(50).fill('ok'));
    expect(await statuses(testScope(), chaosModel(fixedModel(answer), { rateLimit: 1 }), 50)).toEqual(Array(50).fill(429));
  });
});

describe('disabled chaos and untouched calls', () => {
  it('passes calls straight through when chaos is disabled: the same result and stream objects', async () => {
    disableChaos();
    const result = { content: [{ type: 'text', text: 'hi' }], finishReason: { unified: 'stop', raw: 'stop' }, usage: {}, warnings: [] };
    const stream = streamOf(streamParts({ text: 'hi' }));
    const middleware = chaosMiddleware({ rateLimit: 1, streamCut: 1 });
    const model = { provider: 'p', modelId: 'm' };
    const generated = await middleware.wrapGenerate({ doGenerate: async () => result, doStream: async () => ({ stream }), params: {}, model });
    expect(generated).toBe(result);
    const streamed = await middleware.wrapStream({ doGenerate: async () => result, doStream: async () => ({ stream }), params: {}, model });
    expect(streamed.stream).toBe(stream);
  });

  it("leaves the calls that `calls` excludes untouched: they neither draw nor count", async () => {
    const chaos = testScope();
    const streamOnly = chaosModel(fixedModel(answer), { calls: 'stream', rateLimit: 1 });
    expect(await statuses(chaos, streamOnly, 2)).toEqual(['ok', 'ok']);
    const generateOnly = chaosModel(fixedModel(answer), { calls: 'generate', rateLimit: 1 });
    const streamed = await chaos.run(async () => {
      const result = streamText({ model: generateOnly, prompt: 'q', maxRetries: 0 });
      return result.text;
    });
    expect(streamed).toBe(answer.text);
    expect(chaos.faults()).toEqual([]);
    expect(chaos.draws.get('model.rateLimit:mock-model-id')).toBeUndefined();
  });

  it('adds no stream transform to a call no fault hits', async () => {
    const chaos = testScope();
    const stream = streamOf(streamParts({ text: 'hi' }));
    const middleware = chaosMiddleware({ streamCut: 0, slowTokens: 0 });
    const streamed = await chaos.run(() =>
      middleware.wrapStream({ doGenerate: async () => undefined, doStream: async () => ({ stream }), params: {}, model: { provider: 'p', modelId: 'm' } }),
    );
    expect(streamed.stream).toBe(stream);
  });

  it("never mutates the model's result, its parts or the caller's prompt", async () => {
    const chaos = testScope();
    const parts = streamParts({ text: 'The mug costs $19.99.', toolCalls: [{ toolName: 'lookup', input: { sku: 'A1' } }] });
    const frozenParts = parts.map((part) => Object.freeze({ ...part }));
    const generated = Object.freeze({
      content: Object.freeze([Object.freeze({ type: 'text', text: 'The mug costs $19.99.' }), Object.freeze({ type: 'tool-call', toolCallId: 'c', toolName: 'lookup', input: '{"sku":"A1"}' })]),
      finishReason: Object.freeze({ unified: 'stop', raw: 'stop' }),
      usage,
      warnings: [],
    });
    const base = new MockLanguageModel({
      doGenerate: async () => generated as never,
      doStream: async () => ({ stream: streamOf(frozenParts) }) as never,
    });
    const model = chaosModel(base, { hallucination: 1, truncate: 1, malformedToolCall: 1, corruptChunks: { probability: 1, rate: 1 } });
    const messages = Object.freeze([Object.freeze({ role: 'user' as const, content: 'price?' })]);
    await chaos.run(() => generateText({ model, messages: messages as never, maxRetries: 0 }));
    await chaos.run(async () => readAll(streamText({ model, messages: messages as never, maxRetries: 0, onError: () => undefined }).fullStream));
    expect(chaos.faults().length).toBeGreaterThanOrEqual(6);
  });
});

describe('chaosModel and wrapLanguageModel', () => {
  it('gives the same faults through wrapLanguageModel and chaosMiddleware', async () => {
    const options = { hallucination: 0.5, rateLimit: 0.2 };
    const viaShorthand = await statuses(testScope({ seed: 'same' }), chaosModel(fixedModel(answer), options), 10);
    const viaSdk = await statuses(testScope({ seed: 'same' }), wrapLanguageModel({ model: fixedModel(answer), middleware: chaosMiddleware(options) }), 10);
    expect(viaSdk).toEqual(viaShorthand);
  });

  it('keeps the model itself: its fields, its class and its mock call records', async () => {
    const base = fixedModel(answer);
    const model = chaosModel(base, { hallucination: 1 });
    expect(model).toBeInstanceOf(MockLanguageModel);
    expect(model.modelId).toBe('mock-model-id');
    await testScope().run(() => generateText({ model, prompt: 'q', maxRetries: 0 }));
    expect(model.doGenerateCalls).toHaveLength(1);
    expect(base.doGenerate).not.toBe(model.doGenerate);
  });

  it('keeps two runs in one process apart: their own calls, plans and events', async () => {
    const first = createChaosRuntime({ config: { enabled: true }, seed: 'a', plan: [{ fault: 'model.rateLimit', target: '*', trigger: { on: 'call', call: 1 } }], emit: () => undefined });
    const second = createChaosRuntime({ config: { enabled: true }, seed: 'b', emit: () => undefined });
    const model = chaosModel(fixedModel(answer));
    const call = (runtime: typeof first) =>
      runInChaosScope(runtime, () => generateText({ model, prompt: 'q', maxRetries: 0 }).then(() => 'ok', (error: { statusCode: number }) => error.statusCode));
    expect(await Promise.all([call(second), call(first), call(second)])).toEqual(['ok', 429, 'ok']);
  });
});

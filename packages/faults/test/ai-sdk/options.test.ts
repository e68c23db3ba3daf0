import { describe, expect, it } from 'vitest';
import { type ChaosToolLike, chaosMiddleware, chaosModel, chaosTool, chaosTools, retry, retryMiddleware } from '../../src/ai-sdk.js';
import { fixedModel } from './script.js';
import { SDK_MAJOR, SPEC } from './sdk.js';

const search = { description: 'search', execute: async () => ({ results: ['a'] }) };

describe('the AI SDK under test', () => {
  it('is the major version this run is for', () => {
    expect(SDK_MAJOR).toBe(Number(process.env['CHAOS_EXPECT_AI_SDK'] ?? 6));
    expect(SPEC).toBe(SDK_MAJOR === 7 ? 'v4' : 'v3');
  });
});

describe('bad options are TypeErrors naming the option', () => {
  it.each([
    [{ rateLimit: 1.5 }, 'Expected `rateLimit` to be a number in [0, 1], got `1.5`'],
    [{ rateLimit: { probability: -1 } }, 'Expected `rateLimit.probability` to be a number in [0, 1], got `-1`'],
    [{ rateLimit: { retryAfter: 5 } }, 'Unknown option `retryAfter` of `rateLimit` of chaosMiddleware: expected one of `probability`, `trigger`, `times`, `message`, `retryAfterMs`'],
    [{ rateLimit: { retryAfterMs: -5 } }, 'Expected `rateLimit.retryAfterMs` to be a finite number >= 0, got `-5`'],
    [{ serverError: { statusCode: 404 } }, 'Expected `serverError.statusCode` to be an integer in 500–599, got `404`'],
    [{ streamCut: { mode: 'explode' } }, 'Expected `streamCut.mode` to be one of "error", "drop", "hang", got `"explode"`'],
    [{ truncate: { keep: 1 } }, 'Expected `truncate.keep` to be a number in (0, 1), got `1`'],
    [{ hallucination: { strategy: 'lies' } }, 'Expected `hallucination.strategy` to be one of "number", "entity", "claim", "negate", "date", "drop", "duplicate", or a non-empty array of them, got `"lies"`'],
    [{ malformedToolCall: { damage: [] } }, 'Expected `malformedToolCall.damage` to be one of "invalidJson", "missingField", "unknownTool", or a non-empty array of them, got `[]`'],
    [{ rateLimit: { times: 2 } }, 'Expected `rateLimit.trigger` of chaosMiddleware with `rateLimit.times`, got `undefined`'],
    [{ rateLimit: { trigger: { on: 'call', call: 0 } } }, 'Expected `trigger.call` of fault plan rule #1 "model.rateLimit@trigger" (model.rateLimit@*) to be an integer >= 1, got `0`'],
    [{ ratelimit: 0.1 }, 'Unknown option `ratelimit` of chaosMiddleware'],
    [{ target: '' }, 'Expected `target` to be a non-empty string, got `""`'],
    [{ calls: 'all' }, 'Expected `calls` to be one of "generate", "stream", "both", got `"all"`'],
  ])('chaosMiddleware(%j)', (options, message) => {
    expect(() => chaosMiddleware(options as never)).toThrow(TypeError);
    expect(() => chaosMiddleware(options as never)).toThrow(message);
  });

  it('refuses a tool fault given to a model, saying where it belongs', () => {
    expect(() => chaosMiddleware({ mutate: 0.1 } as never)).toThrow(
      "`mutate` is not a fault chaosMiddleware can inject: it belongs to tools: use `chaosTool` / `chaosTools` (a model's wrong answer is `hallucination`)",
    );
    expect(() => chaosModel(fixedModel({ text: 'x' }), { empty: 0.1 } as never)).toThrow(/`empty` is not a fault chaosMiddleware can inject/);
  });

  it('refuses a stream fault when only generate calls get faults: it could never fire', () => {
    expect(() => chaosMiddleware({ calls: 'generate', slowTokens: 0.1 })).toThrow(
      '`slowTokens` only applies to streamed calls, but `calls` is "generate": it could never fire',
    );
    expect(() => chaosMiddleware({ calls: 'generate', slowFirstToken: 0.1, rateLimit: 0.1 })).not.toThrow();
  });

  it('refuses a model fault given to a tool, and a tool without execute', () => {
    expect(() => chaosTool(search, { target: 'search', rateLimit: 0.1 } as never)).toThrow(
      '`rateLimit` is not a fault chaosTool can inject: it belongs to models: use `chaosMiddleware` / `chaosModel`',
    );
    expect(() => chaosTool({ description: 'client side' } as ChaosToolLike, { target: 'ask', error: 0.1 })).toThrow(
      'Expected the tool of chaosTool (target "ask") to have an `execute` function, got `undefined`: a tool the client runs cannot fail here',
    );
    expect(() => chaosTool(search, { error: 0.1 } as never)).toThrow("Expected `target` of chaosTool to be the tool's name");
  });

  it('refuses per-tool options for a tool not in the set', () => {
    expect(() => chaosTools({ search }, { tools: { serch: { error: 1 } } as never })).toThrow('Unknown option `serch` of chaosTools (`tools` names tools of the set)');
  });

  it('refuses a model that is not one, or of an older specification', () => {
    expect(() => chaosModel('openai/gpt-4o' as never)).toThrow('Expected `model` to be a language model object (with doGenerate and doStream), got `"openai/gpt-4o"`');
    expect(() => chaosModel({ specificationVersion: 'v2', provider: 'p', modelId: 'm', doGenerate: async () => ({}), doStream: async () => ({}) })).toThrow(
      /specification "v3" \(AI SDK 6\) or "v4" \(AI SDK 7\), got `"v2"`/,
    );
  });

  it('checks retry options', () => {
    expect(() => retryMiddleware({ maxRetries: 1.5 })).toThrow('Expected `maxRetries` to be an integer >= 0, got `1.5`');
    expect(() => retryMiddleware({ signal: new AbortController().signal } as never)).toThrow('Unknown option `signal` of retryMiddleware');
    expect(() => retry(async () => 1, { backoffFactor: 0.5 })).toThrow('Expected `backoffFactor` to be a finite number >= 1, got `0.5`');
    expect(() => retry('fn' as never)).toThrow('Expected `fn` to be a function, got `"fn"`');
  });
});

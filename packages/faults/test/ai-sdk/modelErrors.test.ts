import { describe, expect, it } from 'vitest';
import { chaosModel } from '../../src/ai-sdk.js';
import { settledState, testScope } from '../helpers.js';
import { fixedModel } from './script.js';
import { APICallError, RetryError, generateText, streamText } from './sdk.js';

const answer = { text: 'The blue mug costs $19.99.' };

/** The error a `generateText` call through `options` rejects with, the SDK's retry off. */
async function errorOf(options: Parameters<typeof chaosModel>[1], maxRetries = 0) {
  const chaos = testScope();
  const base = fixedModel(answer);
  const model = chaosModel(base, options);
  const error = await chaos.run(() => generateText({ model, prompt: 'price?', maxRetries })).catch((caught: unknown) => caught);
  return { error, chaos, base };
}

describe('API error faults', () => {
  it("carries the middleware's tags on the fault event", async () => {
    const { chaos } = await errorOf({ rateLimit: 1, tags: { model: 'mock', prompt: 'v7' } });
    expect(chaos.events).toHaveLength(1);
    expect(chaos.events[0]).toMatchObject({ kind: 'fault', fault: 'model.rateLimit', tags: { model: 'mock', prompt: 'v7' } });
  });

  it.each([
    ['rateLimit', 429, true],
    ['serverError', 500, true],
    ['overloaded', 529, true],
    ['contextLength', 400, false],
    ['contentFilter', 400, false],
    ['authError', 401, false],
  ] as const)('%s rejects with a real APICallError %i, retryable: %s', async (fault, statusCode, isRetryable) => {
    const { error, chaos, base } = await errorOf({ [fault]: 1 });
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as InstanceType<typeof APICallError>;
    expect(apiError.statusCode).toBe(statusCode);
    expect(apiError.isRetryable).toBe(isRetryable);
    expect(apiError.url).toBe('https://chaos.invalid/mock-provider/mock-model-id');
    expect(JSON.parse(apiError.responseBody ?? '')).toEqual(apiError.data);
    expect((apiError.data as { error: { message: string } }).error.message).toBe(apiError.message);
    // The model was never called: the provider refused the request.
    expect(base.doGenerateCalls).toHaveLength(0);
    expect(chaos.faults()).toEqual([
      expect.objectContaining({
        kind: 'fault',
        fault: `model.${fault}`,
        target: 'mock-model-id',
        source: 'probability',
        details: expect.objectContaining({ call: 1, statusCode, isRetryable, seed: 'test-seed' }),
      }),
    ]);
  });

  it('sends retry-after-ms and retry-after with a rate limit, or neither with retryAfterMs null', async () => {
    const { error } = await errorOf({ rateLimit: { probability: 1, retryAfterMs: 2500 } });
    expect((error as InstanceType<typeof APICallError>).responseHeaders).toEqual({
      'content-type': 'application/json',
      'retry-after-ms': '2500',
      'retry-after': '3',
    });
    const none = await errorOf({ rateLimit: { probability: 1, retryAfterMs: null } });
    expect((none.error as InstanceType<typeof APICallError>).responseHeaders).toEqual({ 'content-type': 'application/json' });
  });

  it('takes a server error status and any message from the settings', async () => {
    const { error } = await errorOf({ serverError: { probability: 1, statusCode: 503, message: 'upstream down' } });
    expect(error).toMatchObject({ statusCode: 503, message: 'upstream down', isRetryable: true });
  });

  it('throws the first error in the documented order when several fire', async () => {
    const { error, chaos } = await errorOf({ serverError: 1, rateLimit: 1, authError: 1 });
    expect(error).toMatchObject({ statusCode: 401 });
    expect(chaos.faults().map((event) => event.fault)).toEqual(['model.authError']);
  });

  it('rejects a streamed call the same way, before any part', async () => {
    const chaos = testScope();
    const model = chaosModel(fixedModel(answer), { overloaded: 1 });
    const errors: unknown[] = [];
    await chaos.run(async () => {
      const result = streamText({ model, prompt: 'price?', maxRetries: 0, onError: ({ error }) => void errors.push(error) });
      await result.consumeStream();
    });
    expect(errors).toHaveLength(1);
    expect(APICallError.isInstance(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ statusCode: 529 });
  });
});

describe("the SDK's own retry", () => {
  it('retries a retryable injected error and succeeds on the next attempt', async () => {
    // retry-after-ms of 1 ms: the SDK's own wait is a real timer, kept tiny here.
    const { error, base } = await errorOf({ rateLimit: { trigger: { on: 'call', call: 1 }, retryAfterMs: 1 } }, 2);
    expect(error).toMatchObject({ text: answer.text });
    expect(base.doGenerateCalls).toHaveLength(1);
  });

  it('does not retry a non-retryable one: the APICallError itself reaches the caller', async () => {
    const { error, chaos } = await errorOf({ contextLength: 1 }, 2);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(RetryError.isInstance(error)).toBe(false);
    expect(chaos.faults()).toHaveLength(1);
  });

  it('gives up with a RetryError after maxRetries retryable failures', async () => {
    const { error, chaos } = await errorOf({ serverError: { probability: 1 }, rateLimit: { probability: 0 } }, 0);
    expect(APICallError.isInstance(error)).toBe(true);
    const retried = await errorOf({ rateLimit: { probability: 1, retryAfterMs: 1 } }, 2);
    expect(RetryError.isInstance(retried.error)).toBe(true);
    expect(retried.error).toMatchObject({ reason: 'maxRetriesExceeded' });
    expect(retried.chaos.faults().map((event) => event.details['call'])).toEqual([1, 2, 3]);
    expect(chaos.faults()).toHaveLength(1);
  });
});

describe('timeout', () => {
  it('hangs for timeoutSeconds on the scope clock, then fails as a connection that gave up', async () => {
    const chaos = testScope();
    const base = fixedModel(answer);
    const model = chaosModel(base, { timeout: { probability: 1, timeoutSeconds: 45 } });
    const error = await chaos.run(() => generateText({ model, prompt: 'price?', maxRetries: 0 })).catch((caught: unknown) => caught);
    expect(chaos.clock.now()).toBe(45_000);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: undefined, isRetryable: true, message: 'Cannot connect to API: Headers Timeout Error' });
    expect(base.doGenerateCalls).toHaveLength(0);
    expect(chaos.faults()[0]).toMatchObject({ fault: 'model.timeout', details: { timeoutSeconds: 45 } });
  });

  it('hangs a streamed call the same way, before any part', async () => {
    const chaos = testScope();
    const model = chaosModel(fixedModel(answer), { timeout: { probability: 1, timeoutSeconds: 10 } });
    const errors: unknown[] = [];
    const text = await chaos.run(async () => {
      const result = streamText({ model, prompt: 'price?', maxRetries: 0, onError: ({ error }) => void errors.push(error) });
      await result.consumeStream();
      return Promise.resolve(result.text).catch(() => '');
    });
    expect(text).toBe('');
    expect(chaos.clock.now()).toBe(10_000);
    expect(errors[0]).toMatchObject({ message: 'Cannot connect to API: Headers Timeout Error', isRetryable: true });
  });

  it('defaults to the config timeoutSeconds', async () => {
    const chaos = testScope({ config: { timeoutSeconds: 7 } });
    const model = chaosModel(fixedModel(answer), { timeout: 1 });
    await chaos.run(() => generateText({ model, prompt: 'price?', maxRetries: 0 })).catch(() => undefined);
    expect(chaos.clock.now()).toBe(7000);
  });

  it('ends as soon as the call is aborted, with the abort reason', async () => {
    const chaos = testScope();
    const model = chaosModel(fixedModel(answer), { timeout: 1 });
    const controller = new AbortController();
    const call = chaos.run(() => generateText({ model, prompt: 'price?', maxRetries: 0, abortSignal: controller.signal }));
    const state = settledState(call);
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.state).toBe('pending');
    const reason = new Error('user gave up');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(chaos.clock.now()).toBe(0);
    expect(chaos.clock.pendingTimers).toBe(0);
  });
});

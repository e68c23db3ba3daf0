import { describe, expect, it } from 'vitest';
import { chaosMiddleware, retry, retryMiddleware } from '../../src/ai-sdk.js';
import { testScope } from '../helpers.js';
import { fixedModel } from './script.js';
import { APICallError, RetryError, generateText, getErrorMessage, streamText, wrapLanguageModel } from './sdk.js';

const answer = { text: 'ok' };

function apiError(statusCode: number, headers?: Record<string, string>) {
  return new APICallError({
    message: `status ${statusCode}`,
    url: 'https://example.invalid',
    requestBodyValues: {},
    statusCode,
    ...(headers === undefined ? {} : { responseHeaders: headers }),
  });
}

/** A function that fails with `errors` in turn, then returns 'done'; and the times of its calls. */
function failing(chaos: ReturnType<typeof testScope>, errors: unknown[]) {
  const times: number[] = [];
  const fn = async () => {
    times.push(chaos.clock.now());
    const error = errors.shift();
    if (error !== undefined) throw error;
    return 'done';
  };
  return { fn, times };
}

describe('retry', () => {
  it("waits the SDK's backoff on the scope clock: 2 s, then 4 s", async () => {
    const chaos = testScope();
    const { fn, times } = failing(chaos, [apiError(500), apiError(503)]);
    expect(await chaos.run(() => retry(fn))).toBe('done');
    expect(times).toEqual([0, 2000, 6000]);
  });

  it('waits what retry-after-ms, else retry-after, asks for', async () => {
    const chaos = testScope();
    const { fn, times } = failing(chaos, [apiError(429, { 'retry-after-ms': '1500' }), apiError(429, { 'retry-after': '3' })]);
    await chaos.run(() => retry(fn));
    expect(times).toEqual([0, 1500, 4500]);
  });

  it('ignores a retry-after of a minute or more when the backoff is shorter', async () => {
    const chaos = testScope();
    const { fn, times } = failing(chaos, [apiError(429, { 'retry-after': '120' })]);
    await chaos.run(() => retry(fn));
    expect(times).toEqual([0, 2000]);
  });

  it('gives up after maxRetries with a RetryError holding every error', async () => {
    const chaos = testScope();
    const errors = [apiError(500), apiError(500), apiError(500)];
    const { fn } = failing(chaos, [...errors]);
    const error = await chaos.run(() => retry(fn)).catch((caught: unknown) => caught);
    expect(RetryError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'maxRetriesExceeded', errors, lastError: errors[2] });
    // The last error as the installed SDK words it (AI SDK 7 prefixes its name).
    expect((error as Error).message).toBe(`Failed after 3 attempts. Last error: ${getErrorMessage(errors[2])}`);
  });

  it('rethrows a non-retryable first error as it is, and wraps one after retries', async () => {
    const chaos = testScope();
    const first = apiError(400);
    expect(await chaos.run(() => retry(failing(chaos, [first]).fn)).catch((caught: unknown) => caught)).toBe(first);
    const later = await chaos.run(() => retry(failing(chaos, [apiError(500), apiError(401)]).fn)).catch((caught: unknown) => caught);
    expect(later).toMatchObject({ reason: 'errorNotRetryable' });
  });

  it('ends a wait with the abort reason', async () => {
    const chaos = testScope();
    const controller = new AbortController();
    const reason = new Error('stop');
    const { fn, times } = failing(chaos, [apiError(500)]);
    const result = chaos.run(() => {
      void chaos.clock.sleep(500).then(() => controller.abort(reason));
      return retry(fn, { signal: controller.signal });
    });
    await expect(result).rejects.toBe(reason);
    expect(times).toEqual([0]);
    expect(chaos.clock.now()).toBe(500);
  });

  it('follows maxRetries, initialDelayMs, backoffFactor and shouldRetry', async () => {
    const chaos = testScope();
    const { fn, times } = failing(chaos, [new Error('flaky'), new Error('flaky'), new Error('flaky')]);
    await chaos.run(() => retry(fn, { maxRetries: 3, initialDelayMs: 100, backoffFactor: 3, shouldRetry: (error) => (error as Error).message === 'flaky' }));
    expect(times).toEqual([0, 100, 400, 1300]);
  });
});

describe('retryMiddleware', () => {
  it('retries injected rate limits in virtual time, each attempt a new call of the model', async () => {
    const chaos = testScope();
    const base = fixedModel(answer);
    const model = wrapLanguageModel({
      model: base,
      middleware: [retryMiddleware(), chaosMiddleware({ rateLimit: { trigger: { on: 'call', call: 1 }, times: 2, retryAfterMs: 30_000 } })],
    });
    const result = await chaos.run(() => generateText({ model, prompt: 'q', maxRetries: 0 }));
    expect(result.text).toBe('ok');
    expect(chaos.clock.now()).toBe(60_000);
    expect(base.doGenerateCalls).toHaveLength(1);
    expect(chaos.faults().map((event) => event.details['call'])).toEqual([1, 2]);
  });

  it('retries the start of a stream the same way', async () => {
    const chaos = testScope();
    const model = wrapLanguageModel({ model: fixedModel(answer), middleware: [retryMiddleware(), chaosMiddleware({ overloaded: { trigger: { on: 'call', call: 1 } } })] });
    const text = await chaos.run(async () => {
      const result = streamText({ model, prompt: 'q', maxRetries: 0 });
      return result.text;
    });
    expect(text).toBe('ok');
    expect(chaos.clock.now()).toBe(2000);
  });
});

import { createChaosRuntime, createVirtualClock, runInChaosScope } from '@chaos/config';
import { ResilienceMetrics } from '@chaos/metrics';
import { describe, expect, it } from 'vitest';
import { chaosMiddleware, chaosTool, retryMiddleware } from '../../src/ai-sdk.js';
import { fixedModel } from './script.js';
import { generateText, streamText, wrapLanguageModel } from './sdk.js';

function detectingScope() {
  const metrics = new ResilienceMetrics();
  const clock = createVirtualClock();
  const runtime = createChaosRuntime({ config: { enabled: true }, clock, seed: 'ai', runId: 'run-ai', emit: metrics.sink, recoveries: metrics.detectRecoveries() });
  return { metrics, clock, runtime, run: <T>(fn: () => T): T => runInChaosScope(runtime, fn), recoveries: () => [...metrics.iterateRecoveries()] };
}

describe('automatic recovery detection with the AI SDK', () => {
  it("measures a 429 recovered by the SDK's retry: Δt = the retry-after the error asked for", async () => {
    const chaos = detectingScope();
    const model = wrapLanguageModel({
      model: fixedModel({ text: 'ok' }),
      middleware: [retryMiddleware(), chaosMiddleware({ target: 'writer', rateLimit: { trigger: { on: 'call', call: 1 }, retryAfterMs: 1_500 } })],
    });
    const result = await chaos.run(() => generateText({ model, prompt: 'q', maxRetries: 0 }));
    expect(result.text).toBe('ok');
    expect(chaos.recoveries()).toEqual([
      expect.objectContaining({ agentId: 'writer', faultType: 'model.rateLimit', faultAt: 0, detectedAt: 0, recoveredAt: 1_500, success: true, detection: 'automatic' }),
    ]);
  });

  it('closes a streamed call only when its stream finishes cleanly', async () => {
    const chaos = detectingScope();
    const model = wrapLanguageModel({
      model: fixedModel({ text: 'hello there' }),
      middleware: chaosMiddleware({ target: 'writer', serverError: { trigger: { on: 'call', call: 1 } } }),
    });
    await chaos.run(async () => {
      const first = streamText({ model, prompt: 'q', maxRetries: 0, onError: () => undefined });
      await first.consumeStream();
      await chaos.clock.sleep(2_000);
      const second = streamText({ model, prompt: 'q', maxRetries: 0 });
      expect(await second.text).toBe('hello there');
    });
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ faultType: 'model.serverError', faultAt: 0, recoveredAt: 2_000, success: true })]);
  });

  it('measures a tool error recovered by the next call of the tool', async () => {
    const chaos = detectingScope();
    const lookup = chaosTool({ execute: async (input: { sku: string }, _options: unknown) => ({ price: input.sku.length }) }, { target: 'lookup', error: { trigger: { on: 'call', call: 1 } } });
    await chaos.run(async () => {
      await expect(lookup.execute!({ sku: 'abc' }, {} as never)).rejects.toThrow();
      await chaos.clock.sleep(700);
      await expect(lookup.execute!({ sku: 'abc' }, {} as never)).resolves.toEqual({ price: 3 });
    });
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ agentId: 'lookup', faultType: 'tool.error', faultAt: 0, recoveredAt: 700, success: true })]);
  });
});

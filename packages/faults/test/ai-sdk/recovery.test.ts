import { createChaosRuntime, createVirtualClock, runInChaosScope } from '@chaos/config';
import { ResilienceMetrics } from '@chaos/metrics';
import { describe, expect, it } from 'vitest';
import { chaosModel } from '../../src/ai-sdk.js';
import { fixedModel } from './script.js';
import { APICallError, generateText } from './sdk.js';

describe('recovery from a model fault', () => {
  it('is measured by measureRecovery from the time the fault fired', async () => {
    const metrics = new ResilienceMetrics();
    const clock = createVirtualClock();
    const runtime = createChaosRuntime({ config: { enabled: true }, clock, seed: 'recovery', runId: 'run-1', emit: metrics.sink });
    const model = chaosModel(fixedModel({ text: 'ok' }), { rateLimit: { trigger: { on: 'call', call: 1 }, retryAfterMs: 2500 } });
    await runInChaosScope(runtime, async () => {
      await clock.sleep(1000);
      const failure = await generateText({ model, prompt: 'q', maxRetries: 0 }).catch((error: unknown) => error);
      expect(APICallError.isInstance(failure)).toBe(true);
      // The agent's own recovery: wait what the provider asked, then ask again.
      await metrics.measureRecovery('mock-model-id', 'run-1', 'model.rateLimit', async () => {
        const wait = Number((failure as InstanceType<typeof APICallError>).responseHeaders?.['retry-after-ms']);
        await clock.sleep(wait);
        return generateText({ model, prompt: 'q', maxRetries: 0 });
      });
    });
    const [record] = [...metrics.iterateRecoveries()];
    expect(record).toMatchObject({ agentId: 'mock-model-id', faultType: 'model.rateLimit', faultAt: 1000, recoveredAt: 3500, success: true });
    expect(metrics.getSummary().mttrAvg).toBe(2.5);
  });
});

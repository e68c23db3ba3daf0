import { createChaosRuntime, createVirtualClock, runInChaosScope } from '@chaos/config';
import { ResilienceMetrics } from '@chaos/metrics';
import { formatPrice, referenceCatalogue, type ScenarioResult } from '@chaos/scenarios';
import { describe, expect, it } from 'vitest';
import {
  BROKEN_HANDLING,
  CopyAgent,
  createDemoWorkflow,
  type DemoOutput,
  demoLlmScenarios,
  LLM_SCENARIO_NAMES,
  PricingAgent,
  TemplateModel,
} from '../src/index.js';

const scenarios = demoLlmScenarios();
const named = (name: string) => scenarios.find((s) => s.name === name)!;
const broken = () => createDemoWorkflow({ llmHandling: BROKEN_HANDLING });

function failed(result: ScenarioResult): string[] {
  return result.checks.filter((c) => !c.passed).map((c) => c.name);
}

function output(result: ScenarioResult): DemoOutput {
  return result.output as DemoOutput;
}

describe('the four LLM scenarios, on the copy agent that handles them', () => {
  it('are the ones the demo names, in order', () => {
    expect(scenarios.map((s) => s.name)).toEqual([...LLM_SCENARIO_NAMES]);
  });

  it.each(LLM_SCENARIO_NAMES.flatMap((name) => ['s1', 's2'].map((seed) => [name, seed])))('%s passes with seed %s, every fault recovered by the agent', async (name, seed) => {
    const result = await named(name).run({ seed });
    expect({ error: result.error, failed: failed(result) }).toEqual({ error: undefined, failed: [] });
    expect(result.recovered).toBe(true);
    expect(result.faults.length).toBeGreaterThan(0);
    for (const fault of result.faults) expect(fault.faultType).toMatch(/^(model|tool)\./);
    expect(output(result).restarts).toEqual([]);
  });

  it('LlmRateLimitStorm: four 429s waited out on the clock, 1.5 s apart, then the copy; MTTR-A from each 429 to faithful copy', async () => {
    const result = await named('LlmRateLimitStorm').run({ seed: 's1' });
    expect(result.faults.map((f) => [f.faultType, f.at])).toEqual([
      ['model.rateLimit', 3000],
      ['model.rateLimit', 4500],
      ['model.rateLimit', 6000],
      ['model.rateLimit', 7500],
    ]);
    expect(result.recoveries.map((r) => [r.agentId, r.tags?.['reflex'], r.success, r.faultAt, r.recoveredAt])).toEqual([
      ['model', 'retry', true, 3000, 9000],
      ['model', 'retry', true, 4500, 9000],
      ['model', 'retry', true, 6000, 9000],
      ['model', 'retry', true, 7500, 9000],
    ]);
    expect(result.mttrSeconds).toBe(3.75);
    expect(output(result).modelCalls).toBe(6);
  });

  it('StreamCutMidAnswer: the cut answer is resumed from the price lookup, in one more call', async () => {
    const result = await named('StreamCutMidAnswer').run({ seed: 's1' });
    expect(result.recoveries).toEqual([expect.objectContaining({ agentId: 'model', faultType: 'model.streamCut', success: true, tags: { reflex: 'resume' } })]);
    expect(output(result).modelCalls).toBe(3);
  });

  it('ToolTimeout: the hanging tool is abandoned at its 2 s deadline and the brief’s prices are used', async () => {
    const result = await named('ToolTimeout').run({ seed: 's1' });
    expect(result.recoveries).toEqual([
      expect.objectContaining({ agentId: 'lookupPrices', faultType: 'tool.timeout', success: true, tags: { reflex: 'fallback' }, faultAt: 3000, recoveredAt: 5000 }),
    ]);
    expect(output(result).modelCalls).toBe(2);
  });

  it('MalformedToolCall: the unparseable call is repaired by asking the model for it again', async () => {
    const result = await named('MalformedToolCall').run({ seed: 's1' });
    expect(result.events.find((e) => e.kind === 'fault')).toMatchObject({ fault: 'model.malformedToolCall', target: 'model' });
    expect(result.recoveries).toEqual([expect.objectContaining({ agentId: 'model', success: true, tags: { reflex: 'repair' } })]);
    expect(output(result).modelCalls).toBe(3);
  });
});

describe('the four LLM scenarios, against the broken LLM handling', () => {
  // The supervisor still gets the campaign out (its copy check and restarts are a safety
  // net), so what fails is how: a step failed on an LLM fault, at a cost.
  const expected: Readonly<Record<string, string[]>> = {
    LlmRateLimitStorm: ['LLM faults handled by the agent', 'retry-after honoured'],
    StreamCutMidAnswer: ['LLM faults handled by the agent', 'model calls within budget'],
    ToolTimeout: ['LLM faults handled by the agent', 'model calls within budget'],
    MalformedToolCall: ['LLM faults handled by the agent', 'model calls within budget'],
  };

  it.each(LLM_SCENARIO_NAMES.map((name) => [name]))('%s fails, naming the checks that caught it', async (name) => {
    const result = await named(name).run({ seed: 's1', workflowFactory: broken });
    expect(result.success).toBe(false);
    expect(result.inconclusive).toBe(false);
    expect(failed(result)).toEqual(expected[name]);
    expect(result.error).toContain('LLM faults handled by the agent: the supervisor had to step in');
    expect(result.taskCompleted).toBe(true);
  });

  it('LlmRateLimitStorm: retries at once, so the second 429 comes 0 ms after the first', async () => {
    const result = await named('LlmRateLimitStorm').run({ seed: 's1', workflowFactory: broken });
    expect(result.checks.find((c) => c.name === 'retry-after honoured')?.detail).toBe('rate limit 2 came 0 ms after rate limit 1, which asked for 1500 ms');
    expect(output(result).restarts).toEqual([expect.objectContaining({ agent: 'model', faultType: 'crash' })]);
  });

  it('ToolTimeout: with no deadline, the hung tool is seen only by the heartbeat monitor and the marketing agent restarted', async () => {
    const result = await named('ToolTimeout').run({ seed: 's1', workflowFactory: broken });
    expect(output(result).restarts).toEqual([expect.objectContaining({ agent: 'marketing', faultType: 'timeout' })]);
    expect(result.recovered).toBe(false);
  });
});

describe('determinism', () => {
  it.each([
    ['careful', undefined],
    ['broken', broken],
  ] as const)('the same seed gives the same result, %s handling', async (_, workflowFactory) => {
    for (const scenario of scenarios) {
      const options = { seed: 'again', ...(workflowFactory === undefined ? {} : { workflowFactory }) };
      const [first, second] = [await scenario.run(options), await scenario.run(options)];
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    }
  });
});

describe('the copy agent', () => {
  const products = referenceCatalogue().products.slice(0, 3);
  const prices = PricingAgent.campaignPrices(products);
  const prompt = ['Write one line of campaign copy per product.', ...products.map((p) => `- ${p.name} at ${formatPrice(prices.get(p.sku) ?? 0)}`)].join('\n');
  const livePrice = (name: string) => {
    const product = products.find((p) => p.name === name);
    return product === undefined ? undefined : formatPrice(prices.get(product.sku) ?? 0);
  };

  function scope() {
    const clock = createVirtualClock();
    const metrics = new ResilienceMetrics({ clock });
    const runtime = createChaosRuntime({ config: { enabled: true }, clock, seed: 'agent', runId: 'run-1', emit: metrics.sink });
    return { clock, metrics, runtime };
  }

  it('writes through the AI SDK, in two model calls and no simulated time, the copy the template stand-in writes', async () => {
    const { clock, metrics, runtime } = scope();
    const agent = new CopyAgent({ clock, metrics, runId: 'run-1', livePrice });
    expect(await runInChaosScope(runtime, () => agent.complete(prompt))).toBe(await new TemplateModel().complete(prompt));
    expect(agent.modelCalls).toBe(2);
    expect(clock.now()).toBe(0);
  });

  it('takes its prices from the price tool, not from the brief', async () => {
    const { clock, metrics, runtime } = scope();
    const agent = new CopyAgent({ clock, metrics, runId: 'run-1', livePrice: () => undefined });
    const copy = await runInChaosScope(runtime, () => agent.complete(prompt));
    expect(copy.split('\n').slice(1)).toEqual(products.map((p) => `★ ${p.name} at unknown`));
  });
});

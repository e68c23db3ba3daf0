import { agentReconstructor, getScenarios, type ScenarioResult } from '@chaos/scenarios';
import { describe, expect, it } from 'vitest';
import { createDemoWorkflow, demoSoakScenario, type LanguageModel, TemplateModel } from '../src/index.js';

const five = getScenarios().slice(0, 5);

function failed(result: ScenarioResult): string[] {
  return result.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.detail}`);
}

describe('the demo system under the five scenarios', () => {
  it.each(['s1', 's2', 's3'])('passes every scenario with seed %s', async (seed) => {
    for (const scenario of five) {
      const result = await scenario.run({ seed, workflowFactory: () => createDemoWorkflow() });
      expect({ scenario: scenario.name, error: result.error, failed: failed(result) }).toEqual({ scenario: scenario.name, error: undefined, failed: [] });
    }
  });

  it('fails ProductCrashMidUpload when its reconstructor loses the checkpoint and ignores the peers', async () => {
    const forgetful = { ...agentReconstructor, restoreProduct: async () => ({ state: { uploaded: [] }, usedPeerContext: false }) };
    const scenario = five.find((s) => s.name === 'ProductCrashMidUpload')!;
    const result = await scenario.run({ seed: 's1', workflowFactory: () => createDemoWorkflow({ reconstructor: forgetful }) });
    expect(result.success).toBe(false);
    expect(failed(result).join('\n')).toContain('no item duplicated');
  });

  it('detects a hung marketing agent by its silent heartbeat, before the deadline', async () => {
    const scenario = five.find((s) => s.name === 'MarketingTimeout')!;
    const result = await scenario.run({ seed: 's1', workflowFactory: () => createDemoWorkflow() });
    expect(result.detectSeconds).toBe(6);
    expect(result.recoveries[0]).toMatchObject({ agentId: 'marketing', usedPeerContext: true, reconstructionAccuracy: 1 });
  });
});

describe('the demo system’s language model', () => {
  it('is any LanguageModel: copy that misstates a price is caught as a hallucination of the model, and the model asked again', async () => {
    const template = new TemplateModel();
    let calls = 0;
    const mispricesOnce: LanguageModel = {
      name: 'misprices-once',
      async complete(prompt) {
        calls += 1;
        const copy = await template.complete(prompt);
        return calls === 1 ? copy.replace(/\$\d+\.\d\d/, '$0.99') : copy;
      },
    };
    const calm = demoSoakScenario({ crashProbability: 0, delayProbability: 0, timeoutProbability: 0, hallucinationProbability: 0, corruptionProbability: 0 });
    const result = await calm.run({ seed: 'model', workflowFactory: () => createDemoWorkflow({ model: mispricesOnce }) });
    expect(result.success).toBe(true);
    expect(calls).toBe(2);
    expect(result.faults).toEqual([expect.objectContaining({ agentId: 'model', faultType: 'hallucination', error: expect.stringMatching(/^model: hallucination \(campaign copy does not match the handoff: line 1 should name/) })]);
    expect(result.recoveries).toEqual([expect.objectContaining({ agentId: 'model', success: true, tags: { reflex: 'ask-again' } })]);
  });
});

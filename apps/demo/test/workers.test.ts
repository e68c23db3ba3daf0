/**
 * The worker modules `pnpm demo` loads (and `chaos replay --module` replays from): each
 * exports the scenarios its table lists beyond the built-in ones, and the system its
 * flag names.
 */
import { describe, expect, it } from 'vitest';
import * as brokenLlmWorker from '../src/brokenLlmWorker.js';
import * as brokenWorker from '../src/brokenWorker.js';
import { LLM_SCENARIO_NAMES } from '../src/index.js';
import * as worker from '../src/worker.js';

describe('the demo’s worker modules', () => {
  it.each([
    ['worker', worker],
    ['brokenWorker', brokenWorker],
    ['brokenLlmWorker', brokenLlmWorker],
  ] as const)('%s exports the soak and the four LLM scenarios', (_, module) => {
    expect(module.demoSoak.name).toBe('DemoSoak');
    expect(module.llmScenarios.map((s) => s.name)).toEqual([...LLM_SCENARIO_NAMES]);
  });

  it('the LLM scenarios pass on the worker’s system and fail on the broken LLM worker’s', async () => {
    const storm = worker.llmScenarios[0]!;
    const good = await storm.run({ seed: 'w', workflowFactory: worker.workflowFactory });
    const bad = await storm.run({ seed: 'w', workflowFactory: brokenLlmWorker.workflowFactory });
    expect([good.success, bad.success]).toEqual([true, false]);
    expect(bad.checks.filter((c) => !c.passed).map((c) => c.name)).toContain('retry-after honoured');
  });
});

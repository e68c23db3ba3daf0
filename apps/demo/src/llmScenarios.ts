/**
 * Four scenarios at the level where an agent meets its model and its tools: the copy
 * agent (an AI SDK agent, `llm/CopyAgent.ts`) under faults from `@chaos/faults/ai-sdk`
 * aimed by fault plans. Each passes when the agent handles the fault where it strikes
 * (retry with back-off, resume, fallback, repair) and fails against the broken
 * handling of `pnpm demo --broken-llm-handling`.
 */
import { type FaultRule, isFaultEvent } from '@chaos/config';
import {
  campaignProduced,
  defineScenario,
  noItemDuplicated,
  noItemLost,
  referenceCatalogue,
  type ReferenceState,
  type Scenario,
  type SteadyStateCheck,
  taskCompleted,
} from '@chaos/scenarios';
import { createDemoWorkflow, type DemoOutput } from './createDemoWorkflow.js';
import { AGENT_REFLEXES, isLlmFault } from './llm/AgentRecoveries.js';
import { MODEL_ID, PRICE_TOOL } from './llm/scriptedLlm.js';
import { campaignFaithful } from './scenarios.js';

type LlmCheck = SteadyStateCheck<ReferenceState, DemoOutput>;

/** The reflexes the copy agent tags its own recoveries with, to look a recovery's tag up. */
const AGENT_REFLEX_TAGS: ReadonlySet<string> = new Set(AGENT_REFLEXES);

/**
 * Every LLM fault of the run was recovered by the copy agent's own reflex, and no
 * supervised step failed: the fault was handled where it struck, not by restarting an
 * agent or asking it again from scratch.
 */
export const llmFaultsHandledByAgent: LlmCheck = {
  name: 'LLM faults handled by the agent',
  description: 'each model and tool fault recovered by the copy agent itself (retry, resume, fallback, repair), no supervised restart',
  check({ outcome, faults, recoveries }) {
    const llm = faults.filter((f) => isLlmFault(f.faultType));
    const restarts = outcome?.output.restarts ?? [];
    if (restarts.length > 0) {
      const which = restarts.map((r) => `${r.agent} (${r.faultType})`).join(', ');
      return { passed: false, detail: `the supervisor had to step in ${restarts.length} time(s): ${which}` };
    }
    const own = recoveries.filter((r) => r.success && AGENT_REFLEX_TAGS.has(r.tags?.['reflex'] ?? ''));
    const missed = llm.filter((f) => !own.some((r) => r.agentId === f.agentId && r.faultType === f.faultType && r.faultAt === f.at));
    if (missed.length > 0) {
      return { passed: false, detail: `${missed.length} of ${llm.length} LLM faults not recovered by the agent: ${missed.map((f) => f.faultType).join(', ')}` };
    }
    const reflexes = [...new Set(own.map((r) => r.tags?.['reflex']))].join(', ');
    return { passed: true, detail: llm.length === 0 ? 'no LLM fault struck' : `${llm.length} LLM fault(s) recovered by the agent (${reflexes}), no restart` };
  },
};

/** The copy took at most `budget` model calls, retries and re-asks included: what the faults cost is bounded. */
export function modelCallsWithin(budget: number): LlmCheck {
  return {
    name: 'model calls within budget',
    description: `the campaign copy took at most ${budget} model calls`,
    check({ outcome }) {
      const calls = outcome?.output.modelCalls;
      if (calls === undefined) return { passed: false, detail: 'the run reported no model calls' };
      return { passed: calls <= budget, detail: `${calls} model calls (budget ${budget})` };
    },
  };
}

/** No model call came sooner after a rate limit than the provider's `retry-after` asked. */
export const retryAfterHonoured: LlmCheck = {
  name: 'retry-after honoured',
  description: 'each call after a 429 waited at least the retry-after the provider sent',
  check({ events }) {
    const limits = events.flatMap((e) => (isFaultEvent(e) && e.fault === 'model.rateLimit' ? [{ at: e.at, wait: Number(e.details['retryAfterMs'] ?? 0) }] : []));
    for (let i = 1; i < limits.length; i++) {
      const [before, after] = [limits[i - 1]!, limits[i]!];
      if (after.at - before.at < before.wait) {
        return { passed: false, detail: `rate limit ${i + 1} came ${after.at - before.at} ms after rate limit ${i}, which asked for ${before.wait} ms` };
      }
    }
    return { passed: true, detail: `${limits.length} rate limits, each waited out` };
  },
};

/** What any LLM scenario must keep: the shop's own steady state, and the agent handling its faults. */
const COMMON: readonly LlmCheck[] = [noItemLost, noItemDuplicated, campaignProduced, campaignFaithful, taskCompleted, llmFaultsHandledByAgent];

function llmScenario(name: string, description: string, plan: FaultRule[], checks: LlmCheck[]): Scenario<ReferenceState, DemoOutput> {
  return defineScenario<ReferenceState, DemoOutput>({
    name,
    description,
    plan,
    workflowFactory: () => createDemoWorkflow(),
    initialState: referenceCatalogue(),
    checks: [...COMMON, ...checks],
  });
}

/** The rate limits of `LlmRateLimitStorm`: the first calls refused, each asking for a wait. */
export const STORM = { calls: 4, retryAfterMs: 1_500 } as const;

/** The four LLM scenarios, against the demo system. */
export function demoLlmScenarios(): Scenario<ReferenceState, DemoOutput>[] {
  return [
    llmScenario(
      'LlmRateLimitStorm',
      `The model answers its first ${STORM.calls} calls with 429 (retry-after ${STORM.retryAfterMs} ms); the agent must wait them out and write the copy.`,
      [{ fault: 'model.rateLimit', target: MODEL_ID, trigger: { on: 'call', call: 1 }, times: STORM.calls, options: { retryAfterMs: STORM.retryAfterMs } }],
      [retryAfterHonoured, modelCallsWithin(STORM.calls + 2)],
    ),
    llmScenario(
      'StreamCutMidAnswer',
      'The stream of the copy is cut after a few words; the agent must resume it, keeping the price lookup it already made.',
      [{ fault: 'model.streamCut', target: MODEL_ID, trigger: { on: 'call', call: 2 }, options: { mode: 'error', afterChunks: 4 } }],
      [modelCallsWithin(3)],
    ),
    llmScenario(
      'ToolTimeout',
      `The ${PRICE_TOOL} tool hangs for 30 s; the agent must stop waiting at its deadline and write from the brief's prices.`,
      [{ fault: 'tool.timeout', target: PRICE_TOOL, trigger: { on: 'call', call: 1 }, options: { timeoutSeconds: 30 } }],
      [modelCallsWithin(2)],
    ),
    llmScenario(
      'MalformedToolCall',
      `The model's first call of ${PRICE_TOOL} has arguments that are not JSON; the agent must repair the call and go on.`,
      [{ fault: 'model.malformedToolCall', target: MODEL_ID, trigger: { on: 'call', call: 1 }, options: { damage: 'invalidJson' } }],
      [modelCallsWithin(3)],
    ),
  ];
}

/** The names of the LLM scenarios, in the order the demo runs them. */
export const LLM_SCENARIO_NAMES = ['LlmRateLimitStorm', 'StreamCutMidAnswer', 'ToolTimeout', 'MalformedToolCall'] as const;


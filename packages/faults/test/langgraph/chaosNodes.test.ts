import { type FaultRule, createChaosRuntime, createVirtualClock, currentChaos, runInChaosScope } from '@chaos/config';
import { ResilienceMetrics } from '@chaos/metrics';
import { Annotation, END, MemorySaver, START, StateGraph, isNodeTimeoutError } from '@langchain/langgraph';
import { describe, expect, it } from 'vitest';
import { chaosNode, chaosNodes } from '../../src/langgraph.js';
import { MessageCorruptionError } from '../../src/index.js';

const State = Annotation.Root({
  items: Annotation<string[]>(),
  uploaded: Annotation<number>(),
  handoff: Annotation<{ items: string[]; count: number } | undefined>(),
  campaign: Annotation<string | undefined>(),
});
type GraphState = typeof State.State;

/** Node retries without real waiting: LangGraph's back-off runs on real timers. */
const quickRetry = { maxAttempts: 3, initialInterval: 1, jitter: false, logWarning: false };

/** A two-agent graph: product uploads (1 s) and hands off; marketing validates the handoff and writes (2 s). */
function buildGraph(options: { retry?: boolean; marketingTimeoutMs?: number } = {}) {
  const calls = { product: 0, marketing: 0 };
  const product = async (state: GraphState) => {
    calls.product += 1;
    await currentChaos().clock.sleep(1_000);
    return { uploaded: state.items.length, handoff: { items: state.items, count: state.items.length } };
  };
  const marketing = async (state: GraphState) => {
    calls.marketing += 1;
    const handoff = state.handoff;
    if (!Array.isArray(handoff?.items) || handoff.items.length !== handoff.count) {
      throw new MessageCorruptionError({ target: 'marketing', fields: ['items'], message: 'handoff failed validation' });
    }
    await currentChaos().clock.sleep(2_000);
    return { campaign: `campaign for ${handoff.items.join(', ')}` };
  };
  const builder = new StateGraph(State)
    .addNode('product', product, options.retry === true ? { retryPolicy: quickRetry } : {})
    .addNode('marketing', marketing, {
      ...(options.retry === true ? { retryPolicy: quickRetry } : {}),
      ...(options.marketingTimeoutMs === undefined ? {} : { timeout: options.marketingTimeoutMs }),
    })
    .addEdge(START, 'product')
    .addEdge('product', 'marketing')
    .addEdge('marketing', END);
  return { builder: chaosNodes(builder), calls };
}

function detectingRun(plan: readonly FaultRule[]) {
  const metrics = new ResilienceMetrics();
  const clock = createVirtualClock();
  const runtime = createChaosRuntime({ config: { enabled: true }, clock, seed: 'graph', runId: 'run-1', plan, emit: metrics.sink, recoveries: metrics.detectRecoveries() });
  return { metrics, clock, runtime, run: <T>(fn: () => T): T => runInChaosScope(runtime, fn), recoveries: () => [...metrics.iterateRecoveries()] };
}

const input = { items: ['lamp', 'desk'], uploaded: 0, handoff: undefined, campaign: undefined };
const config = { configurable: { thread_id: 'thread-7' } };

describe('@chaos/faults/langgraph', () => {
  it("measures a crash recovered by the node's retryPolicy: Δt = the retried attempt's 2 s of virtual work", async () => {
    const chaos = detectingRun([{ fault: 'crash', target: 'marketing', trigger: { on: 'call', call: 1 } }]);
    const { builder, calls } = buildGraph({ retry: true });
    const result = await chaos.run(() => builder.compile().invoke(input, config));
    expect(result.campaign).toBe('campaign for lamp, desk');
    expect(calls).toEqual({ product: 1, marketing: 1 }); // the crashed attempt never ran the step
    expect(chaos.recoveries()).toEqual([
      expect.objectContaining({ agentId: 'marketing', threadId: 'thread-7', runId: 'run-1', faultType: 'crash', faultAt: 1_000, detectedAt: 1_000, recoveredAt: 3_000, success: true, detection: 'automatic' }),
    ]);
    expect(chaos.metrics.getSummary().mttrAvg).toBe(2);
  });

  it('measures a crash resumed from the checkpoint without re-running the finished node: Δt 2.5 s', async () => {
    const chaos = detectingRun([{ fault: 'crash', target: 'marketing', trigger: { on: 'call', call: 1 } }]);
    const { builder, calls } = buildGraph();
    const graph = builder.compile({ checkpointer: new MemorySaver() });
    const result = await chaos.run(async () => {
      await expect(graph.invoke(input, { ...config, durability: 'sync' })).rejects.toThrow(/crash/i);
      await chaos.clock.sleep(500); // the operator restarts the graph
      return graph.invoke(null, { ...config, durability: 'sync' });
    });
    expect(result.campaign).toBe('campaign for lamp, desk');
    expect(calls).toEqual({ product: 1, marketing: 1 });
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ agentId: 'marketing', threadId: 'thread-7', faultAt: 1_000, recoveredAt: 3_500, success: true })]);
    expect(chaos.metrics.getSummary().mttrAvg).toBe(2.5);
  });

  it("abandons an injected hang at the node's timeout on the virtual clock, and measures the retry", async () => {
    const chaos = detectingRun([{ fault: 'timeout', target: 'marketing', trigger: { on: 'call', call: 1 }, options: { timeoutSeconds: 30 } }]);
    const { builder } = buildGraph({ retry: true, marketingTimeoutMs: 5_000 });
    const wall = performance.now();
    const result = await chaos.run(() => builder.compile().invoke(input, config));
    expect(performance.now() - wall).toBeLessThan(5_000);
    expect(result.campaign).toBe('campaign for lamp, desk');
    // Hang from 1 s, abandoned at 6 s; the retry works 6 s .. 8 s.
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ faultType: 'timeout', faultAt: 1_000, detectedAt: 6_000, recoveredAt: 8_000, success: true })]);
  });

  it('measures a corrupted handoff caught by validation and re-delivered by the retry', async () => {
    const chaos = detectingRun([{ fault: 'corruption', target: 'marketing', trigger: { on: 'call', call: 1 }, options: { fields: ['handoff.items'] } }]);
    const { builder, calls } = buildGraph({ retry: true });
    const result = await chaos.run(() => builder.compile().invoke(input, config));
    expect(result.campaign).toBe('campaign for lamp, desk');
    expect(calls.marketing).toBe(2);
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ faultType: 'corruption', faultAt: 1_000, detectedAt: 1_000, recoveredAt: 3_000, success: true })]);
  });

  it('records a failed recovery when the graph gives up before the run ends', async () => {
    const chaos = detectingRun([{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 1 }, times: 3 }]);
    const { builder } = buildGraph({ retry: true });
    await chaos.run(() => expect(builder.compile().invoke(input, config)).rejects.toThrow());
    expect(chaos.metrics.endRun(chaos.runtime)).toBe(3);
    expect(chaos.metrics.getSummary()).toMatchObject({ totalRecoveries: 3, failedRecoveries: 3 });
  });

  it('fires faults from options, and calls through when chaos is disabled', async () => {
    const { builder, calls } = buildGraph();
    const off = createChaosRuntime({ config: { enabled: false }, emit: () => undefined });
    const graph = chaosNodes(new StateGraph(State).addNode('only', async () => ({ uploaded: 1 })).addEdge(START, 'only').addEdge('only', END), { only: { crash: 1 } }).compile();
    await expect(runInChaosScope(createChaosRuntime({ config: { enabled: true }, emit: () => undefined }), () => graph.invoke(input))).rejects.toThrow(/crash/i);
    expect(await runInChaosScope(off, () => graph.invoke(input))).toMatchObject({ uploaded: 1 });
    expect(calls.product).toBe(0);
    void builder;
  });

  it('refuses unknown nodes and bad options, naming them', () => {
    const builder = new StateGraph(State).addNode('product', async () => ({})).addEdge(START, 'product');
    expect(() => chaosNodes(builder, { prodct: { crash: 0.1 } })).toThrow(/`"prodct"` \(nodes: "product"\)/);
    expect(() => chaosNodes(builder, { product: { crash: 2 } })).toThrow(/`crash` of node "product" to be a number in \[0, 1\], got `2`/);
    expect(() => chaosNode('x', 42 as never)).toThrow(/node "x" to be a function/);
    expect(isNodeTimeoutError(new Error('x'))).toBe(false);
  });
});

describe('@chaos/faults/langgraph threads', () => {
  it('keeps two threads of one run apart: a success in one never closes a fault of the other', async () => {
    const chaos = detectingRun([{ fault: 'crash', target: 'marketing', trigger: { on: 'call', call: 1 } }]);
    const { builder } = buildGraph();
    const graph = builder.compile({ checkpointer: new MemorySaver() });
    const a = { configurable: { thread_id: 'a' }, durability: 'sync' as const };
    const b = { configurable: { thread_id: 'b' }, durability: 'sync' as const };
    await chaos.run(async () => {
      await expect(graph.invoke(input, a)).rejects.toThrow(/crash/i); // marketing crashes in thread a at 1 s
      await graph.invoke(input, b); // thread b runs clean: 1 s .. 4 s
      expect(chaos.recoveries()).toEqual([]);
      await graph.invoke(null, a); // thread a resumes: marketing 4 s .. 6 s
    });
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ threadId: 'a', agentId: 'marketing', faultAt: 1_000, recoveredAt: 6_000 })]);
    expect([...chaos.metrics.iterateFaults()]).toEqual([expect.objectContaining({ threadId: 'a', agentId: 'marketing' })]);
  });

  it('wraps a node function for addNode with chaosNode, its run timeout on the virtual clock', async () => {
    const chaos = detectingRun([{ fault: 'timeout', target: 'solo', trigger: { on: 'call', call: 1 }, options: { timeoutSeconds: 30 } }]);
    const solo = chaosNode('solo', async () => ({ uploaded: 7 }), { runTimeoutMs: 2_000 });
    const graph = new StateGraph(State).addNode('solo', solo, { retryPolicy: quickRetry }).addEdge(START, 'solo').addEdge('solo', END).compile();
    const result = await chaos.run(() => graph.invoke(input, config));
    expect(result.uploaded).toBe(7);
    expect(chaos.clock.now()).toBe(2_000);
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ agentId: 'solo', faultType: 'timeout', faultAt: 0, detectedAt: 2_000, recoveredAt: 2_000 })]);
  });
});

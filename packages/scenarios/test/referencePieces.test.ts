/**
 * The pieces of the reference system, each on its own, inside a scenario run (which
 * gives them a chaos scope, a virtual clock and metrics): what another system built on
 * them — the demo — relies on.
 */
import type { FaultRule } from '@chaos/config';
import { AgentCrashError } from '@chaos/faults';
import { describe, expect, it } from 'vitest';
import {
  CatalogueService,
  deadlineDetector,
  defineScenario,
  MessageBus,
  ProductAgent,
  referenceCatalogue,
  type ScenarioResult,
  type SteadyStateCheck,
  type StepFailure,
  Supervisor,
  type WorkflowContext,
} from '../src/index.js';

const ran: SteadyStateCheck = { name: 'ran', check: () => ({ passed: true, detail: '' }) };

/** Runs `body` as the workflow of a one-off scenario with `plan`; its output and the run's result. */
async function inRun<T>(plan: readonly FaultRule[], body: (context: WorkflowContext) => Promise<T>): Promise<{ output: T; result: ScenarioResult }> {
  let output: T | undefined;
  const scenario = defineScenario({
    name: 'Pieces',
    description: 'one piece of the reference system',
    plan,
    checks: [ran],
    workflowFactory: () => ({
      async run(context) {
        output = await body(context);
        return { taskCompleted: true, output: undefined };
      },
    }),
    initialState: undefined,
  });
  const result = await scenario.run({ seed: 'pieces' });
  return { output: output as T, result };
}

describe('MessageBus', () => {
  it('keeps each agent’s traffic as peer context, the latest `historyLimit` messages per query', async () => {
    const { output } = await inRun([], async ({ clock }) => {
      const bus = new MessageBus(clock, { historyLimit: 2 });
      for (const sku of ['A', 'B', 'C']) bus.deliver('product', 'marketing', 'uploaded', { sku });
      bus.deliver('pricing', 'marketing', 'uploaded', { sku: 'P' });
      return { fromProduct: bus.inbox('marketing', { type: 'uploaded', from: 'product' }), sent: bus.outbox('product') };
    });
    expect(output.fromProduct.map((e) => e.payload)).toEqual([{ sku: 'B' }, { sku: 'C' }]);
    expect(output.sent.map((e) => e.payload)).toEqual([{ sku: 'B' }, { sku: 'C' }]);
  });

  it('refuses a sealed message damaged on the wire, and delivers it intact when re-sent', async () => {
    const { output, result } = await inRun([{ fault: 'corruption', target: 'bus', trigger: { on: 'call', call: 1 } }], async ({ clock }) => {
      const bus = new MessageBus(clock);
      const first = bus.send('product', 'pricing', 'uploaded', { sku: 'A' });
      const second = bus.send('product', 'pricing', 'uploaded', { sku: 'A' });
      return { first, second, inbox: bus.inbox('pricing'), rejections: bus.rejections.length };
    });
    expect(result.faults.map((f) => [f.agentId, f.faultType])).toEqual([['bus', 'corruption']]);
    expect('rejected' in output.first && output.first.rejected.problems.length).toBeGreaterThan(0);
    expect('delivered' in output.second && output.second.delivered.payload).toEqual({ sku: 'A' });
    expect(output.inbox).toHaveLength(1);
    expect(output.rejections).toBe(1);
  });
});

describe('Supervisor', () => {
  it('blames the agent an injected crash names, and measures the recovery from the recorded fault', async () => {
    const { result } = await inRun([], async ({ clock, metrics, runId }) => {
      const supervisor = new Supervisor(clock, metrics, runId, { detector: deadlineDetector(clock, 1_000) });
      const failure = await supervisor
        .watch('marketing', async () => {
          await clock.sleep(100);
          throw new AgentCrashError({ target: 'pricing' });
        })
        .catch((error: unknown) => error as StepFailure);
      await supervisor.recover(failure, () => clock.sleep(50), { reflex: 'ask-again' });
    });
    expect(result.recoveries).toEqual([
      expect.objectContaining({ agentId: 'pricing', faultType: 'crash', faultAt: 100, recoveredAt: 150, tags: { reflex: 'ask-again' } }),
    ]);
  });

  it('calls a step past its deadline hung, from the step’s start, in the words it is given for what no fault explains', async () => {
    const { result } = await inRun([], async ({ clock, metrics, runId }) => {
      const supervisor = new Supervisor(clock, metrics, runId, {
        detector: deadlineDetector(clock, 1_000),
        describeUnexplained: (failure) => `${failure.agentId} went quiet`,
      });
      await clock.sleep(200);
      const failure = (await supervisor.watch('product', () => clock.sleep(5_000)).catch((error: unknown) => error)) as StepFailure;
      expect(failure).toMatchObject({ name: 'StepFailure', agentId: 'product', faultType: 'timeout', stepStartedAt: 200, detectedAt: 1_200 });
      await supervisor.recover(failure, () => clock.sleep(10));
    });
    expect(result.faults).toEqual([expect.objectContaining({ agentId: 'product', faultType: 'timeout', at: 200, error: 'product went quiet' })]);
  });

  it('names failures it cannot know by itself through `classify`', async () => {
    class MadeUp extends Error {}
    const { output } = await inRun([], async ({ clock, metrics, runId }) => {
      const supervisor = new Supervisor(clock, metrics, runId, {
        detector: deadlineDetector(clock, 1_000),
        classify: (error) => (error instanceof MadeUp ? { agentId: 'model', faultType: 'hallucination' } : undefined),
      });
      return supervisor.watch('marketing', async () => Promise.reject(new MadeUp('wrong price'))).catch((error: unknown) => error);
    });
    expect(output).toMatchObject({ agentId: 'model', faultType: 'hallucination' });
  });
});

describe('ProductAgent', () => {
  it('uploads in batches, checkpoints after each, and with crashes per upload fails between two uploads of a batch', async () => {
    const { output } = await inRun([{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 3 } }], async ({ clock }) => {
      const catalogue = new CatalogueService();
      const told: string[] = [];
      const product = new ProductAgent({
        products: referenceCatalogue(5).products,
        catalogue,
        clock,
        uploadMs: 100,
        batchSize: 2,
        checkpointEvery: 'batch',
        crashes: 'upload',
        announce: (sku) => {
          told.push(sku);
        },
      });
      const control = { signal: new AbortController().signal };
      const first = await product.uploadNext(control);
      const crash = await product.uploadNext(control).catch((error: unknown) => error);
      return { first, crash, uploads: catalogue.uploads, told, checkpoint: product.checkpoint, snapshot: product.snapshot };
    });
    expect(output.first).toBe(2);
    expect(output.crash).toBeInstanceOf(AgentCrashError);
    // The third upload crashed before it began: the batch got nowhere, the checkpoint is the first batch's.
    expect(output.uploads).toEqual(['SKU-0001', 'SKU-0002']);
    expect(output.told).toEqual(['SKU-0001', 'SKU-0002']);
    expect(output.checkpoint).toEqual({ uploaded: ['SKU-0001', 'SKU-0002'], takenAt: 200 });
    expect(output.snapshot).toEqual({ uploaded: ['SKU-0001', 'SKU-0002'] });
  });
});

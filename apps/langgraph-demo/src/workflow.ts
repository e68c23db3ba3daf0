import type { Workflow, WorkflowContext, WorkflowOutcome } from '@chaos/scenarios';
import { MemorySaver } from '@langchain/langgraph';
import { type NodeRuns, type Product, type ShopStateValue, buildShopGraph } from './graph.js';

/** What a run of the shop graph reports to its steady-state checks. */
export interface ShopOutput {
  readonly uploaded: readonly string[];
  readonly campaign: string | undefined;
  /** Node attempts that ran their step to the end: a resumed run re-runs no finished node. */
  readonly nodeRuns: NodeRuns;
  /** Times the graph was resumed from its checkpoint after it stopped. */
  readonly resumes: number;
}

/** How long the operator takes to restart a stopped graph, ms on the run's clock. */
export const RESTART_MS = 2_000;
/** Resumes before the run gives up. */
const MAX_RESUMES = 3;

/** The catalogue every run uploads. */
export const CATALOGUE: readonly Product[] = [
  { sku: 'lamp-01', name: 'Desk lamp', price: 39 },
  { sku: 'desk-02', name: 'Oak desk', price: 249 },
  { sku: 'chair-03', name: 'Task chair', price: 129 },
];

/**
 * The shop graph as a scenario workflow: invoked on the run's thread (`thread_id` =
 * run id) with a `MemorySaver` checkpointer and `durability: 'sync'`, so a step that
 * finished is saved before the next starts. When the graph stops (a crash is not
 * retried in place), the operator restarts it after {@link RESTART_MS} and resumes it
 * from its checkpoint with `invoke(null, config)`. No recovery is measured here: the
 * scenario detects them automatically.
 */
export function createShopWorkflow(): Workflow<readonly Product[], ShopOutput> {
  return {
    async run(context: WorkflowContext<readonly Product[]>): Promise<WorkflowOutcome<ShopOutput>> {
      const nodeRuns: NodeRuns = { product: 0, pricing: 0, marketing: 0 };
      const graph = buildShopGraph(nodeRuns).compile({ checkpointer: new MemorySaver() });
      const config = { configurable: { thread_id: context.runId }, durability: 'sync' as const, signal: context.signal };
      let input: Partial<ShopStateValue> | null = { catalogue: context.initialState, uploaded: [], prices: {}, handoff: undefined, campaign: undefined };
      let resumes = 0;
      let state: ShopStateValue | undefined;
      for (;;) {
        try {
          state = (await graph.invoke(input, config)) as ShopStateValue;
          break;
        } catch (error: unknown) {
          if (resumes === MAX_RESUMES || context.signal.aborted) throw error;
          resumes += 1;
          await context.clock.sleep(RESTART_MS, context.signal);
          input = null; // resume from the last checkpoint
        }
      }
      return {
        taskCompleted: state.campaign !== undefined && state.uploaded.length === context.initialState.length,
        output: { uploaded: [...state.uploaded], campaign: state.campaign, nodeRuns: { ...nodeRuns }, resumes },
      };
    },
  };
}

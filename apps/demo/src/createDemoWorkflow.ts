import { isToolFaultError } from '@chaos/faults/ai-sdk';
import { errorMessage } from '@chaos/format';
import { APICallError, NoOutputGeneratedError, RetryError } from 'ai';
import {
  agentReconstructor,
  CatalogueService,
  formatPrice,
  type HandoffMessage,
  type HandoffTransit,
  MarketingAgent,
  MessageBus,
  type Product,
  ProductAgent,
  type Reconstructor,
  type ReferenceOutput,
  type ReferenceState,
  ShopRun,
  type StepFailure,
  Supervisor,
  type SupervisorOptions,
  validateHandoff,
  type Workflow,
  type WorkflowContext,
  type WorkflowOutcome,
} from '@chaos/scenarios';
import { CopyMismatchError, ModelCopywriter } from './copywriter.js';
import { type HeartbeatPolicy, Heartbeats, heartbeatDetector } from './heartbeats.js';
import { CAREFUL_HANDLING, CopyAgent, type LlmHandling } from './llm/CopyAgent.js';
import type { LanguageModel } from './model.js';
import { PricingAgent } from './PricingAgent.js';

/** Knobs of the demo system. Times in ms on the run's clock. */
export interface DemoOptions {
  /** Products uploaded per supervised step. @defaultValue `4` */
  readonly batchSize?: number;
  /** @defaultValue `150` */
  readonly uploadMs?: number;
  /** Time the marketing agent spends on its prompt. @defaultValue `1200` */
  readonly thinkMs?: number;
  /** Mean cost of restarting an agent (±25 %). @defaultValue `800` */
  readonly restartMs?: number;
  /** @defaultValue `250` */
  readonly resendMs?: number;
  /** Failures of one step, or re-sends of one message, before the run gives up. @defaultValue `12` */
  readonly maxRestarts?: number;
  /** @defaultValue `{ deadlineMs: 12000, heartbeatTimeoutMs: 6000, checkEveryMs: 1000 }` */
  readonly supervision?: Partial<HeartbeatPolicy>;
  /**
   * The marketing agent's language model.
   * @defaultValue a {@link CopyAgent}: an AI SDK agent on a scripted mock model, with `llmHandling`
   */
  readonly model?: LanguageModel;
  /** How the default copy agent handles LLM faults. @defaultValue {@link CAREFUL_HANDLING} */
  readonly llmHandling?: LlmHandling;
  /** @defaultValue the reference `agentReconstructor` */
  readonly reconstructor?: Reconstructor;
}

/** An error of the model or its tools that reached the supervisor: a provider's, the SDK's, or a tool's. */
function isModelError(error: unknown): boolean {
  return APICallError.isInstance(error) || RetryError.isInstance(error) || NoOutputGeneratedError.isInstance(error) || isToolFaultError(error);
}

/**
 * The demo's own supervision: a hallucination is named by the copy check, an error of
 * the model or its tools is the model's, a failure no fault explains by what was seen.
 */
const SUPERVISION: Omit<SupervisorOptions, 'detector'> = {
  classify: (error) => {
    if (error instanceof CopyMismatchError) return { agentId: 'model', faultType: 'hallucination' };
    return isModelError(error) ? { agentId: 'model', faultType: 'crash' } : undefined;
  },
  describeUnexplained: (failure: StepFailure) => `${failure.agentId}: ${failure.faultType} (${errorMessage(failure.cause)})`,
};

/** The demo system's parts for one run: the reference pieces, with pricing, a language model and heartbeats. */
function assemble(context: WorkflowContext<ReferenceState>, options: DemoOptions) {
  const { clock, metrics, runId } = context;
  const heartbeats = new Heartbeats(clock);
  const bus = new MessageBus(clock, { historyLimit: 200, keep: 2_000 });
  const catalogue = new CatalogueService();
  const pricing = new PricingAgent(bus);
  const product = new ProductAgent({
    products: context.initialState.products,
    catalogue,
    clock,
    uploadMs: options.uploadMs ?? 150,
    batchSize: options.batchSize ?? 4,
    checkpointEvery: 'batch',
    crashes: 'upload',
    announce: (sku) => tellPeers(shop, bus, sku),
    onActivity: () => heartbeats.beat('product'),
  });
  const model =
    options.model ??
    new CopyAgent({
      clock,
      metrics,
      runId,
      livePrice: livePriceList(context.initialState.products),
      onActivity: () => heartbeats.beat('marketing'),
      handling: options.llmHandling ?? CAREFUL_HANDLING,
    });
  const copywriter = new ModelCopywriter(model, {
    clock,
    thinkMs: options.thinkMs ?? 1_200,
    quote: (handoff) => pricing.quote(handoff.products),
  });
  const marketing = new MarketingAgent({ bus, clock, copywriter, recallMs: 100, onActivity: () => heartbeats.beat('marketing') });
  const policy: HeartbeatPolicy = { deadlineMs: 12_000, heartbeatTimeoutMs: 6_000, checkEveryMs: 1_000, ...options.supervision };
  const supervisor = new Supervisor(clock, metrics, runId, { ...SUPERVISION, detector: heartbeatDetector(clock, heartbeats, policy) });
  const shop: ShopRun = new ShopRun(context, { supervisor, catalogue, product, marketing, bus }, {
    maxRestarts: options.maxRestarts ?? 12,
    restartMs: options.restartMs ?? 800,
    resendMs: options.resendMs ?? 250,
    reconstructor: options.reconstructor ?? agentReconstructor,
    validate: validateHandoff,
    // Peer context from both peers of the product agent, each asked under supervision.
    askPeers: async () => {
      const fromPricing = await shop.persist('pricing', async () => pricing.recall('product'));
      const fromMarketing = await shop.persist('marketing', (control) => marketing.recall('product', control));
      if ('gaveUp' in fromPricing) throw new Error(fromPricing.gaveUp);
      if ('gaveUp' in fromMarketing) throw new Error(fromMarketing.gaveUp);
      return [...fromPricing.value, ...fromMarketing.value];
    },
    tagReflexes: true,
    scoreResends: true,
    stopFailedAgents: 'on-restart',
    stopWaitsWhenAbandoned: true,
  });
  return { bus, product, shop, model };
}

/** The shop's live campaign prices, by product name: what the copy agent's price tool serves. */
function livePriceList(products: readonly Product[]): (name: string) => string | undefined {
  const prices = PricingAgent.campaignPrices(products);
  const byName = new Map(products.map((p) => [p.name, formatPrice(prices.get(p.sku) ?? p.priceCents)]));
  return (name) => byName.get(name);
}

/** What a run of the demo system reports: the observation contract, and the model calls its copy took. */
export interface DemoOutput extends ReferenceOutput {
  /** Calls of the language model, retries and re-asks included (0 for a model other than the copy agent). */
  readonly modelCalls: number;
}

/** Tells both peers of the product agent about an upload, over the validating bus, re-sending until intact. */
async function tellPeers(shop: ShopRun, bus: MessageBus, sku: string): Promise<void> {
  for (const peer of ['pricing', 'marketing']) {
    const told = await shop.deliverReliably('bus', () => {
      const sent = bus.send('product', peer, 'uploaded', { sku });
      return 'rejected' in sent ? { problems: sent.rejected.problems } : { value: true };
    });
    if (told === undefined) throw new Error(`could not tell ${peer} about ${sku}`);
  }
}

/** The handoff over the validating bus: sealed, checked on arrival, refused when damaged. */
function overTheBus(bus: MessageBus): (handoff: HandoffMessage) => HandoffTransit {
  return (handoff) => {
    const sent = bus.send('product', 'marketing', 'handoff', handoff);
    return 'rejected' in sent ? { refused: sent.rejected.problems } : { arrived: sent.delivered.payload };
  };
}

/**
 * The demo's multi-agent e-commerce system as a workflow the scenarios and the runner
 * can drive: the reference system's product and marketing agents, supervisor,
 * reconstructor and bus (validating every message), plus what is the demo's own — a
 * pricing agent, a language model behind the marketing agent (by default an AI SDK
 * agent with a price tool, see `llm/CopyAgent.ts`; its copy checked before it is
 * published), and heartbeats the supervisor watches. It reports the e-commerce
 * observation contract the built-in scenarios check.
 */
export function createDemoWorkflow(options: DemoOptions = {}): Workflow<ReferenceState, DemoOutput> {
  return {
    async run(context: WorkflowContext<ReferenceState>): Promise<WorkflowOutcome<DemoOutput>> {
      const { bus, product, shop, model } = assemble(context, options);
      const withCalls = (outcome: WorkflowOutcome<ReferenceOutput>): WorkflowOutcome<DemoOutput> => ({
        ...outcome,
        output: { ...outcome.output, modelCalls: model instanceof CopyAgent ? model.modelCalls : 0 },
      });
      // 1. Upload the catalogue, batch by batch; each batch may fail and be retried on its own.
      while (!product.done) {
        const batch = await shop.persist('product', (control) => product.uploadNext(control));
        if ('gaveUp' in batch) return withCalls(shop.report(batch.gaveUp));
      }
      // 2. Hand the catalogue off; a copy damaged in transit is refused by the bus and re-sent.
      if (!(await shop.handOff(overTheBus(bus)))) return withCalls(shop.report(`the handoff was refused ${shop.rejections.length} times`));
      // 3. Write the campaign.
      return withCalls(await shop.produceCampaign());
    },
  };
}

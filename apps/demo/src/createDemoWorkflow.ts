import { errorMessage } from '@chaos/format';
import {
  agentReconstructor,
  CatalogueService,
  type HandoffMessage,
  type HandoffTransit,
  MarketingAgent,
  MessageBus,
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
import { type LanguageModel, TemplateModel } from './model.js';
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
  /** The marketing agent's language model. @defaultValue a {@link TemplateModel} */
  readonly model?: LanguageModel;
  /** @defaultValue the reference `agentReconstructor` */
  readonly reconstructor?: Reconstructor;
}

/** The demo's own supervision: a hallucination is named by the copy check, a failure no fault explains by what was seen. */
const SUPERVISION: Omit<SupervisorOptions, 'detector'> = {
  classify: (error) => (error instanceof CopyMismatchError ? { agentId: 'model', faultType: 'hallucination' } : undefined),
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
  const copywriter = new ModelCopywriter(options.model ?? new TemplateModel(), {
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
  return { bus, product, shop };
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
 * pricing agent, a language model behind the marketing agent (its copy checked before
 * it is published), and heartbeats the supervisor watches. It reports the e-commerce
 * observation contract the built-in scenarios check.
 */
export function createDemoWorkflow(options: DemoOptions = {}): Workflow<ReferenceState, ReferenceOutput> {
  return {
    async run(context: WorkflowContext<ReferenceState>): Promise<WorkflowOutcome<ReferenceOutput>> {
      const { bus, product, shop } = assemble(context, options);
      // 1. Upload the catalogue, batch by batch; each batch may fail and be retried on its own.
      while (!product.done) {
        const batch = await shop.persist('product', (control) => product.uploadNext(control));
        if ('gaveUp' in batch) return shop.report(batch.gaveUp);
      }
      // 2. Hand the catalogue off; a copy damaged in transit is refused by the bus and re-sent.
      if (!(await shop.handOff(overTheBus(bus)))) return shop.report(`the handoff was refused ${shop.rejections.length} times`);
      // 3. Write the campaign.
      return shop.produceCampaign();
    },
  };
}

import { injectMessageCorruption } from '@chaos/faults';
import type { Workflow, WorkflowContext, WorkflowOutcome } from '../core/types.js';
import { type ReferenceState, referenceCatalogue } from './catalogue.js';
import { deadlineDetector } from './hangDetectors.js';
import { MarketingAgent, templateCopywriter } from './MarketingAgent.js';
import { MessageBus } from './MessageBus.js';
import { CatalogueService, ProductAgent } from './ProductAgent.js';
import { type HandoffMessage, type ValidationReport, validateHandoff } from './protocol.js';
import { agentReconstructor, type Reconstructor } from './Reconstructor.js';
import { type HandoffTransit, type ReferenceOutput, ShopRun } from './ShopRun.js';
import { StepFailure, Supervisor } from './Supervisor.js';

/** Timing of the simulated work, ms on the run's clock. */
export interface AgentTimings {
  readonly uploadMs: number;
  readonly campaignMs: number;
  readonly recallMs: number;
}

/** Options of the reference e-commerce workflow. */
export interface ReferenceWorkflowOptions {
  /** Checkpoint every N uploads. @defaultValue `4` */
  readonly checkpointEvery?: number;
  /** The supervisor's deadline per agent step, ms. @defaultValue `10000` */
  readonly deadlineMs?: number;
  /** Mean cost of restarting an agent, ms (±25 %, from the run's random stream). @defaultValue `1000` */
  readonly restartMs?: number;
  /** Cost of re-sending a rejected message, ms. @defaultValue `300` */
  readonly resendMs?: number;
  /** @defaultValue `{ uploadMs: 200, campaignMs: 1500, recallMs: 100 }` */
  readonly timings?: Partial<AgentTimings>;
  /** Restarts per agent before the workflow gives up. @defaultValue `10` */
  readonly maxRestarts?: number;
  /** Fields of the handoff the corruption fault damages. @defaultValue `['count', 'products.0.name', 'products.0.priceCents']` */
  readonly corruptibleFields?: readonly string[];
  /** @defaultValue {@link agentReconstructor} */
  readonly reconstructor?: Reconstructor;
  /** @defaultValue schema + checksum ({@link validateHandoff}) */
  readonly validator?: (message: unknown) => ValidationReport;
  /**
   * Whether a peer that fails while helping a recovery is itself recovered (a cascade)
   * rather than failing the recovery it was helping.
   * @defaultValue `true`
   */
  readonly recoverPeers?: boolean;
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new TypeError(`Expected \`${name}\` to be a ${allowZero ? 'non-negative' : 'positive'} finite number, got \`${String(value)}\``);
  }
  return value;
}

/** The options with every default applied, checked. */
interface ReferenceSettings {
  readonly checkpointEvery: number;
  readonly deadlineMs: number;
  readonly restartMs: number;
  readonly resendMs: number;
  readonly maxRestarts: number;
  readonly timings: AgentTimings;
  readonly corruptibleFields: readonly string[];
  readonly reconstructor: Reconstructor;
  readonly validate: (message: unknown) => ValidationReport;
  readonly recoverPeers: boolean;
}

function settingsOf(options: ReferenceWorkflowOptions): ReferenceSettings {
  return {
    checkpointEvery: positive('checkpointEvery', options.checkpointEvery, 4),
    deadlineMs: positive('deadlineMs', options.deadlineMs, 10_000),
    restartMs: positive('restartMs', options.restartMs, 1_000, true),
    resendMs: positive('resendMs', options.resendMs, 300, true),
    maxRestarts: positive('maxRestarts', options.maxRestarts, 10, true),
    timings: {
      uploadMs: positive('timings.uploadMs', options.timings?.uploadMs, 200, true),
      campaignMs: positive('timings.campaignMs', options.timings?.campaignMs, 1_500, true),
      recallMs: positive('timings.recallMs', options.timings?.recallMs, 100, true),
    },
    corruptibleFields: options.corruptibleFields ?? ['count', 'products.0.name', 'products.0.priceCents'],
    reconstructor: options.reconstructor ?? agentReconstructor,
    validate: options.validator ?? validateHandoff,
    recoverPeers: options.recoverPeers ?? true,
  };
}

/**
 * The reference system's own transport for the handoff: the message goes over the bus
 * as it is, and the corruption fault aimed at `handoff` damages its `fields` on the way.
 */
function handoffChannel(bus: MessageBus, fields: readonly string[]): (handoff: HandoffMessage) => HandoffTransit {
  const send = (message: HandoffMessage): unknown => bus.deliver('product', 'marketing', 'handoff', message).payload;
  const damaging = injectMessageCorruption({ target: 'handoff', fields: [...fields] })(send);
  return (handoff) => ({ arrived: damaging(handoff) });
}

/**
 * The product agent's peer context, from the marketing agent, under supervision. A
 * marketing agent that fails while asked is itself restarted (a cascade), unless
 * `recoverPeers` is off or it failed `maxRestarts` times: then the recovery it was
 * helping fails.
 */
async function askMarketing(shop: ShopRun, supervisor: Supervisor, marketing: MarketingAgent, signal: AbortSignal, settings: ReferenceSettings): Promise<readonly string[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await supervisor.watch('marketing', (control) => marketing.recall('product', control), signal);
    } catch (error: unknown) {
      if (!(error instanceof StepFailure) || !settings.recoverPeers || attempt >= settings.maxRestarts) throw error;
      await shop.restart(error);
    }
  }
}

/** One run: upload the catalogue, hand it off, write the campaign — each under supervision. */
async function runReference(context: WorkflowContext<ReferenceState>, settings: ReferenceSettings): Promise<WorkflowOutcome<ReferenceOutput>> {
  const { clock, metrics, runId, signal } = context;
  const state = context.initialState ?? referenceCatalogue();
  if (!Array.isArray(state?.products) || state.products.length === 0) {
    throw new TypeError('Expected `initialState.products` to be a non-empty array of products');
  }
  const { timings } = settings;
  const catalogue = new CatalogueService();
  const bus = new MessageBus(clock);
  const product = new ProductAgent({
    products: state.products,
    catalogue,
    clock,
    uploadMs: timings.uploadMs,
    checkpointEvery: settings.checkpointEvery,
    // Tells the marketing agent as it goes, so it can draft early (and remember, for a reconstructor).
    announce: (sku) => {
      bus.deliver('product', 'marketing', 'uploaded', { sku });
    },
  });
  const marketing = new MarketingAgent({ bus, clock, recallMs: timings.recallMs, copywriter: templateCopywriter(clock, timings.campaignMs) });
  const supervisor = new Supervisor(clock, metrics, runId, { detector: deadlineDetector(clock, settings.deadlineMs) });
  const { maxRestarts, restartMs, resendMs, reconstructor, validate } = settings;
  const shop: ShopRun = new ShopRun(context, { supervisor, catalogue, product, marketing, bus }, {
    maxRestarts,
    restartMs,
    resendMs,
    reconstructor,
    validate,
    askPeers: () => askMarketing(shop, supervisor, marketing, signal, settings),
    errorSeed: context.seed,
  });

  const uploaded = await shop.persist('product', (control) => product.uploadNext(control), () => product.done);
  if ('gaveUp' in uploaded) return shop.report(uploaded.gaveUp);
  if (!(await shop.handOff(handoffChannel(bus, settings.corruptibleFields)))) {
    return shop.report(`the handoff was rejected ${shop.rejections.length} times`);
  }
  return shop.produceCampaign();
}

/**
 * The built-in e-commerce system the five scenarios run against: a product agent
 * uploads a catalogue with checkpoints and tells the marketing agent as it goes; it
 * hands the catalogue off over a schema- and checksum-validated message; the marketing
 * agent writes a campaign. A supervisor watches every step (errors are crashes, a step
 * past its deadline is a hang) and drives restarts; a reconstructor rebuilds a
 * restarted agent from its checkpoint and its peers' context. Every recovery is
 * measured with `@chaos/metrics`. Its output is the e-commerce observation contract
 * the built-in checks read (`CommerceReport`), with its own types (`ReferenceOutput`).
 *
 * @throws `TypeError` naming an invalid option
 * @example
 * ```ts
 * await getScenario('CascadeFailure').run({ workflowFactory: () => createReferenceWorkflow({ restartMs: 250 }) });
 * ```
 */
export function createReferenceWorkflow(options: ReferenceWorkflowOptions = {}): Workflow<ReferenceState, ReferenceOutput> {
  const settings = settingsOf(options);
  return { run: (context) => runReference(context, settings) };
}


import { MessageCorruptionError } from '@chaos/faults';
import type { RecoveryAttempt } from '@chaos/metrics';
import type { Workflow, WorkflowContext, WorkflowOutcome } from '../types.js';
import {
  type AgentTimings,
  type Campaign,
  CatalogueService,
  createHandoffChannel,
  MarketingAgent,
  ProductAgent,
  type ProductAgentState,
} from './agents.js';
import { type ReferenceState, referenceCatalogue } from './catalogue.js';
import { MessageBus } from './MessageBus.js';
import { type HandoffMessage, type ValidationReport, validateHandoff } from './protocol.js';
import { agentReconstructor, type Reconstructor } from './Reconstructor.js';
import { StepFailure, Supervisor } from './Supervisor.js';

/** One restart the supervisor drove. */
export interface RestartRecord {
  readonly agent: string;
  readonly faultType: string;
  /** Product: uploads it knew of before the crash / after reconstruction. */
  readonly knownBefore: number;
  readonly restoredTo: number;
  readonly usedPeerContext: boolean;
  readonly accuracy: number;
}

/** What the reference workflow reports; the built-in steady-state checks read it. */
export interface ReferenceOutput {
  /** SKUs as the catalogue service received them, duplicates included. */
  readonly uploads: readonly string[];
  readonly campaign: Campaign | undefined;
  /** The handoff as the product agent sealed it. */
  readonly handoffSent: HandoffMessage | undefined;
  /** The handoff the marketing agent accepted. */
  readonly handoffAccepted: HandoffMessage | undefined;
  readonly handoffDeliveries: number;
  /** The problems found in each rejected delivery. */
  readonly handoffRejections: readonly (readonly string[])[];
  readonly restarts: readonly RestartRecord[];
  /** Why the workflow gave up, when it did. */
  readonly abortedBecause: string | undefined;
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

function jaccard(truth: readonly string[], restored: readonly string[]): number {
  const a = new Set(truth);
  const b = new Set(restored);
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const x of a) if (b.has(x)) both += 1;
  return both / (a.size + b.size - both);
}

/**
 * The built-in e-commerce system the five scenarios run against when no workflow is
 * given: a product agent uploads a catalogue with checkpoints and tells the marketing
 * agent as it goes; it hands the catalogue off over a schema- and checksum-validated
 * message; the marketing agent writes a campaign. A supervisor watches every step
 * (errors are crashes, a step past its deadline is a hang) and drives restarts; a
 * reconstructor rebuilds a restarted agent from its checkpoint and its peers' context.
 * Every recovery is measured with `@chaos/metrics`.
 *
 * @throws `TypeError` naming an invalid option
 */
export function createReferenceWorkflow(options: ReferenceWorkflowOptions = {}): Workflow<ReferenceState, ReferenceOutput> {
  const checkpointEvery = positive('checkpointEvery', options.checkpointEvery, 4);
  const deadlineMs = positive('deadlineMs', options.deadlineMs, 10_000);
  const restartMs = positive('restartMs', options.restartMs, 1_000, true);
  const resendMs = positive('resendMs', options.resendMs, 300, true);
  const maxRestarts = positive('maxRestarts', options.maxRestarts, 10, true);
  const timings: AgentTimings = {
    uploadMs: positive('timings.uploadMs', options.timings?.uploadMs, 200, true),
    campaignMs: positive('timings.campaignMs', options.timings?.campaignMs, 1_500, true),
    recallMs: positive('timings.recallMs', options.timings?.recallMs, 100, true),
  };
  const fields = options.corruptibleFields ?? ['count', 'products.0.name', 'products.0.priceCents'];
  const reconstructor = options.reconstructor ?? agentReconstructor;
  const validate = options.validator ?? validateHandoff;
  const recoverPeers = options.recoverPeers ?? true;

  return {
    async run(context: WorkflowContext<ReferenceState>): Promise<WorkflowOutcome<ReferenceOutput>> {
      const { clock, metrics, runId, random, signal } = context;
      const state = context.initialState ?? referenceCatalogue();
      if (!Array.isArray(state?.products) || state.products.length === 0) {
        throw new TypeError('Expected `initialState.products` to be a non-empty array of products');
      }
      const catalogue = new CatalogueService();
      const bus = new MessageBus(clock);
      let productCheckpoint: ProductAgentState | undefined;
      const product = new ProductAgent(state, catalogue, bus, clock, timings, (s) => (productCheckpoint = s), checkpointEvery);
      const marketing = new MarketingAgent(bus, clock, timings);
      const supervisor = new Supervisor(clock, metrics, runId, deadlineMs);
      const sendHandoff = createHandoffChannel(bus, fields);
      const restarts: RestartRecord[] = [];
      const rejections: string[][] = [];
      let deliveries = 0;
      let handoffSent: HandoffMessage | undefined;
      let handoffAccepted: HandoffMessage | undefined;
      let campaign: Campaign | undefined;
      const restartCost = (): number => restartMs * (0.75 + 0.5 * random.next());

      const restartMarketing = async (failure: StepFailure): Promise<void> => {
        const truth = marketing.context;
        marketing.crash();
        await supervisor.recover(failure, async (event: RecoveryAttempt) => {
          await clock.sleep(restartCost());
          const rebuilt = await reconstructor.restoreMarketing({ inbox: bus.inbox('marketing', 'handoff'), validate });
          marketing.restore(rebuilt.state);
          const accuracy = truth === undefined ? (rebuilt.state === undefined ? 1 : 0) : rebuilt.state?.checksum === truth.checksum ? 1 : 0;
          event.reconstructionAccuracy = accuracy;
          event.usedPeerContext = rebuilt.usedPeerContext;
          restarts.push({
            agent: 'marketing',
            faultType: failure.faultType,
            knownBefore: truth?.count ?? 0,
            restoredTo: rebuilt.state?.count ?? 0,
            usedPeerContext: rebuilt.usedPeerContext,
            accuracy,
          });
        });
      };

      /** The marketing agent's memory of the product agent's uploads, through the supervisor. */
      const askMarketing = async (): Promise<readonly string[]> => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await supervisor.watch('marketing', (control) => marketing.recall('product', control), signal);
          } catch (error: unknown) {
            if (!(error instanceof StepFailure) || !recoverPeers || attempt >= maxRestarts) throw error;
            await restartMarketing(error);
          }
        }
      };

      const restartProduct = async (failure: StepFailure): Promise<void> => {
        const truth = product.snapshot;
        product.crash();
        await supervisor.recover(failure, async (event: RecoveryAttempt) => {
          await clock.sleep(restartCost());
          const rebuilt = await reconstructor.restoreProduct({ checkpoint: productCheckpoint, askPeers: askMarketing });
          product.restore(rebuilt.state);
          const accuracy = jaccard(truth.uploaded, rebuilt.state.uploaded);
          event.reconstructionAccuracy = accuracy;
          event.usedPeerContext = rebuilt.usedPeerContext;
          restarts.push({
            agent: 'product',
            faultType: failure.faultType,
            knownBefore: truth.uploaded.length,
            restoredTo: rebuilt.state.uploaded.length,
            usedPeerContext: rebuilt.usedPeerContext,
            accuracy,
          });
        });
      };

      const outcome = (abortedBecause: string | undefined): WorkflowOutcome<ReferenceOutput> => ({
        taskCompleted: abortedBecause === undefined && product.done && campaign !== undefined,
        output: {
          uploads: [...catalogue.uploads],
          campaign,
          handoffSent,
          handoffAccepted,
          handoffDeliveries: deliveries,
          handoffRejections: rejections,
          restarts,
          abortedBecause,
        },
      });

      /** Runs one agent's phase under supervision, restarting it on failure. */
      const supervised = async (
        agentId: string,
        step: () => Promise<boolean>,
        restart: (failure: StepFailure) => Promise<void>,
      ): Promise<string | undefined> => {
        let failures = 0;
        for (;;) {
          if (signal.aborted) return 'the run was abandoned';
          try {
            if (await step()) return undefined;
          } catch (error: unknown) {
            if (!(error instanceof StepFailure)) throw error;
            if (++failures > maxRestarts) return `${agentId} failed ${failures} times`;
            try {
              await restart(error);
            } catch (recoveryError: unknown) {
              return `recovery of ${agentId} failed: ${recoveryError instanceof Error ? recoveryError.message : String(recoveryError)}`;
            }
          }
        }
      };

      // 1. Upload the catalogue.
      const uploadFailure = await supervised(
        'product',
        async () => {
          await supervisor.watch('product', (control) => product.uploadNext(control), signal);
          return product.done;
        },
        restartProduct,
      );
      if (uploadFailure !== undefined) return outcome(uploadFailure);

      // 2. Hand off to marketing: validate, and re-send what fails validation.
      handoffSent = product.handoff(runId, 1);
      const deliver = (): ValidationReport & { received: unknown } => {
        deliveries += 1;
        const received = sendHandoff(handoffSent as HandoffMessage);
        return { ...validate(received), received };
      };
      let delivery = deliver();
      let resends = 0;
      while (!delivery.valid) {
        rejections.push([...delivery.problems]);
        if (++resends > maxRestarts) return outcome(`the handoff was rejected ${resends} times`);
        const failure = new StepFailure(
          'handoff',
          'corruption',
          clock.now(),
          clock.now(),
          new MessageCorruptionError({ target: 'handoff', fields: delivery.problems, seed: context.seed, runId }),
        );
        try {
          await supervisor.recover(failure, async (event: RecoveryAttempt) => {
            await clock.sleep(resendMs);
            delivery = deliver();
            event.usedPeerContext = false;
            if (!delivery.valid) throw new MessageCorruptionError({ target: 'handoff', fields: delivery.problems, runId });
          });
        } catch {
          // A re-send that arrived damaged again is a failed recovery; the loop tries again.
        }
      }
      handoffAccepted = delivery.received as HandoffMessage;
      marketing.accept(handoffAccepted);

      // 3. Write the campaign.
      const campaignFailure = await supervised(
        'marketing',
        async () => {
          campaign = await supervisor.watch('marketing', (control) => marketing.writeCampaign(control), signal);
          return true;
        },
        restartMarketing,
      );
      return outcome(campaignFailure);
    },
  };
}

export { referenceCatalogue };

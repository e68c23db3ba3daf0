import { MessageCorruptionError } from '@chaos/faults';
import type { RecoveryAttempt } from '@chaos/metrics';
import {
  type Campaign,
  createHandoff,
  type HandoffMessage,
  type ReferenceOutput,
  type ReferenceState,
  type RestartRecord,
  validateHandoff,
  type Workflow,
  type WorkflowContext,
  type WorkflowOutcome,
} from '@chaos/scenarios';
import { AgentReconstructor } from './AgentReconstructor.js';
import { Heartbeats, type StepControl } from './agents/heartbeats.js';
import { MarketingAgent } from './agents/MarketingAgent.js';
import { PricingAgent } from './agents/PricingAgent.js';
import { CatalogueService, type ProductCheckpoint, ProductAgent } from './agents/ProductAgent.js';
import { MessageBus } from './MessageBus.js';
import { type LanguageModel, TemplateModel } from './model.js';
import { AgentFailure, type SupervisionPolicy, Supervisor } from './Supervisor.js';

/** How each agent is brought back: the `reflex` tag of its recoveries (the MTTR-A paper groups recoveries by reflex). */
const REFLEXES: Readonly<Record<string, string>> = {
  product: 'rebuild-from-checkpoint',
  marketing: 'restore-handoff',
};

/** Knobs of the demo system. Times in ms on the run's clock. */
export interface DemoOptions {
  readonly batchSize?: number;
  readonly uploadMs?: number;
  readonly thinkMs?: number;
  readonly restartMs?: number;
  readonly resendMs?: number;
  readonly maxRestarts?: number;
  readonly supervision?: Partial<SupervisionPolicy>;
  readonly model?: LanguageModel;
  readonly reconstructor?: AgentReconstructor;
}

/**
 * The demo's multi-agent e-commerce system as a workflow the scenarios and the runner
 * can drive: product, pricing and marketing agents on a validating message bus, a
 * supervisor with heartbeats and deadlines, and a reconstructor. It reports the shape
 * the built-in scenarios check (`ReferenceOutput`).
 */
export function createDemoWorkflow(options: DemoOptions = {}): Workflow<ReferenceState, ReferenceOutput> {
  const batchSize = options.batchSize ?? 4;
  const restartMs = options.restartMs ?? 800;
  const resendMs = options.resendMs ?? 250;
  const maxRestarts = options.maxRestarts ?? 12;
  const policy: SupervisionPolicy = { deadlineMs: 12_000, heartbeatTimeoutMs: 6_000, checkEveryMs: 1_000, ...options.supervision };
  const model = options.model ?? new TemplateModel();
  const reconstructor = options.reconstructor ?? new AgentReconstructor();

  return {
    async run(context: WorkflowContext<ReferenceState>): Promise<WorkflowOutcome<ReferenceOutput>> {
      const { clock, metrics, runId, random, signal } = context;
      const products = context.initialState.products;
      const heartbeats = new Heartbeats(clock);
      const bus = new MessageBus(clock);
      const catalogue = new CatalogueService();
      let checkpoint: ProductCheckpoint | undefined;
      const product = new ProductAgent(products, {
        catalogue, clock, heartbeats, batchSize, uploadMs: options.uploadMs ?? 150,
        announce: (peer, sku) => announce(peer, sku),
        checkpoint: (taken) => (checkpoint = taken),
      });
      const pricing = new PricingAgent(bus);
      const marketing = new MarketingAgent(model, {
        bus, clock, heartbeats, thinkMs: options.thinkMs ?? 1_200,
        quote: (handoff) => pricing.quote(handoff.products),
      });
      const supervisor = new Supervisor(clock, heartbeats, metrics, runId, policy);
      const restarts: RestartRecord[] = [];
      const rejectedHandoffs: string[][] = [];
      let deliveries = 0;
      let handoffSent: HandoffMessage | undefined;
      let handoffAccepted: HandoffMessage | undefined;
      let campaign: Campaign | undefined;
      const restartDelay = (): number => restartMs * (0.75 + 0.5 * random.next());

      /** Brings an agent back after `failure`; returns nothing, throws when it cannot. */
      const repair = async (failure: AgentFailure): Promise<void> => {
        await supervisor.recover(failure, REFLEXES[failure.agent] ?? 'ask-again', async (attempt: RecoveryAttempt) => {
          await clock.sleep(restartDelay(), signal);
          switch (failure.agent) {
            case 'product': {
              const truth = [...product.uploaded];
              product.crash();
              const rebuilt = await reconstructor.rebuildProduct({ checkpoint, truth, askPeers });
              product.restore(rebuilt.state);
              note(attempt, failure, truth.length, rebuilt.state.length, rebuilt);
              break;
            }
            case 'marketing': {
              const truth = marketing.handoff;
              marketing.crash();
              const rebuilt = reconstructor.rebuildMarketing({ bus, truth });
              marketing.restore(rebuilt.state);
              note(attempt, failure, truth?.count ?? 0, rebuilt.state?.count ?? 0, rebuilt);
              break;
            }
            default:
              // Pricing keeps no state of its own; the model is asked again.
              note(attempt, failure, 0, 0, { usedPeerContext: false, accuracy: 1 });
          }
        });
      };
      const note = (
        attempt: RecoveryAttempt,
        failure: AgentFailure,
        knownBefore: number,
        restoredTo: number,
        rebuilt: { usedPeerContext: boolean; accuracy: number },
      ): void => {
        attempt.reconstructionAccuracy = rebuilt.accuracy;
        attempt.usedPeerContext = rebuilt.usedPeerContext;
        restarts.push({ agent: failure.agent, faultType: failure.kind, knownBefore, restoredTo, usedPeerContext: rebuilt.usedPeerContext, accuracy: rebuilt.accuracy });
      };

      /** Runs a step until it succeeds, repairing whatever failed; the reason it gave up otherwise. */
      const persist = async <T>(agent: string, step: (control: StepControl) => Promise<T>): Promise<{ value: T } | { gaveUp: string }> => {
        for (let failures = 0; ; ) {
          if (signal.aborted) return { gaveUp: 'the run was abandoned' };
          try {
            return { value: await supervisor.watch(agent, step, signal) };
          } catch (error: unknown) {
            if (!(error instanceof AgentFailure)) throw error;
            if (++failures > maxRestarts) return { gaveUp: `${agent} failed ${failures} times` };
            try {
              await repair(error);
            } catch (recoveryError: unknown) {
              return { gaveUp: `recovery of ${error.agent} failed: ${recoveryError instanceof Error ? recoveryError.message : String(recoveryError)}` };
            }
          }
        }
      };
      /**
       * Sends until a copy arrives intact. A refused copy is a detected corruption; the
       * re-send is its recovery, measured, and it fails if the new copy is damaged too.
       */
      async function deliverReliably<T>(channel: string, attempt: () => { value: T } | { problems: readonly string[] }): Promise<T | undefined> {
        let result = attempt();
        for (let resends = 0; 'problems' in result; resends++) {
          if (resends >= maxRestarts) return undefined;
          const problems = result.problems;
          const failure = new AgentFailure(channel, 'corruption', clock.now(), clock.now(), new MessageCorruptionError({ target: channel, fields: problems, runId }));
          await supervisor
            .recover(failure, 'resend', async (recovery) => {
              await clock.sleep(resendMs, signal);
              result = attempt();
              recovery.reconstructionAccuracy = 1;
              if ('problems' in result) throw new MessageCorruptionError({ target: channel, fields: result.problems, runId });
            })
            .catch(() => undefined); // a damaged re-send is a failed recovery; the loop goes on
        }
        return result.value;
      }
      /** Tells a peer about an upload, reliably. */
      const announce = async (peer: string, sku: string): Promise<void> => {
        const delivered = await deliverReliably('bus', () => {
          const sent = bus.send('product', peer, 'uploaded', { sku });
          return 'rejected' in sent ? { problems: sent.rejected.problems } : { value: true };
        });
        if (delivered === undefined) throw new Error(`could not tell ${peer} about ${sku}`);
      };

      /** Peer context for the product agent, from both of its peers. */
      async function askPeers(): Promise<string[][]> {
        const fromPricing = await persist('pricing', async () => pricing.recall('product'));
        const fromMarketing = await persist('marketing', (control) => marketing.recall('product', control));
        if ('gaveUp' in fromPricing) throw new Error(fromPricing.gaveUp);
        if ('gaveUp' in fromMarketing) throw new Error(fromMarketing.gaveUp);
        return [fromPricing.value, fromMarketing.value];
      }

      const output = (abortedBecause: string | undefined): WorkflowOutcome<ReferenceOutput> => ({
        taskCompleted: abortedBecause === undefined && product.done && campaign !== undefined,
        output: {
          uploads: [...catalogue.uploads],
          campaign,
          handoffSent,
          handoffAccepted,
          handoffDeliveries: deliveries,
          handoffRejections: rejectedHandoffs,
          restarts,
          abortedBecause,
        },
      });

      // 1. Upload the catalogue, batch by batch.
      while (!product.done) {
        const batch = await persist('product', (control) => product.uploadBatch(control));
        if ('gaveUp' in batch) return output(batch.gaveUp);
      }

      // 2. Hand the catalogue off; a copy damaged in transit is refused by the bus and re-sent.
      const bySku = new Map(products.map((p) => [p.sku, p]));
      handoffSent = createHandoff({
        from: 'product',
        to: 'marketing',
        runId,
        sequence: 1,
        products: product.uploaded.map((sku) => bySku.get(sku)).filter((p) => p !== undefined),
      });
      const accepted = await deliverReliably('handoff', () => {
        deliveries += 1;
        const sent = bus.send('product', 'marketing', 'handoff', handoffSent as HandoffMessage);
        const report = 'rejected' in sent ? { valid: false, problems: sent.rejected.problems } : validateHandoff(sent.delivered.payload);
        if (!report.valid || 'rejected' in sent) {
          rejectedHandoffs.push([...report.problems]);
          return { problems: report.problems };
        }
        return { value: sent.delivered.payload };
      });
      if (accepted === undefined) return output(`the handoff was refused ${rejectedHandoffs.length} times`);
      handoffAccepted = accepted;
      marketing.accept(handoffAccepted);

      // 3. Write the campaign.
      const written = await persist('marketing', (control) => marketing.writeCampaign(control));
      if ('gaveUp' in written) return output(written.gaveUp);
      campaign = written.value;
      return output(undefined);
    },
  };
}

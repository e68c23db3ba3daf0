import { MessageCorruptionError } from '@chaos/faults';
import { errorMessage } from '@chaos/format';
import type { RecoveryAttempt } from '@chaos/metrics';
import type { CommerceReport, RestartRecord } from '../commerce/report.js';
import type { WorkflowContext, WorkflowOutcome } from '../core/types.js';
import type { Campaign, MarketingAgent } from './MarketingAgent.js';
import type { MessageBus } from './MessageBus.js';
import type { CatalogueService, ProductAgent } from './ProductAgent.js';
import type { HandoffMessage, ValidationReport } from './protocol.js';
import type { Reconstructor } from './Reconstructor.js';
import { type StepControl, StepFailure, type Supervisor } from './Supervisor.js';

/** What a run of the reference e-commerce system reports: the observation contract, with its own types. */
export interface ReferenceOutput extends CommerceReport {
  readonly campaign: Campaign | undefined;
  readonly handoffSent: HandoffMessage | undefined;
  readonly handoffAccepted: HandoffMessage | undefined;
}

/** The pieces of the system one run drives. */
export interface ShopParts {
  readonly supervisor: Supervisor;
  readonly catalogue: CatalogueService;
  readonly product: ProductAgent;
  readonly marketing: MarketingAgent;
  readonly bus: MessageBus;
}

/** How a {@link ShopRun} recovers. Times in ms on the run's clock. */
export interface ShopRunOptions {
  /** Failures of one supervised step, and re-sends of one message, before the run gives up. */
  readonly maxRestarts: number;
  /** Mean cost of restarting an agent (±25 %, drawn from the run's random stream). */
  readonly restartMs: number;
  /** Cost of re-sending a rejected message. */
  readonly resendMs: number;
  readonly reconstructor: Reconstructor;
  /** Checks a handoff as it arrives, and those the marketing agent is restored from. */
  readonly validate: (message: unknown) => ValidationReport;
  /** Asks the product agent's peers which uploads it told them about. */
  readonly askPeers: () => Promise<readonly string[]>;
  /**
   * Tag each recovery with the reflex that brought the agent back (`reflex`:
   * `rebuild-from-checkpoint`, `restore-handoff`, `resend`, `ask-again`), so the summary
   * breaks recoveries down by it.
   * @defaultValue `false`
   */
  readonly tagReflexes?: boolean;
  /**
   * Score a re-send that got through as a full reconstruction (accuracy 1).
   * @defaultValue `false`: re-sends are not scored
   */
  readonly scoreResends?: boolean;
  /**
   * When a failed agent is stopped (its state read, to score the rebuild against, and
   * lost): as soon as the failure is seen, or only once its restart is ready — a hung
   * agent's work goes on meanwhile.
   * @defaultValue `'at-once'`
   */
  readonly stopFailedAgents?: 'at-once' | 'on-restart';
  /**
   * End a restart's or a re-send's wait as soon as the run is abandoned (the recovery
   * then fails), rather than let it finish (the run then stops at its next step).
   * @defaultValue `false`
   */
  readonly stopWaitsWhenAbandoned?: boolean;
  /**
   * The seed that the corruption errors the run raises name, so a report that quotes
   * one says how to replay it.
   * @defaultValue none
   */
  readonly errorSeed?: string;
}

/** A step's value, or why the run gave up on it. */
export type Persisted<T> = { readonly value: T } | { readonly gaveUp: string };

/** One try at sending something: what got through, or what was found wrong with it. */
export type SendAttempt<T> = { readonly value: T } | { readonly problems: readonly string[] };

/** What a transport did with one handoff: what arrived, or the problems it refused it for. */
export type HandoffTransit = { readonly arrived: unknown } | { readonly refused: readonly string[] };

/** A failed agent as it was when stopped. */
type StoppedAgent =
  | { readonly agent: 'product'; readonly uploaded: readonly string[] }
  | { readonly agent: 'marketing'; readonly handoff: HandoffMessage | undefined }
  | { readonly agent: 'stateless' };

const REFLEXES: Readonly<Record<string, string>> = {
  product: 'rebuild-from-checkpoint',
  marketing: 'restore-handoff',
};

/** Jaccard similarity of two sets of ids: 1 when equal (or both empty), 0 when disjoint. */
function jaccard(truth: readonly string[], restored: readonly string[]): number {
  const a = new Set(truth);
  const b = new Set(restored);
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const x of a) if (b.has(x)) both += 1;
  return both / (a.size + b.size - both);
}

/**
 * One run of an e-commerce system built from the reference pieces: it keeps steps
 * going under supervision, restarts and rebuilds failed agents, re-sends damaged
 * messages — measuring each recovery — and builds the run's report. The workflow that
 * makes it decides the order of the work (see `createReferenceWorkflow`).
 */
export class ShopRun {
  /** The problems of each rejected handoff delivery, oldest first. */
  readonly rejections: string[][] = [];
  readonly #restarts: RestartRecord[] = [];
  #deliveries = 0;
  #handoffSent: HandoffMessage | undefined;
  #handoffAccepted: HandoffMessage | undefined;
  #campaign: Campaign | undefined;

  constructor(
    private readonly context: WorkflowContext<unknown>,
    private readonly parts: ShopParts,
    private readonly options: ShopRunOptions,
  ) {}

  /**
   * Runs `agentId`'s step under supervision until `done` says its value is enough,
   * restarting the agent a failure names; gives up past `maxRestarts` failures, when a
   * restart fails, or when the run is abandoned.
   */
  async persist<T>(agentId: string, step: (control: StepControl) => Promise<T>, done: (value: T) => boolean = () => true): Promise<Persisted<T>> {
    const { signal } = this.context;
    for (let failures = 0; ; ) {
      if (signal.aborted) return { gaveUp: 'the run was abandoned' };
      try {
        const value = await this.parts.supervisor.watch(agentId, step, signal);
        if (done(value)) return { value };
      } catch (error: unknown) {
        if (!(error instanceof StepFailure)) throw error;
        if (++failures > this.options.maxRestarts) return { gaveUp: `${agentId} failed ${failures} times` };
        try {
          await this.restart(error);
        } catch (recoveryError: unknown) {
          return { gaveUp: `recovery of ${error.agentId} failed: ${errorMessage(recoveryError)}` };
        }
      }
    }
  }

  /** Restarts the agent `failure` names and rebuilds its state, as a measured recovery; rejects when the recovery fails. */
  async restart(failure: StepFailure): Promise<void> {
    const stoppedAtOnce = this.options.stopFailedAgents === 'on-restart' ? undefined : this.stop(failure.agentId);
    await this.parts.supervisor.recover(
      failure,
      async (attempt: RecoveryAttempt) => {
        const { random, clock } = this.context;
        await clock.sleep(this.options.restartMs * (0.75 + 0.5 * random.next()), this.waitSignal());
        const stopped = stoppedAtOnce ?? this.stop(failure.agentId);
        if (stopped.agent === 'product') await this.rebuildProduct(failure, attempt, stopped.uploaded);
        else if (stopped.agent === 'marketing') await this.rebuildMarketing(failure, attempt, stopped.handoff);
        // An agent with no state of its own (a pricing service, a model) is simply asked again.
        else this.note(attempt, failure, { knownBefore: 0, restoredTo: 0, usedPeerContext: false, accuracy: 1 });
      },
      this.tags(REFLEXES[failure.agentId] ?? 'ask-again'),
    );
  }

  /** Stops a failed agent: its state is lost. What it was, which the rebuilt state is scored against. */
  private stop(agentId: string): StoppedAgent {
    const { product, marketing } = this.parts;
    if (agentId === 'product') {
      const { uploaded } = product.snapshot;
      product.crash();
      return { agent: 'product', uploaded };
    }
    if (agentId === 'marketing') {
      const { handoff } = marketing;
      marketing.crash();
      return { agent: 'marketing', handoff };
    }
    return { agent: 'stateless' };
  }

  /**
   * Sends until a copy gets through. A damaged copy is a detected corruption of
   * `channel`; its re-send is the recovery, measured, and fails if that copy is damaged
   * too. Undefined once `maxRestarts` re-sends failed.
   */
  async deliverReliably<T>(channel: string, attempt: () => SendAttempt<T>): Promise<T | undefined> {
    const { clock, runId } = this.context;
    let result = attempt();
    for (let resends = 0; 'problems' in result; resends++) {
      if (resends >= this.options.maxRestarts) return undefined;
      const cause = new MessageCorruptionError({ target: channel, fields: result.problems, seed: this.options.errorSeed, runId });
      const failure = new StepFailure(channel, 'corruption', clock.now(), clock.now(), cause);
      await this.parts.supervisor
        .recover(
          failure,
          async (recovery: RecoveryAttempt) => {
            await clock.sleep(this.options.resendMs, this.waitSignal());
            result = attempt();
            if (this.options.scoreResends === true) recovery.reconstructionAccuracy = 1;
            if ('problems' in result) throw new MessageCorruptionError({ target: channel, fields: result.problems, runId });
          },
          this.tags('resend'),
        )
        .catch(() => undefined); // A re-send damaged again is a failed recovery; the loop tries again.
    }
    return result.value;
  }

  /**
   * Hands the uploaded catalogue to the marketing agent over `transport`, validating
   * each arrival and re-sending what fails. False when it never got through.
   */
  async handOff(transport: (handoff: HandoffMessage) => HandoffTransit): Promise<boolean> {
    const handoff = this.parts.product.handoff(this.context.runId, 1);
    this.#handoffSent = handoff;
    const accepted = await this.deliverReliably('handoff', (): SendAttempt<HandoffMessage> => {
      this.#deliveries += 1;
      const transit = transport(handoff);
      const report = 'refused' in transit ? { valid: false, problems: transit.refused } : this.options.validate(transit.arrived);
      if (!report.valid || 'refused' in transit) {
        this.rejections.push([...report.problems]);
        return { problems: report.problems };
      }
      return { value: transit.arrived as HandoffMessage };
    });
    if (accepted === undefined) return false;
    this.#handoffAccepted = accepted;
    this.parts.marketing.accept(accepted);
    return true;
  }

  /** Has the marketing agent write the campaign, under supervision; the run's outcome. */
  async produceCampaign(): Promise<WorkflowOutcome<ReferenceOutput>> {
    const { marketing } = this.parts;
    const written = await this.persist('marketing', (control) => marketing.writeCampaign(control));
    if ('gaveUp' in written) return this.report(written.gaveUp);
    this.#campaign = written.value;
    return this.report(undefined);
  }

  /** The run's outcome: done when nothing gave up, every product is uploaded and the campaign exists. */
  report(abortedBecause: string | undefined): WorkflowOutcome<ReferenceOutput> {
    return {
      taskCompleted: abortedBecause === undefined && this.parts.product.done && this.#campaign !== undefined,
      output: {
        uploads: [...this.parts.catalogue.uploads],
        campaign: this.#campaign,
        handoffSent: this.#handoffSent,
        handoffAccepted: this.#handoffAccepted,
        handoffDeliveries: this.#deliveries,
        handoffRejections: this.rejections,
        restarts: this.#restarts,
        abortedBecause,
      },
    };
  }

  private async rebuildProduct(failure: StepFailure, attempt: RecoveryAttempt, truth: readonly string[]): Promise<void> {
    const { product } = this.parts;
    const rebuilt = await this.options.reconstructor.restoreProduct({ checkpoint: product.checkpoint, askPeers: this.options.askPeers });
    product.restore(rebuilt.state);
    const accuracy = jaccard(truth, rebuilt.state.uploaded);
    this.note(attempt, failure, { knownBefore: truth.length, restoredTo: rebuilt.state.uploaded.length, usedPeerContext: rebuilt.usedPeerContext, accuracy });
  }

  private async rebuildMarketing(failure: StepFailure, attempt: RecoveryAttempt, truth: HandoffMessage | undefined): Promise<void> {
    const { marketing, bus } = this.parts;
    const rebuilt = await this.options.reconstructor.restoreMarketing({ inbox: bus.inbox('marketing', { type: 'handoff' }), validate: this.options.validate });
    marketing.restore(rebuilt.state);
    const accuracy = truth === undefined ? (rebuilt.state === undefined ? 1 : 0) : rebuilt.state?.checksum === truth.checksum ? 1 : 0;
    this.note(attempt, failure, { knownBefore: truth?.count ?? 0, restoredTo: rebuilt.state?.count ?? 0, usedPeerContext: rebuilt.usedPeerContext, accuracy });
  }

  /** Scores the recovery and records the restart. */
  private note(attempt: RecoveryAttempt, failure: StepFailure, restart: Omit<RestartRecord, 'agent' | 'faultType'>): void {
    attempt.reconstructionAccuracy = restart.accuracy;
    attempt.usedPeerContext = restart.usedPeerContext;
    this.#restarts.push({ agent: failure.agentId, faultType: failure.faultType, ...restart });
  }

  /** The signal a restart's or re-send's wait ends on, if any. */
  private waitSignal(): AbortSignal | undefined {
    return this.options.stopWaitsWhenAbandoned === true ? this.context.signal : undefined;
  }

  private tags(reflex: string): Readonly<Record<string, string>> | undefined {
    return this.options.tagReflexes === true ? { reflex } : undefined;
  }
}

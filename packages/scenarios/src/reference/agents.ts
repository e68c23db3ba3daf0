import type { Clock } from '@chaos/config';
import { injectCrash, injectDelay, injectMessageCorruption, injectTimeout, reportProgress } from '@chaos/faults';
import type { Product, ReferenceState } from './catalogue.js';
import type { MessageBus } from './MessageBus.js';
import { type HandoffMessage, createHandoff } from './protocol.js';

/** Passed as the last argument of agent steps: the supervisor's cancellation. */
export interface StepControl {
  readonly signal: AbortSignal;
}

/** The shop's catalogue service: it records every upload it receives, duplicates too. */
export class CatalogueService {
  readonly uploads: string[] = [];

  upload(product: Product): void {
    this.uploads.push(product.sku);
  }
}

/** What a product agent knows: the SKUs it has uploaded, in order. */
export interface ProductAgentState {
  readonly uploaded: readonly string[];
}

/** Timing of the simulated work, ms on the run's clock. */
export interface AgentTimings {
  readonly uploadMs: number;
  readonly campaignMs: number;
  readonly recallMs: number;
}

/**
 * Uploads the catalogue one product at a time, checkpointing every few products and
 * telling the marketing agent what it uploaded (so marketing can draft early). Its
 * upload step carries the `product` faults.
 */
export class ProductAgent {
  private uploaded: string[] = [];
  /** The fault-wrapped step: a crash strikes before the upload, a delay or hang before it too. */
  readonly uploadNext: (control: StepControl) => Promise<Product | undefined>;

  constructor(
    private readonly state: ReferenceState,
    private readonly catalogue: CatalogueService,
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly timings: AgentTimings,
    private readonly checkpoint: (state: ProductAgentState) => void,
    private readonly checkpointEvery: number,
  ) {
    const step = async (_control: StepControl): Promise<Product | undefined> => this.uploadOne();
    this.uploadNext = injectCrash({ target: 'product' })(
      injectTimeout({ target: 'product' })(injectDelay({ target: 'product' })(step)),
    );
  }

  get done(): boolean {
    return this.uploaded.length >= this.state.products.length;
  }

  get snapshot(): ProductAgentState {
    return { uploaded: [...this.uploaded] };
  }

  /** Puts the agent back into a reconstructed state (after a restart). */
  restore(state: ProductAgentState): void {
    this.uploaded = [...state.uploaded];
  }

  /** Forgets everything, as a crashed process does. */
  crash(): void {
    this.uploaded = [];
  }

  private async uploadOne(): Promise<Product | undefined> {
    const uploadedSet = new Set(this.uploaded);
    const product = this.state.products.find((p) => !uploadedSet.has(p.sku));
    if (product === undefined) return undefined;
    await this.clock.sleep(this.timings.uploadMs);
    this.catalogue.upload(product);
    this.uploaded.push(product.sku);
    this.bus.deliver('product', 'marketing', 'progress', { sku: product.sku });
    if (this.uploaded.length % this.checkpointEvery === 0 || this.done) this.checkpoint(this.snapshot);
    reportProgress('product', this.uploaded.length / this.state.products.length);
    return product;
  }

  /** Builds the handoff from what was uploaded. */
  handoff(runId: string, sequence: number): HandoffMessage {
    const bySku = new Map(this.state.products.map((p) => [p.sku, p]));
    const products = this.uploaded.map((sku) => bySku.get(sku)).filter((p): p is Product => p !== undefined);
    return createHandoff({ from: 'product', to: 'marketing', runId, sequence, products });
  }
}

/** The campaign the marketing agent produces. */
export interface Campaign {
  readonly headline: string;
  readonly lines: readonly string[];
  /** The SKUs the campaign covers, from the handoff it was written from. */
  readonly skus: readonly string[];
  /** The checksum of the handoff it was written from. */
  readonly handoffChecksum: string;
}

/**
 * Writes campaign copy from the product handoff. Its language model here is a small
 * deterministic stand-in; its steps carry the `marketing` faults.
 */
export class MarketingAgent {
  private handoffMessage: HandoffMessage | undefined;
  readonly writeCampaign: (control: StepControl) => Promise<Campaign>;
  /** Tells a reconstructor what this agent heard from `peer` (its peer context). */
  readonly recall: (peer: string, control: StepControl) => Promise<string[]>;

  constructor(
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly timings: AgentTimings,
  ) {
    this.writeCampaign = injectCrash({ target: 'marketing' })(
      injectTimeout({ target: 'marketing' })(injectDelay({ target: 'marketing' })(async () => this.write())),
    );
    this.recall = injectCrash({ target: 'marketing' })(async (peer: string) => {
      await this.clock.sleep(this.timings.recallMs);
      return this.bus
        .inbox('marketing', 'progress')
        .filter((e) => e.from === peer)
        .map((e) => (e.payload as { sku: string }).sku);
    });
  }

  get context(): HandoffMessage | undefined {
    return this.handoffMessage;
  }

  accept(handoff: HandoffMessage): void {
    this.handoffMessage = handoff;
  }

  restore(handoff: HandoffMessage | undefined): void {
    this.handoffMessage = handoff;
  }

  crash(): void {
    this.handoffMessage = undefined;
  }

  private async write(): Promise<Campaign> {
    await this.clock.sleep(this.timings.campaignMs);
    const handoff = this.handoffMessage;
    const products = handoff?.products ?? [];
    const categories = [...new Set(products.map((p) => p.category))].sort();
    return {
      headline: products.length === 0 ? 'New arrivals' : `New in ${categories.join(', ')}: ${products.length} picks for the season`,
      lines: products.map((p) => `${p.name} — $${(p.priceCents / 100).toFixed(2)}`),
      skus: products.map((p) => p.sku),
      handoffChecksum: handoff?.checksum ?? '',
    };
  }
}

/** Sends the handoff over the bus. The channel carries the `handoff` corruption fault. */
export function createHandoffChannel(bus: MessageBus, fields: readonly string[]): (message: HandoffMessage) => unknown {
  const send = (message: HandoffMessage): unknown => bus.deliver('product', 'marketing', 'handoff', message).payload;
  return injectMessageCorruption({ target: 'handoff', fields: [...fields] })(send);
}

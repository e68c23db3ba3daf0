import type { Clock } from '@chaos/config';
import { injectCrash, injectDelay, injectTimeout, reportProgress } from '@chaos/faults';
import type { Product, ReferenceState } from './catalogue.js';
import { createHandoff, type HandoffMessage } from './protocol.js';
import type { StepControl } from './Supervisor.js';

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

/** A checkpoint of the product agent: what it had uploaded when it was taken. */
export interface ProductCheckpoint extends ProductAgentState {
  /** When it was taken, ms on the run's clock. */
  readonly takenAt: number;
}

/** Options of a {@link ProductAgent}. */
export interface ProductAgentOptions {
  /** The catalogue to upload. */
  readonly products: ReferenceState['products'];
  readonly catalogue: CatalogueService;
  readonly clock: Clock;
  /** How long one upload takes, ms on the clock. */
  readonly uploadMs: number;
  /** Products uploaded by one supervised step. @defaultValue `1` */
  readonly batchSize?: number;
  /** A checkpoint after every N uploads and after the last one, or after every batch. */
  readonly checkpointEvery: number | 'batch';
  /** Tells the agent's peers about an upload (awaited when it returns a promise). */
  readonly announce: (sku: string) => void | Promise<void>;
  /**
   * Where a `product` crash strikes: before a step (so before its whole batch), or
   * before each upload, between two uploads of a batch.
   * @defaultValue `'step'`
   */
  readonly crashes?: 'step' | 'upload';
  /** Called as each upload begins: a sign of life for a heartbeat monitor. */
  readonly onActivity?: () => void;
}

/**
 * Uploads the catalogue, a batch per supervised step, checkpointing as it goes and
 * telling its peers about every upload (so they can draft early, and so a crash loses
 * nothing its peers cannot tell a reconstructor). Its steps carry the `product` faults:
 * a hang or a slowdown strikes a step, a crash a step or an upload.
 */
export class ProductAgent {
  private uploaded: string[] = [];
  #checkpoint: ProductCheckpoint | undefined;
  private readonly batchSize: number;
  /** One upload, crash-wrapped when crashes strike uploads. */
  private readonly uploadOne: (product: Product) => Promise<void>;
  /** The fault-wrapped step: uploads the next batch, and says how many it uploaded. */
  readonly uploadNext: (control: StepControl) => Promise<number>;

  constructor(private readonly options: ProductAgentOptions) {
    this.batchSize = options.batchSize ?? 1;
    const upload = async (product: Product): Promise<void> => this.upload(product);
    const step = async (control: StepControl): Promise<number> => this.uploadBatch(control);
    const slowOrHung = injectTimeout({ target: 'product' })(injectDelay({ target: 'product' })(step));
    if (options.crashes === 'upload') {
      this.uploadOne = injectCrash({ target: 'product' })(upload);
      this.uploadNext = slowOrHung;
    } else {
      this.uploadOne = upload;
      this.uploadNext = injectCrash({ target: 'product' })(slowOrHung);
    }
  }

  get done(): boolean {
    return this.uploaded.length >= this.options.products.length;
  }

  /** What the agent knows now (its true state, which a restart loses). */
  get snapshot(): ProductAgentState {
    return { uploaded: [...this.uploaded] };
  }

  /** The latest checkpoint: kept apart from the agent, so it survives a crash. */
  get checkpoint(): ProductCheckpoint | undefined {
    return this.#checkpoint;
  }

  /** Puts the agent back into a reconstructed state (after a restart). */
  restore(state: ProductAgentState): void {
    this.uploaded = [...state.uploaded];
  }

  /** Forgets everything, as a crashed process does. */
  crash(): void {
    this.uploaded = [];
  }

  /** Builds the handoff from what was uploaded, in upload order. */
  handoff(runId: string, sequence: number): HandoffMessage {
    const bySku = new Map(this.options.products.map((p) => [p.sku, p]));
    const products = this.uploaded.map((sku) => bySku.get(sku)).filter((p): p is Product => p !== undefined);
    return createHandoff({ from: 'product', to: 'marketing', runId, sequence, products });
  }

  private async uploadBatch(control: StepControl): Promise<number> {
    const batch = this.nextBatch();
    for (let i = 0; i < batch.length; i++) {
      // Between two uploads, a step the supervisor gave up on stops. (Before the first,
      // a cancelled step never starts: its delay or hang ends with the cancellation.)
      if (i > 0) control.signal.throwIfAborted();
      await this.uploadOne(batch[i] as Product);
    }
    if (this.options.checkpointEvery === 'batch') this.takeCheckpoint();
    return batch.length;
  }

  /** The next `batchSize` products not yet uploaded, in catalogue order. */
  private nextBatch(): Product[] {
    const uploaded = new Set(this.uploaded);
    const batch: Product[] = [];
    for (const product of this.options.products) {
      if (batch.length >= this.batchSize) break;
      if (!uploaded.has(product.sku)) batch.push(product);
    }
    return batch;
  }

  private async upload(product: Product): Promise<void> {
    const { options } = this;
    options.onActivity?.();
    await options.clock.sleep(options.uploadMs);
    options.catalogue.upload(product);
    this.uploaded.push(product.sku);
    const told = options.announce(product.sku);
    if (told !== undefined) await told;
    const every = options.checkpointEvery;
    if (every !== 'batch' && (this.uploaded.length % every === 0 || this.done)) this.takeCheckpoint();
    reportProgress('product', this.uploaded.length / options.products.length);
  }

  private takeCheckpoint(): void {
    this.#checkpoint = { uploaded: [...this.uploaded], takenAt: this.options.clock.now() };
  }
}

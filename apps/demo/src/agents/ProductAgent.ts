import type { Clock } from '@chaos/config';
import { injectCrash, injectDelay, injectTimeout, reportProgress } from '@chaos/faults';
import type { Product } from '@chaos/scenarios';
import type { Heartbeats, StepControl } from './heartbeats.js';

/** The shop's catalogue backend: it keeps every upload it receives, duplicates too. */
export class CatalogueService {
  readonly uploads: string[] = [];
  upload(product: Product): void {
    this.uploads.push(product.sku);
  }
}

/** A checkpoint of the product agent: what it had uploaded when it was taken. */
export interface ProductCheckpoint {
  readonly uploaded: readonly string[];
  readonly takenAt: number;
}

/**
 * Uploads the catalogue in batches. It checkpoints after every batch and tells its
 * peers (pricing, marketing) about every single upload, so a crash mid-batch loses
 * nothing its peers cannot tell a reconstructor.
 */
export class ProductAgent {
  #uploaded: string[] = [];

  constructor(
    private readonly products: readonly Product[],
    private readonly deps: {
      readonly catalogue: CatalogueService;
      /** Tells a peer about an upload (re-sending what arrives damaged). */
      readonly announce: (peer: string, sku: string) => Promise<void>;
      readonly clock: Clock;
      readonly heartbeats: Heartbeats;
      readonly checkpoint: (checkpoint: ProductCheckpoint) => void;
      readonly batchSize: number;
      readonly uploadMs: number;
    },
  ) {}

  get uploaded(): readonly string[] {
    return this.#uploaded;
  }

  get done(): boolean {
    return this.#uploaded.length >= this.products.length;
  }

  /** Uploads the next batch. A hang or a slowdown strikes the whole batch. */
  @injectTimeout({ target: 'product' })
  @injectDelay({ target: 'product' })
  async uploadBatch(control: StepControl): Promise<number> {
    const done = new Set(this.#uploaded);
    const batch = this.products.filter((p) => !done.has(p.sku)).slice(0, this.deps.batchSize);
    for (const product of batch) {
      control.signal.throwIfAborted();
      await this.uploadItem(product);
    }
    this.deps.checkpoint({ uploaded: [...this.#uploaded], takenAt: this.deps.clock.now() });
    return batch.length;
  }

  /** Uploads one product. A crash strikes here, between two uploads of a batch. */
  @injectCrash({ target: 'product' })
  private async uploadItem(product: Product): Promise<void> {
    this.deps.heartbeats.beat('product');
    await this.deps.clock.sleep(this.deps.uploadMs);
    this.deps.catalogue.upload(product);
    this.#uploaded.push(product.sku);
    for (const peer of ['pricing', 'marketing']) await this.deps.announce(peer, product.sku);
    reportProgress('product', this.#uploaded.length / this.products.length);
  }

  /** A restarted process remembers nothing. */
  crash(): void {
    this.#uploaded = [];
  }

  restore(uploaded: readonly string[]): void {
    this.#uploaded = [...uploaded];
  }
}

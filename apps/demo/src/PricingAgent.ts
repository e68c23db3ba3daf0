import { injectCrash } from '@chaos/faults';
import type { MessageBus, Product } from '@chaos/scenarios';

/**
 * Prices products for the campaign (a seasonal discount per category) and, as a peer,
 * remembers every upload the product agent announced to it.
 */
export class PricingAgent {
  static readonly DISCOUNTS: Readonly<Record<string, number>> = { outdoor: 0.15, apparel: 0.1 };

  constructor(private readonly bus: MessageBus) {}

  /** Campaign prices in cents, by SKU: the list price less the category's discount. */
  static campaignPrices(products: readonly Product[]): Map<string, number> {
    return new Map(products.map((p) => [p.sku, Math.round(p.priceCents * (1 - (PricingAgent.DISCOUNTS[p.category] ?? 0)))]));
  }

  /** Campaign prices in cents, as the agent serves them. Sync: a crash here is a sync throw. */
  @injectCrash({ target: 'pricing' })
  quote(products: readonly Product[]): Map<string, number> {
    return PricingAgent.campaignPrices(products);
  }

  /** What `peer` announced to this agent: its peer context for a reconstructor. */
  @injectCrash({ target: 'pricing' })
  recall(peer: string): string[] {
    return this.bus.inbox('pricing', { type: 'uploaded', from: peer }).map((m) => (m.payload as { sku: string }).sku);
  }
}

/**
 * The system under test: a LangGraph.js multi-agent graph of a small shop. A product
 * agent uploads the catalogue, a pricing agent sets campaign prices, and a marketing
 * agent writes the campaign from the handoff it receives, after checking it. All
 * offline: each agent's work is time on the scope's clock, its copy a template.
 */
import { currentChaos, isChaosError } from '@chaos/config';
import { chaosNodes } from '@chaos/faults/langgraph';
import { MessageCorruptionError } from '@chaos/faults';
import { checksumOf } from '@chaos/scenarios';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';

/** One product of the catalogue. */
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly price: number;
}

/** What the product agent hands to the marketing agent, sealed with a checksum. */
export interface Handoff {
  readonly products: readonly Product[];
  readonly checksum: string;
}

export const ShopState = Annotation.Root({
  catalogue: Annotation<readonly Product[]>(),
  uploaded: Annotation<readonly string[]>(),
  prices: Annotation<Readonly<Record<string, number>>>(),
  handoff: Annotation<Handoff | undefined>(),
  campaign: Annotation<string | undefined>(),
});
export type ShopStateValue = typeof ShopState.State;

/** How long each agent works, ms on the scope's clock. */
export const WORK_MS = { product: 1_500, pricing: 500, marketing: 2_000 } as const;

/** The marketing node's run timeout (LangGraph's node `timeout`), ms. */
export const MARKETING_TIMEOUT_MS = 8_000;

/** Seals the products handed over with the reference protocol's checksum (every field but `checksum`). */
function sealHandoff(products: readonly Product[]): Handoff {
  const content = { products };
  return { ...content, checksum: checksumOf(content) };
}

/** A handoff is intact when it holds an array of products and its checksum still matches. */
export function handoffIntact(handoff: Handoff | undefined): boolean {
  return handoff !== undefined && Array.isArray(handoff.products) && handoff.checksum === checksumOf(handoff);
}

/** Counts the node attempts that ran their step to the end, per node. */
export type NodeRuns = Record<'product' | 'pricing' | 'marketing', number>;

/**
 * LangGraph retries a node on any error by default. A crash is not worth retrying in
 * place (the process is gone); the run is resumed from its checkpoint instead.
 */
function retryOn(error: unknown): boolean {
  return !(isChaosError(error) && error.fault === 'crash');
}

/** The shop's graph builder, its nodes wrapped by `@chaos/faults/langgraph` (plan-driven faults). */
export function buildShopGraph(runs: NodeRuns) {
  const retryPolicy = { maxAttempts: 3, initialInterval: 1, jitter: false, logWarning: false, retryOn };
  const product = async (state: ShopStateValue) => {
    await currentChaos().clock.sleep(WORK_MS.product);
    runs.product += 1;
    const uploaded = state.catalogue.map((item) => item.sku);
    return { uploaded, handoff: sealHandoff(state.catalogue) };
  };
  const pricing = async (state: ShopStateValue) => {
    await currentChaos().clock.sleep(WORK_MS.pricing);
    runs.pricing += 1;
    return { prices: Object.fromEntries(state.catalogue.map((item) => [item.sku, Math.round(item.price * 90) / 100])) };
  };
  const marketing = async (state: ShopStateValue) => {
    if (!handoffIntact(state.handoff)) {
      throw new MessageCorruptionError({ target: 'marketing', fields: ['handoff'], message: 'the handoff failed its checksum' });
    }
    await currentChaos().clock.sleep(WORK_MS.marketing);
    runs.marketing += 1;
    const lines = (state.handoff as Handoff).products.map((item) => `${item.name}: now ${(state.prices[item.sku] ?? item.price).toFixed(2)}`);
    return { campaign: `Spring sale: ${lines.join('; ')}` };
  };
  const builder = new StateGraph(ShopState)
    .addNode('product', product, { retryPolicy })
    .addNode('pricing', pricing, { retryPolicy })
    .addNode('marketing', marketing, { retryPolicy, timeout: MARKETING_TIMEOUT_MS })
    .addEdge(START, 'product')
    .addEdge('product', 'pricing')
    .addEdge('pricing', 'marketing')
    .addEdge('marketing', END);
  return chaosNodes(builder);
}

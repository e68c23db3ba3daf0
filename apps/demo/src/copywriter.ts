import type { Clock } from '@chaos/config';
import { injectCrash, injectDelay, injectHallucination, injectTimeout } from '@chaos/faults';
import type { Campaign, HandoffMessage, Product } from '@chaos/scenarios';
import type { MessageBus } from '../MessageBus.js';
import type { LanguageModel } from '../model.js';
import type { Heartbeats, StepControl } from './heartbeats.js';

/** The campaign copy did not match the catalogue it was written from. */
export class CopyMismatchError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`campaign copy does not match the handoff: ${problems.slice(0, 3).join('; ')}`);
    this.name = 'CopyMismatchError';
  }
}

function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/**
 * What is wrong with campaign copy, checked against the products it was written from:
 * the headline may state no number but the product count, and each line must name its
 * product at its campaign price and claim nothing more. Empty when the copy is faithful.
 */
export function copyProblems(
  copy: { readonly headline: string; readonly lines: readonly string[] },
  products: readonly Product[],
  prices: ReadonlyMap<string, number>,
): string[] {
  const problems: string[] = [];
  const numbers = copy.headline.match(/\d+(?:\.\d+)?/g) ?? [];
  if (numbers.some((n) => Number(n) !== products.length) || copy.headline.length > 60) {
    problems.push(`headline ${JSON.stringify(copy.headline)} misstates the catalogue of ${products.length}`);
  }
  if (copy.lines.length !== products.length) problems.push(`${copy.lines.length} lines for ${products.length} products`);
  products.forEach((p, i) => {
    const line = copy.lines[i] ?? '';
    const price = dollars(prices.get(p.sku) ?? p.priceCents);
    if (!line.includes(p.name) || !line.includes(price) || line.length > p.name.length + price.length + 8) {
      problems.push(`line ${i + 1} should name ${p.name} at ${price}, got ${JSON.stringify(line)}`);
    }
  });
  return problems;
}

/**
 * Writes campaign copy from the product handoff with a language model, and checks the
 * copy against the handoff before publishing it: every product named once, at its
 * campaign price. A model that makes something up is caught here.
 */
export class MarketingAgent {
  #handoff: HandoffMessage | undefined;

  constructor(
    private readonly model: LanguageModel,
    private readonly deps: {
      readonly bus: MessageBus;
      readonly clock: Clock;
      readonly heartbeats: Heartbeats;
      readonly quote: (handoff: HandoffMessage) => Map<string, number>;
      readonly thinkMs: number;
    },
  ) {}

  get handoff(): HandoffMessage | undefined {
    return this.#handoff;
  }

  accept(handoff: HandoffMessage): void {
    this.#handoff = handoff;
  }

  /** Writes and checks the campaign. */
  @injectCrash({ target: 'marketing' })
  @injectTimeout({ target: 'marketing' })
  @injectDelay({ target: 'marketing' })
  async writeCampaign(control: StepControl): Promise<Campaign> {
    this.deps.heartbeats.beat('marketing');
    const handoff = this.#handoff;
    const products = handoff?.products ?? [];
    const prices = handoff === undefined ? new Map<string, number>() : this.deps.quote(handoff);
    const prompt = [
      'Write one line of campaign copy per product, keeping names and prices exact.',
      ...products.map((p) => `- ${p.name} at ${dollars(prices.get(p.sku) ?? p.priceCents)}`),
    ].join('\n');
    await this.deps.clock.sleep(this.deps.thinkMs, control.signal);
    const text = await this.draft(prompt, control);
    const [headline = '', ...lines] = text.split('\n');
    const problems = copyProblems({ headline, lines }, products, prices);
    if (problems.length > 0) throw new CopyMismatchError(problems);
    return { headline, lines, skus: products.map((p) => p.sku), handoffChecksum: handoff?.checksum ?? '' };
  }

  /** The model call; a hallucination strikes its output. */
  @injectHallucination({ target: 'model' })
  private async draft(prompt: string, control: StepControl): Promise<string> {
    return this.model.complete(prompt, { signal: control.signal });
  }

  /** What `peer` announced to this agent: peer context for a reconstructor. */
  @injectCrash({ target: 'marketing' })
  async recall(peer: string, control: StepControl): Promise<string[]> {
    this.deps.heartbeats.beat('marketing');
    await this.deps.clock.sleep(100, control.signal);
    return this.deps.bus.received('marketing', { type: 'uploaded', from: peer }).map((m) => (m.payload as { sku: string }).sku);
  }

  crash(): void {
    this.#handoff = undefined;
  }

  restore(handoff: HandoffMessage | undefined): void {
    this.#handoff = handoff;
  }
}

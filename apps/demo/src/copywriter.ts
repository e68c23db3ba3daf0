import type { Clock } from '@chaos/config';
import { injectHallucination } from '@chaos/faults';
import { type Campaign, type Copywriter, formatPrice, type HandoffMessage, type Product, type StepControl } from '@chaos/scenarios';
import type { LanguageModel } from './model.js';

/** The campaign copy did not match the catalogue it was written from. */
export class CopyMismatchError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`campaign copy does not match the handoff: ${problems.slice(0, 3).join('; ')}`);
    this.name = 'CopyMismatchError';
  }
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
    const price = formatPrice(prices.get(p.sku) ?? p.priceCents);
    if (!line.includes(p.name) || !line.includes(price) || line.length > p.name.length + price.length + 8) {
      problems.push(`line ${i + 1} should name ${p.name} at ${price}, got ${JSON.stringify(line)}`);
    }
  });
  return problems;
}

/** What a {@link ModelCopywriter} works with. */
export interface ModelCopywriterOptions {
  readonly clock: Clock;
  /** Time spent preparing the prompt, ms on the run's clock. */
  readonly thinkMs: number;
  /** Campaign prices in cents, by SKU, for the products of a handoff (the pricing agent). */
  readonly quote: (handoff: HandoffMessage) => Map<string, number>;
}

/**
 * The marketing agent's copywriter: it asks a language model for one line of copy per
 * product at its campaign price, and checks the copy against the handoff before it is
 * published. A model that makes something up is caught here: the step fails with a
 * {@link CopyMismatchError}, which the supervisor reads as a hallucination of `model`.
 */
export class ModelCopywriter implements Copywriter {
  constructor(
    private readonly model: LanguageModel,
    private readonly options: ModelCopywriterOptions,
  ) {}

  async write(handoff: HandoffMessage | undefined, control: StepControl): Promise<Campaign> {
    const products = handoff?.products ?? [];
    const prices = handoff === undefined ? new Map<string, number>() : this.options.quote(handoff);
    const prompt = [
      'Write one line of campaign copy per product, keeping names and prices exact.',
      ...products.map((p) => `- ${p.name} at ${formatPrice(prices.get(p.sku) ?? p.priceCents)}`),
    ].join('\n');
    await this.options.clock.sleep(this.options.thinkMs, control.signal);
    const text = await this.draft(prompt, control);
    const [headline = '', ...lines] = text.split('\n');
    const problems = copyProblems({ headline, lines }, products, prices);
    this.model.judged?.(problems.length === 0);
    if (problems.length > 0) throw new CopyMismatchError(problems);
    return { headline, lines, skus: products.map((p) => p.sku), handoffChecksum: handoff?.checksum ?? '' };
  }

  /** The model call; a hallucination strikes its output. */
  @injectHallucination({ target: 'model' })
  private async draft(prompt: string, control: StepControl): Promise<string> {
    return this.model.complete(prompt, { signal: control.signal });
  }
}

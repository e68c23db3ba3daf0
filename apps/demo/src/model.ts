/**
 * The language model behind the marketing agent's copywriter. Anything that turns a
 * prompt into text fits: a hosted model client, a local one, or the deterministic
 * stand-in below. The copywriter checks whatever comes back against the catalogue, so
 * a model that makes something up is caught as a hallucination of `model`. The demo's
 * default is the `CopyAgent` of `llm/CopyAgent.ts`: an agent on the AI SDK.
 *
 * @example An AI SDK model, with faults from `@chaos/faults/ai-sdk`:
 * ```ts
 * import { generateText } from 'ai';
 * const model: LanguageModel = {
 *   name: 'gpt-x',
 *   async complete(prompt, options) {
 *     const { text } = await generateText({ model: chaosModel(openai('gpt-x')), prompt, abortSignal: options?.signal });
 *     return text;
 *   },
 * };
 * createDemoWorkflow({ model });
 * ```
 */
export interface LanguageModel {
  readonly name: string;
  /** The model's text for `prompt`; stops when `signal` aborts (the supervisor gave up on the step). */
  complete(prompt: string, options?: { readonly signal?: AbortSignal }): Promise<string>;
  /**
   * Told, after each `complete`, whether the copy written from its text was published
   * (`faithful`) or refused by the copy check: a model that measures its own recoveries
   * ends them here. Optional.
   */
  judged?(faithful: boolean): void;
}

/**
 * The headline of the demo's campaign copy about `productCount` products: what both
 * deterministic copywriters ({@link TemplateModel} and the copy agent's scripted model)
 * write, so their copy is the same for the same brief.
 */
export function headlineFor(productCount: number): string {
  return productCount === 0 ? 'New arrivals are on their way' : `${productCount} new picks, ready for the season`;
}

/** One product's line of the demo's campaign copy, after the headline: `★ Name at $price`. */
export function copyLine(product: string): string {
  return `★ ${product}`;
}

/**
 * A deterministic local stand-in for a language model: it writes campaign copy from
 * the structured lines of the prompt, so the demo runs offline, instantly and
 * reproducibly. Swap in a real model by implementing {@link LanguageModel}.
 */
export class TemplateModel implements LanguageModel {
  readonly name = 'template-model/1';

  async complete(prompt: string): Promise<string> {
    const products = prompt
      .split('\n')
      .filter((line) => line.startsWith('- '))
      .map((line) => line.slice(2));
    return [headlineFor(products.length), ...products.map(copyLine)].join('\n');
  }
}

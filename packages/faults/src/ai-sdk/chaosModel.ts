import { formatValue } from '@chaos/config';
import { type ChaosCallParams, type ChaosMiddlewareOptions, chaosMiddleware } from './chaosMiddleware.js';

/** A language model of AI SDK 6 (`v3`) or 7 (`v4`), as far as `chaosModel` needs it. */
export interface ChaosLanguageModelLike {
  readonly specificationVersion: string;
  readonly provider: string;
  readonly modelId: string;
  // The call options and results are the SDK's own: they pass through untouched.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  doGenerate(options: any): PromiseLike<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  doStream(options: any): PromiseLike<any>;
}

/**
 * The model with faults, in one call: what `wrapLanguageModel({ model, middleware:
 * chaosMiddleware(options) })` gives, without loading the SDK. The result is the model
 * itself in every respect (its class, its fields, its mock call records) but
 * `doGenerate` and `doStream`; the model is not changed.
 *
 * @param model - a language model object of specification `v3` (AI SDK 6) or `v4` (AI SDK 7)
 * @param options - as {@link chaosMiddleware}
 * @throws `TypeError` when `model` is not such a model, or an option is invalid
 * @example
 * ```ts
 * const model = chaosModel(openai('gpt-4o'), { rateLimit: 0.2, slowTokens: { probability: 0.1, delayMs: 300 } });
 * const { text } = await generateText({ model, prompt, maxRetries: 0 });
 * ```
 */
export function chaosModel<Model extends ChaosLanguageModelLike>(model: Model, options: ChaosMiddlewareOptions = {}): Model {
  const shape = model as Partial<ChaosLanguageModelLike> | null;
  if (typeof shape !== 'object' || shape === null || typeof shape.doGenerate !== 'function' || typeof shape.doStream !== 'function') {
    throw new TypeError(`Expected \`model\` to be a language model object (with doGenerate and doStream), got \`${formatValue(model)}\``);
  }
  if (shape.specificationVersion !== 'v3' && shape.specificationVersion !== 'v4') {
    throw new TypeError(
      `Expected \`model\` of specification "v3" (AI SDK 6) or "v4" (AI SDK 7), got \`${formatValue(shape.specificationVersion)}\`: wrap it with the SDK's wrapLanguageModel and chaosMiddleware`,
    );
  }
  const middleware = chaosMiddleware(options);
  const doGenerate = (params: ChaosCallParams): PromiseLike<unknown> =>
    middleware.wrapGenerate({ doGenerate: () => model.doGenerate(params), doStream: () => model.doStream(params), params, model });
  const doStream = (params: ChaosCallParams): PromiseLike<unknown> =>
    middleware.wrapStream({
      doGenerate: () => model.doGenerate(params),
      doStream: () => model.doStream(params) as PromiseLike<{ stream: ReadableStream<unknown> }>,
      params,
      model,
    });
  return new Proxy(model, {
    get(target, key) {
      if (key === 'doGenerate') return doGenerate;
      if (key === 'doStream') return doStream;
      // The model as receiver, so getters reading private state work.
      return Reflect.get(target, key, target) as unknown;
    },
  });
}

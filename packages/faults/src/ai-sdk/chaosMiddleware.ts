import { type ChaosRuntime, type Tags, checkOption, currentChaos, oneOfCheck, validateTags } from '@chaos/config';
import { settleStreamWith, settleWith, watchCall } from './_internals/watchCall.js';
import { checkKnownKeys, checkTarget } from '../_internals/validate.js';
import { FaultDecider, type FiredFault } from './_internals/FaultDecider.js';
import { drawLatency } from './_internals/latency.js';
import type { Part } from './answerEdits.js';
import { type ErrorContext, apiError, connectionTimeoutError } from './apiErrors.js';
import { parseFaultOption, refuseForeignFaults } from './faultOptions.js';
import { type GenerateResultLike, applyToGenerateResult } from './generateFaults.js';
import { API_ERROR_FAULTS, MODEL_FAULTS, type ModelFaultOptions, type ModelFaultSpec } from './modelFaults.js';
import { type StreamEnv, faultStream } from './stream/faultStream.js';
import { stagesFor } from './stream/stagesFor.js';

/** Options of {@link chaosMiddleware} and {@link chaosModel}: the faults, and where they aim. */
export interface ChaosMiddlewareOptions extends ModelFaultOptions {
  /**
   * The name plan rules aim at, events report, and the fault streams are labelled by.
   * @defaultValue the model's `modelId`
   */
  readonly target?: string;
  /**
   * The calls that get faults: `'generate'` (`generateText`, `generateObject`),
   * `'stream'` (`streamText`, `streamObject`), or `'both'`. With `'generate'`, a
   * stream-only fault (`slowTokens`, `streamCut`, `corruptChunks`) is refused, since
   * it could never fire.
   * @defaultValue `'both'`
   */
  readonly calls?: 'generate' | 'stream' | 'both';
  /** Labels carried by every fault event of this middleware (the model, the prompt version…). */
  readonly tags?: Tags;
}

/** A language model as the middleware reads it, whatever its specification version. */
export interface ChaosModelInfo {
  readonly provider: string;
  readonly modelId: string;
}

/** The call options the middleware reads (the rest is passed on untouched). */
export interface ChaosCallParams {
  readonly abortSignal?: AbortSignal | undefined;
  readonly prompt?: unknown;
  readonly tools?: unknown;
  readonly responseFormat?: unknown;
}

/**
 * The middleware: a `LanguageModelV3Middleware` for AI SDK 6, which AI SDK 7's
 * `wrapLanguageModel` accepts as well (it calls it with v4 models, whose calls and
 * parts are the same in everything the faults touch).
 */
export interface ChaosLanguageModelMiddleware {
  readonly specificationVersion: 'v3';
  wrapGenerate<Result>(options: {
    doGenerate: () => PromiseLike<Result>;
    doStream: () => PromiseLike<unknown>;
    params: ChaosCallParams;
    model: ChaosModelInfo;
  }): PromiseLike<Result>;
  wrapStream<Result extends { readonly stream: ReadableStream<unknown> }>(options: {
    doGenerate: () => PromiseLike<unknown>;
    doStream: () => PromiseLike<Result>;
    params: ChaosCallParams;
    model: ChaosModelInfo;
  }): PromiseLike<Result>;
}

const TOOL_FAULTS: Readonly<Record<string, string>> = {
  error: 'tools: use `chaosTool` / `chaosTools`',
  empty: 'tools: use `chaosTool` / `chaosTools`',
  mutate: 'tools: use `chaosTool` / `chaosTools` (a model\'s wrong answer is `hallucination`)',
  slow: 'tools: use `chaosTool` / `chaosTools` (a slow model is `slowFirstToken` / `slowTokens`)',
};

const KEYS = ['target', 'calls', 'tags', ...MODEL_FAULTS.map((spec) => spec.name)];
const OWNER = 'chaosMiddleware';
const CALLS = oneOfCheck(['generate', 'stream', 'both']);
const onGenerate = (spec: ModelFaultSpec): boolean => !spec.streamOnly;
const onStream = (): boolean => true;

/**
 * Faults at the model, for the AI SDK's `wrapLanguageModel`: API errors a provider
 * sends (`APICallError`s that `APICallError.isInstance` recognises, retryable or not as
 * a provider's), hangs, slow and cut streams, and wrong, empty, truncated or malformed
 * answers. Each fires with its `probability`, its `trigger`, or a rule of the scope's
 * fault plan (`model.rateLimit` at the model id); decisions come from the scope's seeded
 * streams and every wait from the scope's clock, so a run replays exactly and virtual
 * time costs no wall time. Every fired fault emits a fault event.
 *
 * With chaos disabled the model is called straight through: the call's own promise and
 * stream, no transform. Enabled, a call that no fault hits is passed through too.
 *
 * @param options - the faults (see {@link ModelFaultOptions}), `target`, `calls`
 * @throws `TypeError` at once when an option is invalid or unknown, when it names a
 *   tool fault, or when a stream fault is given with `calls: 'generate'`
 * @example
 * ```ts
 * const model = wrapLanguageModel({
 *   model: openai('gpt-4o'),
 *   middleware: chaosMiddleware({ rateLimit: 0.1, streamCut: { probability: 0.05, mode: 'hang' } }),
 * });
 * ```
 */
export function chaosMiddleware(options: ChaosMiddlewareOptions = {}): ChaosLanguageModelMiddleware {
  if (typeof options === 'object' && options !== null) refuseForeignFaults(OWNER, options, TOOL_FAULTS);
  checkKnownKeys(options, KEYS, OWNER);
  const targetOption = checkTarget('target', options.target);
  const calls = (checkOption('calls', options.calls, CALLS) as ChaosMiddlewareOptions['calls']) ?? 'both';
  const tags = validateTags(options.tags, 'tags');
  const record = options as Readonly<Record<string, unknown>>;
  const faults = MODEL_FAULTS.filter((spec) => record[spec.name] !== undefined).map((spec) => parseFaultOption(OWNER, spec, record[spec.name]));
  if (calls === 'generate') {
    const streamOnly = faults.find((fault) => fault.spec.streamOnly);
    if (streamOnly !== undefined) {
      throw new TypeError(`\`${streamOnly.spec.name}\` only applies to streamed calls, but \`calls\` is "generate": it could never fire`);
    }
  }
  const decider = new FaultDecider(MODEL_FAULTS, faults, 'model', tags);
  return {
    specificationVersion: 'v3',
    wrapGenerate({ doGenerate, params, model }) {
      const runtime = currentChaos();
      if (!runtime.config.enabled || calls === 'stream') return doGenerate();
      const target = targetOption ?? model.modelId;
      const fired = decider.decide(runtime, target, onGenerate);
      const watch = watchCall(runtime, target, fired !== undefined);
      if (fired === undefined) return settleWith(watch, doGenerate);
      return settleWith(watch, () => faultedGenerate(new FaultedCall(runtime, decider, fired, params, model), doGenerate));
    },
    wrapStream({ doStream, params, model }) {
      const runtime = currentChaos();
      if (!runtime.config.enabled || calls === 'generate') return doStream();
      const target = targetOption ?? model.modelId;
      const fired = decider.decide(runtime, target, onStream);
      const watch = watchCall(runtime, target, fired !== undefined);
      if (fired === undefined) return settleStreamWith(watch, doStream);
      return settleStreamWith(watch, () => faultedStream(new FaultedCall(runtime, decider, fired, params, model), doStream));
    },
  };
}

/** One call some faults fired on. */
class FaultedCall {
  readonly errorContext: ErrorContext;

  constructor(
    readonly runtime: ChaosRuntime,
    readonly decider: FaultDecider<ModelFaultSpec>,
    readonly fired: FiredFault<ModelFaultSpec>[],
    readonly params: ChaosCallParams,
    model: ChaosModelInfo,
  ) {
    this.errorContext = { provider: model.provider, modelId: model.modelId, prompt: params.prompt };
  }

  /**
   * What happens before the model answers: the first API error that fired is thrown,
   * a hang waits then fails, and (for `generate`) the first-token delay waits.
   */
  async beforeAnswer(streamed: boolean): Promise<void> {
    const { runtime, decider } = this;
    const signal = this.params.abortSignal;
    for (const fired of this.fired) {
      const { name } = fired.spec;
      const settings = fired.settings;
      if (API_ERROR_FAULTS.has(name) && !(name === 'contentFilter' && settings['as'] === 'finish')) {
        const error = apiError(name, settings, this.errorContext);
        decider.emit(runtime, fired, {
          statusCode: error.statusCode,
          isRetryable: error.isRetryable,
          message: error.message,
          ...(error.responseHeaders?.['retry-after-ms'] === undefined ? {} : { retryAfterMs: Number(error.responseHeaders['retry-after-ms']) }),
        });
        throw error;
      }
      if (name === 'timeout') {
        const timeoutSeconds = (settings['timeoutSeconds'] as number | undefined) ?? runtime.config.timeoutSeconds;
        decider.emit(runtime, fired, { timeoutSeconds });
        await runtime.clock.sleep(timeoutSeconds * 1000, signal);
        throw connectionTimeoutError(this.errorContext);
      }
      if (name === 'slowFirstToken' && !streamed) {
        const latency = drawLatency(settings, runtime.config.delayMs, runtime.stream(fired.site.detailLabel));
        decider.emit(runtime, fired, { ...latency });
        await runtime.clock.sleep(latency.delayMs, signal);
      }
    }
  }
}

async function faultedGenerate<Result>(call: FaultedCall, doGenerate: () => PromiseLike<Result>): Promise<Result> {
  await call.beforeAnswer(false);
  const result = await doGenerate();
  return applyToGenerateResult(call, call.fired, result as GenerateResultLike) as Result;
}

async function faultedStream<Result extends { readonly stream: ReadableStream<unknown> }>(
  call: FaultedCall,
  doStream: () => PromiseLike<Result>,
): Promise<Result> {
  await call.beforeAnswer(true);
  const result = await doStream();
  const env: StreamEnv = {
    runtime: call.runtime,
    decider: call.decider,
    params: call.params,
    signal: call.params.abortSignal,
    errorContext: call.errorContext,
    closed: false,
  };
  const stages = stagesFor(env, call.fired);
  if (stages.length === 0) return result;
  return { ...result, stream: faultStream(result.stream as ReadableStream<Part>, stages, env) };
}

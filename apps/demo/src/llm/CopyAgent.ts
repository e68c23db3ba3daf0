import type { Clock } from '@chaos/config';
import { chaosMiddleware, retryMiddleware } from '@chaos/faults/ai-sdk';
import type { ResilienceMetrics } from '@chaos/metrics';
import { APICallError, generateText, RetryError, type ModelMessage, stepCountIs, streamText, type LanguageModelMiddleware, type ToolCallRepairFunction, type ToolSet, wrapLanguageModel } from 'ai';
import type { LanguageModel } from '../model.js';
import { AgentRecoveries } from './AgentRecoveries.js';
import { briefProducts, MODEL_ID, PRICE_TOOL, scriptedLlm } from './scriptedLlm.js';
import { priceTool } from './priceTool.js';

/** How the copy agent meets LLM faults. */
export interface LlmHandling {
  /**
   * Retry a failed model call (rate limit, outage) with back-off on the run's clock,
   * honouring `retry-after` — the SDK's own retry, moved onto the clock by
   * `retryMiddleware`. When false, the agent asks again at once when nothing came back.
   */
  readonly retry: boolean;
  /**
   * When an answer is cut or ends unfinished, ask again for the answer alone, keeping
   * the tool results already in (resume). When false, whatever text came is returned.
   */
  readonly resume: boolean;
  /** How long the price tool may take before the agent falls back to the brief's prices; `undefined` waits for ever. */
  readonly toolDeadlineMs: number | undefined;
  /** Repair a malformed tool call by asking the model for it again. */
  readonly repair: boolean;
}

/** The copy agent as it should be: every LLM fault handled where it strikes. */
export const CAREFUL_HANDLING: LlmHandling = { retry: true, resume: true, toolDeadlineMs: 2_000, repair: true };

/**
 * The copy agent with its LLM handling broken on purpose (`pnpm demo
 * --broken-llm-handling`): the SDK's retry turned off and an immediate re-ask in its
 * place (retry-after ignored), a cut answer returned as it is, no deadline on the
 * tool, no repair of a malformed tool call.
 */
export const BROKEN_HANDLING: LlmHandling = { retry: false, resume: false, toolDeadlineMs: undefined, repair: false };

/** Attempts at one answer: the first, then re-asks. */
const ATTEMPTS = 3;

/** What a {@link CopyAgent} works with. */
export interface CopyAgentOptions {
  readonly clock: Clock;
  readonly metrics: ResilienceMetrics;
  readonly runId: string;
  /** The live campaign price of a product, by name (the shop's price list), or undefined. */
  readonly livePrice: (name: string) => string | undefined;
  /** Called on each model and tool call: a sign of life for the heartbeat monitor. */
  readonly onActivity?: () => void;
  /** @defaultValue {@link CAREFUL_HANDLING} */
  readonly handling?: LlmHandling;
}

/** How one attempt at the answer ended. */
interface Attempt {
  readonly text: string;
  /** The answer finished normally (`stop`, with no error part). */
  readonly finished: boolean;
  /** The error part the stream carried, if any. */
  readonly error: unknown;
  /** The conversation up to the last tool result: what a resumed attempt starts from. */
  readonly resumeFrom: ModelMessage[];
}

/**
 * The marketing agent's language model, as a real agent on the AI SDK: `streamText`
 * with the `lookupPrices` tool on a model wrapped by `chaosMiddleware` (and the tool by
 * `chaosTool`), so a fault plan can put rate limits, cut streams, hanging tools and
 * malformed tool calls exactly where a hosted model would. The model is the SDK's mock
 * model driven by a deterministic script (see `scriptedLlm.ts`). Its handling of those
 * faults is {@link LlmHandling}; each fault it handles is measured as a recovery of the
 * model (or tool), tagged with the reflex, ending when the copy is judged.
 */
export class CopyAgent implements LanguageModel {
  readonly name = 'copy-agent/ai-sdk';
  /** Model calls made, attempts and retries included. */
  modelCalls = 0;
  readonly #handling: LlmHandling;
  readonly #recoveries: AgentRecoveries;
  readonly #model: ReturnType<typeof wrapLanguageModel>;
  readonly #tools: ToolSet;
  #brief = '';

  constructor(private readonly options: CopyAgentOptions) {
    this.#handling = options.handling ?? CAREFUL_HANDLING;
    this.#recoveries = new AgentRecoveries(options.metrics, options.runId);
    const observe = this.#observer();
    const chaos = chaosMiddleware({ target: MODEL_ID });
    this.#model = wrapLanguageModel({
      model: scriptedLlm(),
      middleware: this.#handling.retry ? [retryMiddleware({ maxRetries: 5, initialDelayMs: 1_000 }), observe, chaos] : [observe, chaos],
    });
    const lookup = priceTool({
      clock: options.clock,
      livePrice: options.livePrice,
      briefPrice: (name) => briefProducts(this.#brief).find((p) => p.name === name)?.price,
      deadlineMs: this.#handling.toolDeadlineMs,
      onActivity: () => options.onActivity?.(),
      onFallback: () => this.#recoveries.noticed('fallback'),
    });
    this.#tools = { [PRICE_TOOL]: lookup };
  }

  async complete(prompt: string, options?: { readonly signal?: AbortSignal }): Promise<string> {
    this.#brief = prompt;
    const signal = options?.signal;
    let messages: ModelMessage[] = [{ role: 'user', content: prompt }];
    let last: Attempt | undefined;
    try {
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        last = await this.#attempt(messages, signal);
        if (last.finished) return last.text;
        const nothingCame = last.text === '' && last.resumeFrom.length === messages.length;
        // Without a retry policy, a refused call is asked again at once (retry-after ignored).
        if (!this.#handling.retry && nothingCame && isApiError(last.error)) continue;
        if (!this.#handling.resume) {
          if (last.text !== '' || last.error === undefined) return last.text;
          throw last.error;
        }
        // The retry gave up, or the provider refused for good: nothing to resume.
        if (RetryError.isInstance(last.error) || (isApiError(last.error) && !last.error.isRetryable)) throw last.error;
        // Cut or unfinished: ask again for the answer alone, from the last tool result.
        this.#recoveries.noticed('resume');
        messages = last.resumeFrom;
      }
      throw last?.error ?? new Error(`the model gave no finished answer in ${ATTEMPTS} attempts`);
    } catch (error: unknown) {
      this.#recoveries.gaveUp(error);
      throw error;
    }
  }

  /** The copy written from the last answer was published (`faithful`) or refused. */
  judged(faithful: boolean): void {
    this.#recoveries.judged(faithful);
  }

  /** One `streamText` call: the tool step (when not yet done) and the answer. */
  async #attempt(messages: ModelMessage[], signal: AbortSignal | undefined): Promise<Attempt> {
    let error: unknown;
    const result = streamText({
      model: this.#model,
      system: 'You write campaign copy: one line per product, names and prices exact. Check prices with lookupPrices first.',
      messages,
      tools: this.#tools,
      stopWhen: stepCountIs(2),
      // The SDK's own retry sleeps on real timers: off, `retryMiddleware` retries on the run's clock.
      maxRetries: 0,
      ...(signal === undefined ? {} : { abortSignal: signal }),
      ...(this.#handling.repair ? { experimental_repairToolCall: this.#repair() } : {}),
      onError: () => undefined,
    });
    for await (const part of result.fullStream) if (part.type === 'error') error ??= part.error;
    if (signal?.aborted) throw signal.reason;
    const text = await settled(result.text, '');
    const finishReason = await settled<string>(result.finishReason, 'error');
    const generated: ModelMessage[] = await settled(Promise.resolve(result.response).then((r) => r.messages), []);
    const lastTool = generated.map((m) => m.role).lastIndexOf('tool');
    return {
      text,
      finished: error === undefined && finishReason === 'stop',
      error,
      resumeFrom: [...messages, ...generated.slice(0, lastTool + 1)],
    };
  }

  /** Counts model calls and beats; with careful handling, a failed call is noticed before it is retried. */
  #observer() {
    const seen = async <T>(call: () => PromiseLike<T>): Promise<T> => {
      this.modelCalls += 1;
      this.options.onActivity?.();
      try {
        return await call();
      } catch (error: unknown) {
        if (this.#handling.retry && isApiError(error) && error.isRetryable) this.#recoveries.noticed('retry');
        throw error;
      }
    };
    const middleware: LanguageModelMiddleware = {
      specificationVersion: 'v3',
      wrapGenerate: ({ doGenerate }) => seen(doGenerate),
      wrapStream: ({ doStream }) => seen(doStream),
    };
    return middleware;
  }

  /** Repairs a malformed tool call by asking the model for it again, with the tool forced. */
  #repair(): ToolCallRepairFunction<ToolSet> {
    return async ({ messages, system, toolCall }) => {
      this.#recoveries.noticed('repair');
      const toolName = toolCall.toolName in this.#tools ? toolCall.toolName : PRICE_TOOL;
      const again = await generateText({
        model: this.#model,
        ...(system === undefined ? {} : { system }),
        messages,
        tools: this.#tools,
        toolChoice: { type: 'tool', toolName },
        maxRetries: 0,
      });
      const call = again.toolCalls[0];
      return call === undefined ? null : { ...toolCall, toolName: call.toolName, input: JSON.stringify(call.input) };
    };
  }
}

/** The value of a promise the SDK may reject (no output after an error part), or `fallback`. */
async function settled<T>(promise: PromiseLike<T>, fallback: T): Promise<T> {
  try {
    return await promise;
  } catch {
    return fallback;
  }
}

function isApiError(error: unknown): error is APICallError {
  return APICallError.isInstance(error);
}

import { APICallError, getErrorMessage } from '@ai-sdk/provider';
import { currentChaos, formatValue } from '@chaos/config';
import { RetryError } from 'ai';
import { checkDuration, checkFunction, checkIndex, checkKnownKeys, isAbortSignal } from '../_internals/validate.js';
import type { ChaosCallParams, ChaosModelInfo } from './chaosMiddleware.js';

/** Options of {@link retry} and {@link retryMiddleware}: the AI SDK's retry policy. */
export interface RetryOptions {
  /** Retries after the first attempt; `0` retries nothing. @defaultValue `2` (as the SDK) */
  readonly maxRetries?: number;
  /** The first wait, in milliseconds on the scope's clock. @defaultValue `2000` (as the SDK) */
  readonly initialDelayMs?: number;
  /** Each wait is the previous one times this. @defaultValue `2` (as the SDK) */
  readonly backoffFactor?: number;
  /**
   * Which errors are retried.
   * @defaultValue an `APICallError` with `isRetryable` (as the SDK: 408, 409, 429, 5xx and
   *   failed connections)
   */
  readonly shouldRetry?: (error: unknown) => boolean;
  /** Ends the waits: the retry rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

const KEYS = ['maxRetries', 'initialDelayMs', 'backoffFactor', 'shouldRetry', 'signal'];

interface RetryPolicy {
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  readonly backoffFactor: number;
  readonly shouldRetry: (error: unknown) => boolean;
}

function isRetryableApiError(error: unknown): boolean {
  return APICallError.isInstance(error) && error.isRetryable;
}

function policyOf(options: RetryOptions, owner: string, keys: readonly string[]): RetryPolicy {
  checkKnownKeys(options, keys, owner);
  const backoffFactor = checkDuration('backoffFactor', options.backoffFactor) ?? 2;
  if (backoffFactor < 1) throw new TypeError(`Expected \`backoffFactor\` to be a finite number >= 1, got \`${formatValue(backoffFactor)}\``);
  if (options.signal !== undefined && !isAbortSignal(options.signal)) {
    throw new TypeError(`Expected \`signal\` to be an AbortSignal, got \`${formatValue(options.signal)}\``);
  }
  return {
    maxRetries: checkIndex('maxRetries', options.maxRetries) ?? 2,
    initialDelayMs: checkDuration('initialDelayMs', options.initialDelayMs) ?? 2000,
    backoffFactor,
    shouldRetry: checkFunction<(error: unknown) => boolean>('shouldRetry', options.shouldRetry) ?? isRetryableApiError,
  };
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'ResponseAborted' || error.name === 'TimeoutError');
}

/**
 * The wait before the next attempt, as the SDK computes it: the provider's
 * `retry-after-ms`, else `retry-after` in seconds, when it is under a minute (or under
 * the backoff); else the backoff. A `retry-after` given as an HTTP date is not read
 * (it needs the wall clock): the backoff applies.
 */
function delayOf(error: unknown, backoffMs: number): number {
  const source = APICallError.isInstance(error) ? error : APICallError.isInstance((error as { cause?: unknown } | null)?.cause) ? (error as { cause: APICallError }).cause : undefined;
  const headers = source?.responseHeaders;
  if (headers === undefined) return backoffMs;
  let ms: number | undefined;
  const afterMs = headers['retry-after-ms'];
  if (afterMs) {
    const parsed = parseFloat(afterMs);
    if (!Number.isNaN(parsed)) ms = parsed;
  }
  const after = headers['retry-after'];
  if (after && ms === undefined) {
    const seconds = parseFloat(after);
    if (!Number.isNaN(seconds)) ms = seconds * 1000;
  }
  return ms !== undefined && ms >= 0 && (ms < 60_000 || ms < backoffMs) ? ms : backoffMs;
}

async function run<T>(fn: () => PromiseLike<T>, policy: RetryPolicy, signal: AbortSignal | undefined): Promise<T> {
  // The clock of the scope the retry started in: its waits are virtual under virtual time.
  const clock = currentChaos().clock;
  const errors: unknown[] = [];
  let backoffMs = policy.initialDelayMs;
  for (;;) {
    try {
      return await fn();
    } catch (error: unknown) {
      if (isAbortError(error) || policy.maxRetries === 0) throw error;
      errors.push(error);
      const attempts = errors.length;
      const message = getErrorMessage(error);
      if (attempts > policy.maxRetries) {
        throw new RetryError({ message: `Failed after ${attempts} attempts. Last error: ${message}`, reason: 'maxRetriesExceeded', errors });
      }
      if (!policy.shouldRetry(error)) {
        if (attempts === 1) throw error;
        throw new RetryError({ message: `Failed after ${attempts} attempts with non-retryable error: '${message}'`, reason: 'errorNotRetryable', errors });
      }
      await clock.sleep(delayOf(error, backoffMs), signal);
      backoffMs *= policy.backoffFactor;
    }
  }
}

/**
 * Calls `fn` again after a retryable failure, exactly as the AI SDK retries a model
 * call — same defaults, same `retry-after` handling, the same `RetryError` at the end
 * (or the error itself when the first attempt fails for good) — but waiting on the
 * scope's clock: under virtual time a campaign of rate-limited calls costs no wall
 * time. Outside a scope it waits on the real clock, so production code may use it too.
 *
 * @throws `TypeError` at once when an option is invalid or unknown
 * @example
 * ```ts
 * const { text } = await retry(() => generateText({ model, prompt, maxRetries: 0 }));
 * ```
 */
export function retry<T>(fn: () => PromiseLike<T>, options: RetryOptions = {}): Promise<T> {
  if (typeof fn !== 'function') throw new TypeError(`Expected \`fn\` to be a function, got \`${formatValue(fn)}\``);
  const policy = policyOf(options, 'retry', KEYS);
  return run(fn, policy, options.signal);
}

/** The retry middleware: the SDK's model-call retry, on the scope's clock. */
export interface RetryLanguageModelMiddleware {
  readonly specificationVersion: 'v3';
  wrapGenerate<Result>(options: {
    doGenerate: () => PromiseLike<Result>;
    doStream: () => PromiseLike<unknown>;
    params: ChaosCallParams;
    model: ChaosModelInfo;
  }): PromiseLike<Result>;
  wrapStream<Result>(options: {
    doGenerate: () => PromiseLike<unknown>;
    doStream: () => PromiseLike<Result>;
    params: ChaosCallParams;
    model: ChaosModelInfo;
  }): PromiseLike<Result>;
}

/**
 * The AI SDK's own retry of each model call, moved into a middleware whose waits are
 * on the scope's clock. Use it with the SDK's retry off (`maxRetries: 0`), outside
 * `chaosMiddleware` so that each attempt can meet a fault:
 *
 * ```ts
 * const model = wrapLanguageModel({ model: base, middleware: [retryMiddleware(), chaosMiddleware({ rateLimit: 0.3 })] });
 * await generateText({ model, prompt, maxRetries: 0 });
 * ```
 *
 * Each wait ends with the call's abort signal.
 *
 * @param options - as {@link retry}, without `signal` (the call's own is used)
 * @throws `TypeError` at once when an option is invalid or unknown
 */
export function retryMiddleware(options: Omit<RetryOptions, 'signal'> = {}): RetryLanguageModelMiddleware {
  const policy = policyOf(options, 'retryMiddleware', KEYS.filter((key) => key !== 'signal'));
  return {
    specificationVersion: 'v3',
    wrapGenerate: ({ doGenerate, params }) => run(doGenerate, policy, params.abortSignal),
    wrapStream: ({ doStream, params }) => run(doStream, policy, params.abortSignal),
  };
}

import { APICallError } from '@ai-sdk/provider';
import type { ModelFaultName } from './modelFaults.js';

/*
 * The errors a provider sends, made with the user's own `APICallError` so that the
 * SDK's retry, `APICallError.isInstance` and users' handlers treat them exactly as a
 * provider's: the statuses, bodies and headers follow what the large providers send.
 */

/** What an injected error is about: the model and the request that failed. */
export interface ErrorContext {
  readonly provider: string;
  readonly modelId: string;
  readonly prompt: unknown;
}

interface ErrorShape {
  readonly statusCode: number;
  readonly type: string;
  readonly code: string | null;
  readonly message: string;
}

function shapeOf(fault: ModelFaultName, settings: Readonly<Record<string, unknown>>): ErrorShape {
  switch (fault) {
    case 'rateLimit': {
      const after = retryAfterOf(settings);
      const wait = after === null ? 'later' : `in ${after < 1000 ? `${after}ms` : `${after / 1000}s`}`;
      return { statusCode: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', message: `Rate limit reached for requests. Please try again ${wait}.` };
    }
    case 'serverError': {
      const statusCode = (settings['statusCode'] as number | undefined) ?? 500;
      return statusCode === 503
        ? { statusCode, type: 'server_error', code: null, message: 'The engine is currently overloaded, please try again later.' }
        : { statusCode, type: 'server_error', code: null, message: 'The server had an error while processing your request. Sorry about that!' };
    }
    case 'overloaded':
      return { statusCode: 529, type: 'overloaded_error', code: null, message: 'Overloaded' };
    case 'contextLength':
      return {
        statusCode: 400,
        type: 'invalid_request_error',
        code: 'context_length_exceeded',
        message:
          "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.",
      };
    case 'contentFilter':
      return {
        statusCode: 400,
        type: 'invalid_request_error',
        code: 'content_filter',
        message: "The response was filtered due to the prompt triggering the content management policy. Please modify your prompt and retry.",
      };
    case 'authError':
      return { statusCode: 401, type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' };
    default:
      throw new TypeError(`\`${fault}\` is not an API error fault`);
  }
}

function retryAfterOf(settings: Readonly<Record<string, unknown>>): number | null {
  const value = settings['retryAfterMs'];
  return value === undefined ? 1000 : (value as number | null);
}

function urlOf(context: ErrorContext): string {
  return `https://chaos.invalid/${encodeURIComponent(context.provider)}/${encodeURIComponent(context.modelId)}`;
}

/**
 * The `APICallError` of an API error fault (`rateLimit`, `serverError`, …), with the
 * status, body, headers and retryability a provider gives it.
 */
export function apiError(fault: ModelFaultName, settings: Readonly<Record<string, unknown>>, context: ErrorContext): APICallError {
  const shape = shapeOf(fault, settings);
  const message = (settings['message'] as string | undefined) ?? shape.message;
  const data = { error: { message, type: shape.type, param: null, code: shape.code } };
  const responseHeaders: Record<string, string> = { 'content-type': 'application/json' };
  if (fault === 'rateLimit') {
    const after = retryAfterOf(settings);
    if (after !== null) {
      responseHeaders['retry-after-ms'] = String(after);
      responseHeaders['retry-after'] = String(Math.ceil(after / 1000));
    }
  }
  return new APICallError({
    message,
    url: urlOf(context),
    requestBodyValues: { model: context.modelId, prompt: context.prompt },
    statusCode: shape.statusCode,
    responseHeaders,
    responseBody: JSON.stringify(data),
    // As the SDK decides for a provider's response: 408, 409, 429 and 5xx are retried.
    isRetryable: shape.statusCode === 429 || shape.statusCode >= 500,
    data,
  });
}

/**
 * What a call that hung gets when the connection gives up: the SDK's wrapping of a
 * fetch that failed (no status, retryable), as for an HTTP client's headers timeout.
 */
export function connectionTimeoutError(context: ErrorContext): APICallError {
  const cause = Object.assign(new Error('Headers Timeout Error'), { name: 'HeadersTimeoutError', code: 'UND_ERR_HEADERS_TIMEOUT' });
  return new APICallError({
    message: `Cannot connect to API: ${cause.message}`,
    url: urlOf(context),
    requestBodyValues: { model: context.modelId, prompt: context.prompt },
    cause,
    isRetryable: true,
  });
}

/** What reading a stream whose connection was reset throws, as Node's fetch does. */
export function connectionResetError(): TypeError {
  const cause = Object.assign(new Error('other side closed'), { name: 'SocketError', code: 'UND_ERR_SOCKET' });
  return new TypeError('terminated', { cause });
}

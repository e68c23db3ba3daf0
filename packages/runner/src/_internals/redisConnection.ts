import { cancellableSleep, realClock } from '@chaos/config';
import { Redis } from 'ioredis';
import { describeError } from '@chaos/format';
import { RedisConnectionError } from '../RedisConnectionError.js';
import { redactRedisUrl } from './redisUrl.js';

/** Why a connection attempt gave up: one shared value, compared by identity. */
export const TIMED_OUT = Symbol('timed out');

/** Waits for `work` at most `timeoutMs` of wall time; resolves to TIMED_OUT past it. */
export async function within<T>(work: Promise<T>, timeoutMs: number): Promise<T | typeof TIMED_OUT> {
  const deadline = cancellableSleep(realClock, timeoutMs);
  try {
    return await Promise.race([work, deadline.done.then((): typeof TIMED_OUT => TIMED_OUT)]);
  } finally {
    deadline.cancel(TIMED_OUT);
  }
}

export function unreachable(url: string, why: string, cause?: unknown): RedisConnectionError {
  const shown = redactRedisUrl(url);
  return new RedisConnectionError('CHAOS_REDIS_UNREACHABLE', shown, `Cannot reach Redis at ${shown}: ${why}`, cause);
}

/**
 * A connected Redis client that BullMQ can use: commands wait through a reconnection
 * (`maxRetriesPerRequest: null`, as BullMQ's workers require) and the client keeps
 * reconnecting, every 0.2–2 s, until it is closed. Connection errors go to `onError`
 * (an ioredis client without an `error` listener would crash the process).
 *
 * @throws {@link RedisConnectionError} (`CHAOS_REDIS_UNREACHABLE`) when the first
 * connection is not ready within `timeoutMs`; the client is then closed
 */
export async function openRedis(url: string, name: string, timeoutMs: number, onError: (error: unknown) => void): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectionName: name,
    maxRetriesPerRequest: null,
    connectTimeout: timeoutMs,
    retryStrategy: (attempt: number) => Math.min(200 * attempt, 2000),
  });
  let lastError: unknown;
  redis.on('error', (error: unknown) => {
    lastError = error;
    onError(error);
  });
  let outcome: unknown;
  try {
    outcome = await within(redis.connect().then(() => redis.ping()), timeoutMs);
  } catch (error: unknown) {
    redis.disconnect();
    throw unreachable(url, describeError(error), error);
  }
  if (outcome === TIMED_OUT) {
    redis.disconnect();
    const why = lastError === undefined ? `no answer within ${timeoutMs / 1000} s` : describeError(lastError);
    throw unreachable(url, why, lastError);
  }
  return redis;
}

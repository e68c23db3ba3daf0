import { Redis } from 'ioredis';
import { describeError } from '@chaos/format';
import { RedisConnectionError } from './RedisConnectionError.js';
import { TIMED_OUT, unreachable, within } from './_internals/redisConnection.js';
import { checkRedisUrl } from './_internals/redisUrl.js';
import { checkPositiveSeconds } from './_internals/validate.js';

/**
 * Connects to Redis once, sends PING and disconnects: what a command checks before
 * anything runs, so an unreachable server is reported at once with its URL (password
 * masked) rather than after a campaign has started.
 *
 * @param url - `redis://[user:password@]host[:port][/db]` or `rediss://…`
 * @param options - `timeoutSeconds`: how long to wait for an answer (default 5)
 * @throws {@link RedisConnectionError} (`CHAOS_REDIS_UNREACHABLE`) naming the URL and
 * the reason; `TypeError` / `RangeError` for a URL that is not a Redis one or a bad timeout
 * @example
 * ```ts
 * await checkRedis(process.env.CHAOS_REDIS_URL ?? 'redis://127.0.0.1:6379');
 * ```
 */
export async function checkRedis(url: string, options: { readonly timeoutSeconds?: number } = {}): Promise<void> {
  checkRedisUrl('url', url);
  const timeoutMs = checkPositiveSeconds('timeoutSeconds', options.timeoutSeconds, 5) * 1000;
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: unknown;
  probe.on('error', (error: unknown) => {
    lastError = error;
  });
  try {
    const outcome = await within(probe.connect().then(() => probe.ping()), timeoutMs);
    if (outcome === TIMED_OUT) throw unreachable(url, `no answer within ${timeoutMs / 1000} s`, lastError);
  } catch (error: unknown) {
    if (error instanceof RedisConnectionError) throw error;
    throw unreachable(url, describeError(lastError ?? error), error);
  } finally {
    probe.disconnect();
  }
}

import { ChaosError, isChaosError } from '@chaos/config';

/**
 * Why Redis failed a campaign: it could not be reached at start
 * (`CHAOS_REDIS_UNREACHABLE`), or it was lost mid-campaign for longer than the
 * backend waits for it to come back (`CHAOS_REDIS_LOST`).
 */
export type RedisConnectionErrorCode = 'CHAOS_REDIS_UNREACHABLE' | 'CHAOS_REDIS_LOST';

/**
 * Redis could not be reached, or was lost for too long. The message and `url` name
 * the server with its password masked.
 *
 * @example
 * ```ts
 * try { await checkRedis(url); } catch (error: unknown) {
 *   if (isRedisConnectionError(error)) console.error(error.url, error.message);
 * }
 * ```
 */
export class RedisConnectionError extends ChaosError {
  declare readonly code: RedisConnectionErrorCode;
  /** The server's URL, password masked. */
  readonly url: string;

  constructor(code: RedisConnectionErrorCode, url: string, message: string, cause?: unknown) {
    super(code, message, { cause });
    this.name = 'RedisConnectionError';
    this.url = url;
  }
}

/** True when `error` is a {@link RedisConnectionError}, from any installed copy of the package. */
export function isRedisConnectionError(error: unknown): error is RedisConnectionError {
  return isChaosError(error) && (error.code === 'CHAOS_REDIS_UNREACHABLE' || error.code === 'CHAOS_REDIS_LOST');
}

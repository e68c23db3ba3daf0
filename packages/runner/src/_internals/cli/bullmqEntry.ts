/**
 * How the CLI reaches `@chaos/runner/bullmq`: imported by name, only by the commands
 * that need it, so `chaos run` on a local backend (and the package's main entry)
 * never loads `bullmq` or `ioredis`, which are optional.
 */
import { describeError } from '@chaos/format';
import { checkRedisUrl } from '../redisUrl.js';
import { UsageError } from './usage.js';

type BullmqEntry = typeof import('../../bullmq.js');

/** A variable, so bundlers leave the import to run time (the built file imports the built subpath). */
const BULLMQ_ENTRY = '@chaos/runner/bullmq';

/**
 * Imports `@chaos/runner/bullmq`.
 *
 * @throws {@link UsageError} saying what to install when `bullmq` or `ioredis` is missing
 */
export async function loadBullmqEntry(command: string): Promise<BullmqEntry> {
  try {
    return (await import(BULLMQ_ENTRY)) as BullmqEntry;
  } catch (error: unknown) {
    const missing = /Cannot find (?:package|module) '(bullmq|ioredis)'/.exec(describeError(error))?.[1];
    if (missing === undefined) throw error;
    throw new UsageError(
      `${command} needs the optional peer dependencies \`bullmq\` and \`ioredis\`, and \`${missing}\` is not installed: add them beside @chaos/runner (npm install bullmq ioredis)`,
    );
  }
}

/**
 * The Redis URL of a command: `--redis`, else `CHAOS_REDIS_URL`.
 *
 * @throws {@link UsageError} when there is none, or it is not a Redis URL (shown without its password)
 */
export function redisUrlOf(given: string | undefined, env: NodeJS.ProcessEnv, command: string): string {
  const [option, value] = given !== undefined ? ['--redis', given] : ['CHAOS_REDIS_URL', env['CHAOS_REDIS_URL']];
  if (value === undefined || value === '') {
    throw new UsageError(`${command} needs a Redis server: pass --redis <url> or set CHAOS_REDIS_URL (e.g. redis://127.0.0.1:6379)`);
  }
  try {
    return checkRedisUrl(option, value);
  } catch (error: unknown) {
    throw new UsageError(describeError(error).replace(/^TypeError: /, ''));
  }
}

/**
 * Checks that Redis answers before anything runs.
 *
 * @throws {@link UsageError} naming the URL (password masked) and the reason
 */
export async function ensureRedis(entry: BullmqEntry, url: string): Promise<void> {
  try {
    await entry.checkRedis(url);
  } catch (error: unknown) {
    if (entry.isRedisConnectionError(error)) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * `@chaos/runner/bullmq`: campaigns on BullMQ workers through Redis. Needs the
 * optional peer dependencies `bullmq` and `ioredis`; the package's main entry never
 * loads this file.
 */
export { createBullmqBackend } from './createBullmqBackend.js';
export { DEFAULT_PREFIX, DEFAULT_QUEUE } from './_internals/runJob.js';
export type { BullmqBackend, BullmqBackendOptions, BullmqBackendStats, BullmqNotice } from './createBullmqBackend.js';
export { startBullmqWorker } from './startBullmqWorker.js';
export type { BullmqWorker, BullmqWorkerEvent, BullmqWorkerOptions } from './startBullmqWorker.js';
export { checkRedis } from './checkRedis.js';
export { RedisConnectionError, isRedisConnectionError } from './RedisConnectionError.js';
export type { RedisConnectionErrorCode } from './RedisConnectionError.js';
export { redactRedisUrl } from './_internals/redisUrl.js';

/**
 * `@chaos/faults/ai-sdk`: faults where an agent meets its model and its tools, for the
 * Vercel AI SDK (6 and 7). Loads `@ai-sdk/provider` and `ai` (optional peer
 * dependencies); the main entry of `@chaos/faults` never does.
 */

// Model faults.
export { chaosMiddleware } from './ai-sdk/chaosMiddleware.js';
export type { ChaosCallParams, ChaosLanguageModelMiddleware, ChaosMiddlewareOptions, ChaosModelInfo } from './ai-sdk/chaosMiddleware.js';
export { chaosModel } from './ai-sdk/chaosModel.js';
export type { ChaosLanguageModelLike } from './ai-sdk/chaosModel.js';
export type { ModelFaultName, ModelFaultOptions } from './ai-sdk/modelFaults.js';
// The settings of each fault are the options `@chaos/config` lists for its kind.
export type {
  ApiErrorSettings,
  ChunkDamage,
  ContentFilterSettings,
  CorruptChunksSettings,
  LatencySettings,
  MalformedToolCallSettings,
  ModelHallucinationSettings,
  ModelTimeoutSettings,
  RateLimitSettings,
  ServerErrorSettings,
  StreamCutMode,
  StreamCutSettings,
  ToolCallDamage,
  TruncateSettings,
} from '@chaos/config';
export type { FaultChance, FaultOption } from './ai-sdk/faultOptions.js';

// Tool faults.
export { chaosTool, chaosTools } from './ai-sdk/chaosTool.js';
export type { ChaosToolLike, ChaosToolOptions, ChaosToolsOptions } from './ai-sdk/chaosTool.js';
export type { ToolFaultName, ToolFaultOptions } from './ai-sdk/toolFaults.js';
export type { ToolEmptySettings, ToolErrorSettings, ToolTimeoutSettings } from '@chaos/config';
export { ToolFaultError, isToolFaultError } from './ai-sdk/ToolFaultError.js';
export type { ToolFaultErrorOptions } from './ai-sdk/ToolFaultError.js';

// The SDK's retry, on the scope's clock.
export { retry, retryMiddleware } from './ai-sdk/retry.js';
export type { RetryLanguageModelMiddleware, RetryOptions } from './ai-sdk/retry.js';

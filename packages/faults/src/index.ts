// Injectors and the combinator.
export { injectCrash } from './injectCrash.js';
export type { CrashOptions } from './injectCrash.js';
export { injectDelay } from './injectDelay.js';
export type { DelayOptions } from './injectDelay.js';
export { injectTimeout } from './injectTimeout.js';
export type { TimeoutOptions } from './injectTimeout.js';
export { injectHallucination } from './injectHallucination.js';
export type { HallucinationOptions } from './injectHallucination.js';
export { injectMessageCorruption } from './injectMessageCorruption.js';
export type { MessageCorruptionOptions } from './injectMessageCorruption.js';
export { withChaos } from './withChaos.js';
export type { WithChaosOptions } from './withChaos.js';
export type { AnyFunction, AsyncFaultInjector, InjectorOptions, SignalSource, SyncFaultInjector } from './FaultInjector.js';
export { reportProgress } from './reportProgress.js';

// Value strategies.
export { defaultHallucinator } from './hallucination/hallucinate.js';
export type { HallucinationResult, HallucinationStrategy, Hallucinator } from '@chaos/config';
export { defaultCorruptor } from './corruption/corrupt.js';
export type { CorruptionKind, CorruptionResult, Corruptor, FieldCorruption } from '@chaos/config';

// Errors.
export { AgentCrashError, isAgentCrashError } from './AgentCrashError.js';
export type { AgentCrashErrorOptions } from './AgentCrashError.js';
export { AgentTimeoutError, isAgentTimeoutError } from './AgentTimeoutError.js';
export type { AgentTimeoutErrorOptions } from './AgentTimeoutError.js';
export { MessageCorruptionError, isMessageCorruptionError } from './MessageCorruptionError.js';
export type { MessageCorruptionErrorOptions } from './MessageCorruptionError.js';

// What an agent author needs from @chaos/config, so installing @chaos/faults is enough.
export {
  ChaosConfigError,
  ChaosError,
  configureChaos,
  disableChaos,
  enableChaos,
  getChaosConfig,
  hasChaosErrorCode,
  isChaosConfigError,
  isChaosError,
  onChaosEvent,
  resetChaosConfig,
} from '@chaos/config';
export type {
  ChaosConfig,
  ChaosErrorCode,
  ChaosErrorContext,
  ChaosEvent,
  ChaosEventSink,
  Disposable,
  FaultEvent,
  CoreFaultKind,
  FaultKind,
  FaultRule,
  FaultTrigger,
  ModelFaultKind,
  RandomSource,
  ToolFaultKind,
  Tags,
} from '@chaos/config';

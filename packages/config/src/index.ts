export { ChaosError, isChaosError, hasChaosErrorCode } from './ChaosError.js';
export type { ChaosErrorCode, ChaosErrorContext } from './ChaosError.js';
export { FAULT_KINDS } from './faultKinds.js';
export type { CoreFaultKind, FaultKind, ModelFaultKind, ToolFaultKind } from './faultKinds.js';
export { HALLUCINATION_STRATEGIES } from './faultOptions.js';
export type {
  ApiErrorSettings,
  ChunkDamage,
  ContentFilterSettings,
  CorruptChunksSettings,
  CorruptionFaultOptions,
  CorruptionKind,
  CorruptionResult,
  Corruptor,
  DelayFaultOptions,
  FaultOptionsByKind,
  FieldCorruption,
  HallucinationFaultOptions,
  HallucinationResult,
  HallucinationStrategy,
  Hallucinator,
  LatencySettings,
  MalformedToolCallSettings,
  ModelHallucinationSettings,
  ModelTimeoutSettings,
  NoFaultOptions,
  RateLimitSettings,
  ServerErrorSettings,
  StreamCutMode,
  StreamCutSettings,
  TimeoutFaultOptions,
  ToolCallDamage,
  ToolEmptySettings,
  ToolErrorSettings,
  ToolTimeoutSettings,
  TruncateSettings,
} from './faultOptions.js';
export { faultOptionChecks, registerFaultOptionChecks, strategyCheck } from './faultOptionChecks.js';
export type { FaultOptionChecksByKind, FaultOptionChecksOf } from './faultOptionChecks.js';
export { OPTION_CHECKS, checkOption, checkOptions, oneOfCheck, someOfCheck } from './options.js';
export type { OptionCheck, OptionNaming } from './options.js';
// How every message of the toolkit quotes a value; `@chaos/faults` takes it from here
// rather than bundling a second copy into the bundle an agent author ships.
export { formatValue } from '@chaos/format';
export { ChaosConfigError, isChaosConfigError } from './ChaosConfigError.js';
export type { ChaosConfigErrorDetails } from './ChaosConfigError.js';
export { CHAOS_ENV_VARIABLES, DEFAULT_CHAOS_CONFIG, loadConfigFromEnv, validateConfig } from './ChaosConfig.js';
export type { ChaosConfig } from './ChaosConfig.js';
export { configureChaos, disableChaos, enableChaos, getChaosConfig, resetChaosConfig } from './globalConfig.js';
export { cancellableSleep, realClock } from './Clock.js';
export type { CancellableSleep, Clock } from './Clock.js';
export { createVirtualClock } from './virtualClock.js';
export type { VirtualClock, VirtualClockOptions } from './virtualClock.js';
export { createRandom, freshSeed } from './createRandom.js';
export type { RandomSource } from './createRandom.js';
export { createFaultPlan, ruleIdOf } from './FaultPlan.js';
export type { FaultPlan, FaultPlanOptions, FaultRule, FaultRuleBase, FaultRuleOf, FaultRuleStatus, FaultTrigger } from './FaultPlan.js';
export { isFaultEvent } from './events.js';
export type { ChaosEvent, ChaosEventSink, FaultEvent } from './events.js';
export { createChaosRuntime, currentChaos, onChaosEvent, processRecoveryDetector, runInChaosScope, setProcessRecoveryDetector } from './scope.js';
export type { ChaosRuntime, ChaosRuntimeOptions, Disposable } from './scope.js';
export { validateTags } from './tags.js';
export type { Tags } from './tags.js';
export type { CallWatch, RecoveryDetector } from './recoveries.js';

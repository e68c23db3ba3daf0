// The scenario engine (core/): what a scenario is, how one runs, the registry. It knows
// no example; this entry gives it its defaults (the built-in scenarios in the registry).
export { defineScenario } from './defineScenario.js';
export { getScenario, getScenarios, isBuiltinScenario, listScenarios, registerScenario } from './registry.js';
export type { RegisterScenarioOptions } from './registry.js';
export { OUTPUT_LIMIT_BYTES } from './core/keptOutput.js';
export type {
  AnyScenario,
  CheckVerdict,
  RunObservation,
  Scenario,
  ScenarioResult,
  ScenarioRunOptions,
  ScenarioSpec,
  SteadyStateCheck,
  Workflow,
  WorkflowContext,
  WorkflowFactory,
  WorkflowOutcome,
} from './core/types.js';

// The e-commerce observation contract, and the steady-state checks that read it.
export type { CommerceReport, CommerceState, RestartRecord } from './commerce/report.js';
export type { CommerceCheck } from './commerce/checks.js';
export {
  campaignProduced,
  corruptionRejected,
  hangDetectedAndContextRestored,
  noCorruptMessageAccepted,
  noFalseRecovery,
  noItemDuplicated,
  noItemLost,
  oneSuccessfulRecoveryEach,
  resumedFromCheckpoint,
  taskCompleted,
} from './commerce/checks.js';

// The five built-in scenarios.
export {
  builtinScenarios,
  cascadeFailure,
  delayedRecovery,
  handoffCorruption,
  marketingTimeout,
  productCrashMidUpload,
} from './builtin/scenarios.js';

// The reference e-commerce system: its workflow, and the pieces it is built from, for
// systems of your own built on them (as the demo is).
export { createReferenceWorkflow } from './reference/createReferenceWorkflow.js';
export { formatPrice, referenceCatalogue } from './reference/catalogue.js';
export type { AgentTimings, ReferenceWorkflowOptions } from './reference/createReferenceWorkflow.js';
export type { Product, ReferenceState } from './reference/catalogue.js';
export { checksumOf, createHandoff, validateHandoff } from './reference/protocol.js';
export type { HandoffMessage, ValidationReport } from './reference/protocol.js';
export { checkEnvelope, seal } from './reference/envelope.js';
export type { Envelope, EnvelopeReport, MessageType, SealedMessage } from './reference/envelope.js';
export { MessageBus } from './reference/MessageBus.js';
export type { Delivery, MessageBusOptions, Rejection, TrafficFilter } from './reference/MessageBus.js';
export { StepFailure, Supervisor } from './reference/Supervisor.js';
export type { FailureKind, StepControl, SupervisorOptions } from './reference/Supervisor.js';
export { DeadlineExceededError, deadlineDetector } from './reference/hangDetectors.js';
export type { HangDetector, HangWatch } from './reference/hangDetectors.js';
export { CatalogueService, ProductAgent } from './reference/ProductAgent.js';
export type { ProductAgentOptions, ProductAgentState, ProductCheckpoint } from './reference/ProductAgent.js';
export { MarketingAgent, templateCopywriter } from './reference/MarketingAgent.js';
export type { Campaign, Copywriter, MarketingAgentOptions } from './reference/MarketingAgent.js';
export { agentReconstructor } from './reference/Reconstructor.js';
export type { Reconstruction, Reconstructor } from './reference/Reconstructor.js';
export { ShopRun } from './reference/ShopRun.js';
export type { HandoffTransit, Persisted, ReferenceOutput, SendAttempt, ShopParts, ShopRunOptions } from './reference/ShopRun.js';

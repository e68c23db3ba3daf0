export { defineScenario } from './defineScenario.js';
export { getScenario, getScenarios, listScenarios, registerScenario } from './registry.js';
export type { RegisterScenarioOptions } from './registry.js';
export { OUTPUT_LIMIT_BYTES } from './_internals/keptOutput.js';
export {
  builtinScenarios,
  cascadeFailure,
  delayedRecovery,
  handoffCorruption,
  marketingTimeout,
  productCrashMidUpload,
} from './builtin/scenarios.js';
export { createReferenceWorkflow, referenceCatalogue } from './reference/createReferenceWorkflow.js';
export { agentReconstructor } from './reference/Reconstructor.js';
export { validateHandoff, createHandoff, checksumOf } from './reference/protocol.js';
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
} from './reference/checks.js';
export type { ReferenceOutput, ReferenceWorkflowOptions, RestartRecord } from './reference/createReferenceWorkflow.js';
export type { Product, ReferenceState } from './reference/catalogue.js';
export type { Campaign, ProductAgentState, StepControl } from './reference/agents.js';
export type { HandoffMessage, ValidationReport } from './reference/protocol.js';
export type { Reconstruction, Reconstructor } from './reference/Reconstructor.js';
export type { Envelope } from './reference/MessageBus.js';
export type {
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
} from './types.js';

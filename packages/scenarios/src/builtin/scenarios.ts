import {
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
} from '../commerce/checks.js';
import type { CommerceReport, CommerceState } from '../commerce/report.js';
import { defineScenario } from '../core/defineScenario.js';
import type { ScenarioSpec } from '../core/types.js';
import { type ReferenceState, referenceCatalogue } from '../reference/catalogue.js';
import { createReferenceWorkflow } from '../reference/createReferenceWorkflow.js';

/**
 * The reference catalogue every built-in scenario starts from, frozen: one copy serves
 * every run, and no workflow may change it under the next.
 */
export const BUILTIN_CATALOGUE: ReferenceState = Object.freeze({
  products: Object.freeze(referenceCatalogue().products.map((product) => Object.freeze({ ...product }))),
});

/** The system each built-in scenario runs against unless a run or a campaign gives another. */
const onTheReference = {
  workflowFactory: () => createReferenceWorkflow(),
  initialState: BUILTIN_CATALOGUE,
} satisfies Partial<ScenarioSpec<CommerceState, CommerceReport>>;

/** The product agent crashes halfway through the upload. */
export const productCrashMidUpload = defineScenario<CommerceState, CommerceReport>({
  name: 'ProductCrashMidUpload',
  description: 'The product agent crashes at 50 % of the catalogue upload. It must resume from its checkpoint (completed by peer context) with no product lost or uploaded twice.',
  plan: [{ id: 'product-crash-at-50%', fault: 'crash', target: 'product', trigger: { on: 'progress', progress: 0.5 } }],
  checks: [resumedFromCheckpoint, noItemLost, noItemDuplicated, taskCompleted],
  ...onTheReference,
});

/** The marketing agent hangs on the campaign after the handoff. */
export const marketingTimeout = defineScenario<CommerceState, CommerceReport>({
  name: 'MarketingTimeout',
  description: 'The marketing agent hangs (30 s) writing the campaign after the handoff. The supervisor must detect it by its deadline, restart it with the handoff context from its peer, and the campaign must still be produced.',
  plan: [{ id: 'marketing-hang', fault: 'timeout', target: 'marketing', trigger: { on: 'call', call: 1 } }],
  checks: [hangDetectedAndContextRestored, campaignProduced, taskCompleted],
  ...onTheReference,
});

/** The handoff message is damaged in transit. */
export const handoffCorruption = defineScenario<CommerceState, CommerceReport>({
  name: 'HandoffCorruption',
  description: 'The product-to-marketing handoff is corrupted in transit. Validation (schema and checksum) must reject it, the message must be re-sent, and nothing corrupt may be accepted.',
  plan: [{ id: 'corrupt-handoff', fault: 'corruption', target: 'handoff', trigger: { on: 'call', call: 1 } }],
  checks: [corruptionRejected, noCorruptMessageAccepted, campaignProduced, taskCompleted],
  ...onTheReference,
});

/** An agent is slow but within its deadline. */
export const delayedRecovery = defineScenario<CommerceState, CommerceReport>({
  name: 'DelayedRecovery',
  description: 'The product agent is slow (4 s on one upload) but inside its 10 s deadline. No recovery may be triggered (no false positive) and the task must complete.',
  plan: [{ id: 'product-slow', fault: 'delay', target: 'product', trigger: { on: 'call', call: 3 }, options: { delayMs: 4_000, jitterMs: 0 } }],
  checks: [noFalseRecovery, noItemLost, noItemDuplicated, taskCompleted],
  ...onTheReference,
});

/** A crash, and a second crash during its recovery. */
export const cascadeFailure = defineScenario<CommerceState, CommerceReport>({
  name: 'CascadeFailure',
  description: 'The product agent crashes at 50 %; while it is being rebuilt, the marketing agent it asks for peer context crashes too. Both must recover in turn, one recovery each, with nothing lost or duplicated.',
  plan: [
    { id: 'product-crash-at-50%', fault: 'crash', target: 'product', trigger: { on: 'progress', progress: 0.5 } },
    { id: 'marketing-crash-during-recovery', fault: 'crash', target: 'marketing', trigger: { on: 'call', call: 1 } },
  ],
  checks: [oneSuccessfulRecoveryEach(['product', 'marketing']), noItemLost, noItemDuplicated, campaignProduced, taskCompleted],
  ...onTheReference,
});

/** The five built-in scenarios, in the order they are listed. */
export const builtinScenarios = [productCrashMidUpload, marketingTimeout, handoffCorruption, delayedRecovery, cascadeFailure] as const;

import { defineScenario } from '../defineScenario.js';
import type { ReferenceState } from '../reference/catalogue.js';
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
} from '../reference/checks.js';
import type { ReferenceOutput } from '../reference/createReferenceWorkflow.js';

/** The product agent crashes halfway through the upload. */
export const productCrashMidUpload = defineScenario<ReferenceState, ReferenceOutput>({
  name: 'ProductCrashMidUpload',
  description: 'The product agent crashes at 50 % of the catalogue upload. It must resume from its checkpoint (completed by peer context) with no product lost or uploaded twice.',
  plan: [{ id: 'product-crash-at-50%', fault: 'crash', target: 'product', trigger: { on: 'progress', progress: 0.5 } }],
  checks: [resumedFromCheckpoint, noItemLost, noItemDuplicated, taskCompleted],
});

/** The marketing agent hangs on the campaign after the handoff. */
export const marketingTimeout = defineScenario<ReferenceState, ReferenceOutput>({
  name: 'MarketingTimeout',
  description: 'The marketing agent hangs (30 s) writing the campaign after the handoff. The supervisor must detect it by its deadline, restart it with the handoff context from its peer, and the campaign must still be produced.',
  plan: [{ id: 'marketing-hang', fault: 'timeout', target: 'marketing', trigger: { on: 'call', call: 1 } }],
  checks: [hangDetectedAndContextRestored, campaignProduced, taskCompleted],
});

/** The handoff message is damaged in transit. */
export const handoffCorruption = defineScenario<ReferenceState, ReferenceOutput>({
  name: 'HandoffCorruption',
  description: 'The product-to-marketing handoff is corrupted in transit. Validation (schema and checksum) must reject it, the message must be re-sent, and nothing corrupt may be accepted.',
  plan: [{ id: 'corrupt-handoff', fault: 'corruption', target: 'handoff', trigger: { on: 'call', call: 1 } }],
  checks: [corruptionRejected, noCorruptMessageAccepted, campaignProduced, taskCompleted],
});

/** An agent is slow but within its deadline. */
export const delayedRecovery = defineScenario<ReferenceState, ReferenceOutput>({
  name: 'DelayedRecovery',
  description: 'The product agent is slow (4 s on one upload) but inside its 10 s deadline. No recovery may be triggered (no false positive) and the task must complete.',
  plan: [{ id: 'product-slow', fault: 'delay', target: 'product', trigger: { on: 'call', call: 3 }, options: { delayMs: 4_000, jitterMs: 0 } }],
  checks: [noFalseRecovery, noItemLost, noItemDuplicated, taskCompleted],
});

/** A crash, and a second crash during its recovery. */
export const cascadeFailure = defineScenario<ReferenceState, ReferenceOutput>({
  name: 'CascadeFailure',
  description: 'The product agent crashes at 50 %; while it is being rebuilt, the marketing agent it asks for peer context crashes too. Both must recover in turn, one recovery each, with nothing lost or duplicated.',
  plan: [
    { id: 'product-crash-at-50%', fault: 'crash', target: 'product', trigger: { on: 'progress', progress: 0.5 } },
    { id: 'marketing-crash-during-recovery', fault: 'crash', target: 'marketing', trigger: { on: 'call', call: 1 } },
  ],
  checks: [oneSuccessfulRecoveryEach(['product', 'marketing']), noItemLost, noItemDuplicated, campaignProduced, taskCompleted],
});

/** The five built-in scenarios, in the order they are listed. */
export const builtinScenarios = [productCrashMidUpload, marketingTimeout, handoffCorruption, delayedRecovery, cascadeFailure] as const;

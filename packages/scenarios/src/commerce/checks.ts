/**
 * The steady-state checks of the e-commerce scenarios. Each reads the observation
 * contract ({@link CommerceReport}, {@link CommerceState}), so it judges any workflow
 * that reports it.
 */
import { fraction } from '@chaos/format';
import type { SteadyStateCheck } from '../core/types.js';
import type { CommerceReport, CommerceState } from './report.js';

/** A check of an e-commerce workflow's run. */
export type CommerceCheck = SteadyStateCheck<CommerceState, CommerceReport>;

const noOutput = { passed: false, detail: 'the workflow produced no output' } as const;

/** Every product of the catalogue reached the catalogue service. */
export const noItemLost: CommerceCheck = {
  name: 'no item lost',
  description: 'every product of the catalogue was uploaded',
  check({ outcome, initialState }) {
    if (outcome === undefined) return noOutput;
    const uploaded = new Set(outcome.output.uploads);
    const missing = initialState.products.filter((p) => !uploaded.has(p.sku)).map((p) => p.sku);
    return missing.length === 0
      ? { passed: true, detail: `all ${initialState.products.length} products uploaded` }
      : { passed: false, detail: `${missing.length} of ${initialState.products.length} never uploaded: ${missing.slice(0, 5).join(', ')}` };
  },
};

/** No product was uploaded twice (a restart that re-did finished work). */
export const noItemDuplicated: CommerceCheck = {
  name: 'no item duplicated',
  description: 'no product was uploaded twice',
  check({ outcome }) {
    if (outcome === undefined) return noOutput;
    const seen = new Set<string>();
    const twice = new Set<string>();
    for (const sku of outcome.output.uploads) (seen.has(sku) ? twice : seen).add(sku);
    return twice.size === 0
      ? { passed: true, detail: `${seen.size} uploads, each once` }
      : { passed: false, detail: `uploaded more than once: ${[...twice].slice(0, 5).join(', ')}` };
  },
};

/** A restarted product agent resumed where it was, not from scratch. */
export const resumedFromCheckpoint: CommerceCheck = {
  name: 'resumed from checkpoint',
  description: 'the restarted product agent knew every upload it had made before the crash',
  check({ outcome }) {
    if (outcome === undefined) return noOutput;
    const restarts = outcome.output.restarts.filter((r) => r.agent === 'product');
    if (restarts.length === 0) return { passed: false, detail: 'the product agent was never restarted' };
    const bad = restarts.filter((r) => r.restoredTo !== r.knownBefore || r.accuracy !== 1);
    return bad.length === 0
      ? { passed: true, detail: restarts.map((r) => `resumed at ${r.restoredTo} of ${r.knownBefore} uploads`).join('; ') }
      : { passed: false, detail: bad.map((r) => `restored ${r.restoredTo} uploads, had made ${r.knownBefore} (accuracy ${fraction(r.accuracy)})`).join('; ') };
  },
};

/** The campaign exists and covers exactly the catalogue handed off. */
export const campaignProduced: CommerceCheck = {
  name: 'campaign produced',
  description: 'the marketing agent produced a campaign covering every product',
  check({ outcome, initialState }) {
    if (outcome === undefined) return noOutput;
    const campaign = outcome.output.campaign;
    if (campaign === undefined) return { passed: false, detail: `no campaign${outcome.output.abortedBecause ? ` (${outcome.output.abortedBecause})` : ''}` };
    const expected = initialState.products.map((p) => p.sku).sort();
    const covered = [...campaign.skus].sort();
    const same = expected.length === covered.length && expected.every((sku, i) => sku === covered[i]);
    return same
      ? { passed: true, detail: `campaign covers all ${expected.length} products` }
      : { passed: false, detail: `campaign covers ${covered.length} of ${expected.length} products` };
  },
};

/** The handoff the marketing agent accepted is exactly the one the product agent sent. */
export const noCorruptMessageAccepted: CommerceCheck = {
  name: 'no corrupt message accepted',
  description: 'the accepted handoff is identical to the one sent',
  check({ outcome }) {
    if (outcome === undefined) return noOutput;
    const { handoffSent, handoffAccepted } = outcome.output;
    if (handoffAccepted === undefined) return { passed: false, detail: 'no handoff was accepted' };
    const same = JSON.stringify(handoffAccepted) === JSON.stringify(handoffSent);
    return same
      ? { passed: true, detail: 'the accepted handoff matches the sent one field for field' }
      : { passed: false, detail: 'the marketing agent accepted a handoff that differs from the one sent' };
  },
};

/** Corruption was caught by validation and the message re-sent. */
export const corruptionRejected: CommerceCheck = {
  name: 'corruption rejected and re-sent',
  description: 'validation rejected the damaged handoff and a re-send got through',
  check({ outcome }) {
    if (outcome === undefined) return noOutput;
    const { handoffRejections, handoffDeliveries } = outcome.output;
    return handoffRejections.length > 0 && handoffDeliveries > handoffRejections.length
      ? { passed: true, detail: `rejected ${handoffRejections.length} (${handoffRejections.map((p) => p.join('+')).join('; ')}), delivered on attempt ${handoffDeliveries}` }
      : { passed: false, detail: `${handoffRejections.length} rejections in ${handoffDeliveries} deliveries` };
  },
};

/** A hang was detected and the agent restarted with its handoff context. */
export const hangDetectedAndContextRestored: CommerceCheck = {
  name: 'timeout detected, restarted with context',
  description: 'the hung marketing agent was detected and restarted from the handoff its peer holds',
  check({ outcome, recoveries }) {
    if (outcome === undefined) return noOutput;
    const timeouts = recoveries.filter((r) => r.agentId === 'marketing' && r.faultType === 'timeout');
    if (timeouts.length === 0) return { passed: false, detail: 'no timeout recovery of the marketing agent' };
    const restart = outcome.output.restarts.find((r) => r.agent === 'marketing' && r.faultType === 'timeout');
    if (restart === undefined || !restart.usedPeerContext || restart.accuracy !== 1) {
      return { passed: false, detail: 'the marketing agent was restarted without its handoff context' };
    }
    const detectSeconds = ((timeouts[0]?.detectedAt ?? 0) - (timeouts[0]?.faultAt ?? 0)) / 1000;
    return { passed: true, detail: `hang detected after ${detectSeconds} s, context restored from peer` };
  },
};

/** Nothing recovered: a slow agent inside its deadline is not a failure. */
export const noFalseRecovery: CommerceCheck = {
  name: 'no recovery triggered',
  description: 'a delay inside the deadline triggered no recovery (no false positive)',
  check({ recoveries }) {
    return recoveries.length === 0
      ? { passed: true, detail: 'no recovery was triggered' }
      : { passed: false, detail: `${recoveries.length} recoveries triggered: ${recoveries.map((r) => `${r.agentId}/${r.faultType}`).join(', ')}` };
  },
};

/** The task itself was done. */
export const taskCompleted: CommerceCheck = {
  name: 'task completed',
  description: 'the catalogue was uploaded and the campaign produced',
  check({ outcome, error }) {
    if (outcome === undefined) return { passed: false, detail: `the workflow threw: ${String(error)}` };
    return outcome.taskCompleted
      ? { passed: true, detail: 'catalogue uploaded and campaign produced' }
      : { passed: false, detail: outcome.output.abortedBecause ?? 'the task did not complete' };
  },
};

/** Each named agent had exactly one recovery, and it succeeded. */
export function oneSuccessfulRecoveryEach(agents: readonly string[]): CommerceCheck {
  return {
    name: `one recovery each (${agents.join(', ')})`,
    description: 'each failed agent recovered once, in turn, with no failed attempt',
    check({ recoveries }) {
      const problems: string[] = [];
      for (const agent of agents) {
        const own = recoveries.filter((r) => r.agentId === agent);
        if (own.length !== 1 || own[0]?.success !== true) {
          problems.push(`${agent}: ${own.length} recoveries, ${own.filter((r) => r.success).length} successful`);
        }
      }
      return problems.length === 0
        ? { passed: true, detail: agents.map((a) => `${a} recovered once`).join(', ') }
        : { passed: false, detail: problems.join('; ') };
    },
  };
}

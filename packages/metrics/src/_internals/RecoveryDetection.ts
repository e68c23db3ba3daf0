import type { ChaosRuntime } from '@chaos/config';
import { recoveryEventOf } from '../RecoveryEvent.js';
import type { RecoveryRecord } from '../types.js';
import { AutomaticLedger, type FaultKey } from './AutomaticLedger.js';
import { AutomaticRecoveries, type DetectedRecovery } from './AutomaticRecoveries.js';
import type { RecordStore } from './RecordStore.js';
import type { Unsourced } from './validateRecords.js';

/**
 * Automatic recovery detection of one metrics store: its detector, and the ledger that
 * keeps an explicit and an automatic recovery of one fault from both being counted.
 * Made by `detectRecoveries()`; a store without it stores recoveries as before.
 */
export class RecoveryDetection {
  readonly detector: AutomaticRecoveries;
  readonly #storeOf: () => RecordStore;
  #ledger = new AutomaticLedger();

  /** @param storeOf - the store's current record store (it changes on `reset()`) */
  constructor(storeOf: () => RecordStore) {
    this.#storeOf = storeOf;
    this.detector = new AutomaticRecoveries((recovery, runtime) => this.#recordAutomatic(recovery, runtime));
  }

  /** An explicit recovery of this fault has begun: no automatic record will be made for it. */
  claim(fault: FaultKey): void {
    this.#ledger.claim(fault);
  }

  /** Forgets the claims and the replaceable records (the store was reset). */
  reset(): void {
    this.#ledger = new AutomaticLedger();
  }

  /**
   * Stores a recovery: an explicit one replaces the automatic record of its fault, if
   * there is one (and claims the fault); an automatic one is noted so that it can be.
   */
  add(store: RecordStore, candidate: RecoveryRecord | Unsourced, faultIndex: number | undefined): RecoveryRecord {
    if (candidate.detection === undefined) {
      const automatic = this.#ledger.explicit(candidate);
      if (automatic === undefined) return store.addRecoveryWithFault(candidate, faultIndex);
      const record: RecoveryRecord = { ...candidate, faultTimeSource: candidate.faultTimeSource ?? 'recorded' };
      store.replaceRecovery(automatic.recovery, record);
      // The explicit record decides whether the fault is recovered, as if it had come first.
      if (record.success) store.closeFault(automatic.fault);
      else store.reopenFault(automatic.fault);
      return record;
    }
    const fault = faultIndex ?? store.findOpenFaultAt(candidate.runId, candidate.agentId, candidate.threadId, candidate.faultType, candidate.faultAt);
    const record = store.addRecoveryWithFault(candidate, fault);
    this.#ledger.automatic(record, store.recoveryCount - 1, fault ?? store.faultCount - 1);
    return record;
  }

  #recordAutomatic(recovery: DetectedRecovery, runtime: ChaosRuntime): void {
    if (this.#ledger.claimed(recovery)) return;
    const candidate: Unsourced = {
      ...recovery,
      faultTimeSource: undefined,
      reconstructionAccuracy: undefined,
      usedPeerContext: false,
      notes: undefined,
      detection: 'automatic',
    };
    runtime.emit(recoveryEventOf(this.add(this.#storeOf(), candidate, undefined)));
  }
}

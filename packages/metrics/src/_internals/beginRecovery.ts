import { currentChaos, type Clock } from '@chaos/config';
import type { RecoveryOptions } from '../inputs.js';
import type { RecoveryHandle } from '../RecoveryHandle.js';
import { recoveryEventOf } from '../RecoveryEvent.js';
import type { RecoveryRecord } from '../types.js';
import { resolveFaultOrigin } from './faultOrigin.js';
import { RecoveryHandleImpl } from './RecoveryHandleImpl.js';
import type { RecordStore } from './RecordStore.js';
import type { RecoveryDetection } from './RecoveryDetection.js';
import { Validator } from './validate.js';
import { defaultRunId, type Unsourced, validateIdentity, validateRecovery } from './validateRecords.js';

/** What `beginRecovery` needs of its `ResilienceMetrics`: read at call time, as a reset() swaps the store. */
export interface RecoveryHost {
  clock(): Clock | undefined;
  store(): RecordStore;
  detection(): RecoveryDetection | undefined;
  add(store: RecordStore, candidate: RecoveryRecord | Unsourced, faultIndex: number | undefined): RecoveryRecord;
}

/**
 * `ResilienceMetrics.beginRecovery`: checks the ids, finds where the outage started
 * (given, carried by an injected error, recorded, or now), claims that fault from
 * automatic detection, and returns the handle that records the recovery when settled.
 */
export function beginRecovery(host: RecoveryHost, agentId: string, threadId: string, faultType: string, options: RecoveryOptions): RecoveryHandle {
  const runtime = currentChaos();
  const clock = host.clock() ?? runtime.clock;
  const v: Validator = new Validator('', typeof options.runId === 'string' ? options.runId : undefined);
  const { runId, scenario } = validateIdentity({ agentId, threadId, faultType, runId: options.runId, scenario: options.scenario }, v, defaultRunId);
  const ownTags = v.tags('tags', options.tags);
  const store = host.store();
  const now = clock.now();
  const origin = resolveFaultOrigin(store, v, { runId, agentId, threadId, faultType, faultAt: options.faultAt, fault: options.fault }, now);
  const detectedAt = options.detectedAt === undefined ? now : v.time('detectedAt', options.detectedAt);
  v.notBefore('detectedAt', detectedAt, 'faultAt', origin.faultAt);
  if (origin.source !== 'measurement-start') host.detection()?.claim({ runId, agentId, threadId, faultAt: origin.faultAt });
  return new RecoveryHandleImpl({
    agentId,
    threadId,
    faultType,
    runId,
    scenario: scenario ?? origin.scenario,
    faultAt: origin.faultAt,
    faultTimeSource: origin.source,
    detectedAt,
    tags: origin.tags === undefined ? ownTags : { ...origin.tags, ...ownTags },
    clock,
    settle: (candidate) => {
      const validated = validateRecovery(candidate, new Validator('', runId), true);
      // After a reset() the fault index belongs to the old store.
      const current = host.store();
      const record = host.add(current, validated, current === store ? origin.faultIndex : undefined);
      runtime.emit(recoveryEventOf(record));
      return record;
    },
  });
}

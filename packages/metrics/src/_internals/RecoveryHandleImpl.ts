import type { Clock, Tags } from '@chaos/config';
import type { RecordIdentity, RecoveryRecord } from '../types.js';
import type { RecoveryHandle, RecoveryState } from '../RecoveryHandle.js';
import { MetricsValidationError } from '../MetricsValidationError.js';
import { Validator, errorText } from './validate.js';

/** What a handle needs from its store: where the recovery comes from, as its record will say. */
export interface RecoveryHandleInit extends RecordIdentity, Pick<RecoveryRecord, 'faultAt' | 'faultTimeSource' | 'detectedAt'> {
  /** The tags the handle starts with (copied: the recovery function may change its own). */
  readonly tags: Tags | undefined;
  readonly clock: Clock;
  /** Stores the settled record; returns it as stored. */
  readonly settle: (record: RecoveryRecord) => RecoveryRecord;
}

const DISPOSED_UNSETTLED = 'the recovery was disposed before succeed() or fail() was called';

/** The implementation behind `beginRecovery` and `measureRecovery`. */
export class RecoveryHandleImpl implements RecoveryHandle {
  readonly agentId: string;
  readonly threadId: string;
  readonly faultType: string;
  readonly runId: string;
  readonly scenario: string | undefined;
  readonly faultAt: number;
  readonly faultTimeSource: RecoveryRecord['faultTimeSource'];
  readonly detectedAt: number;
  tags: Record<string, string>;
  usedPeerContext = false;
  notes: string | undefined = undefined;
  #accuracy: number | undefined = undefined;
  #state: RecoveryState = 'pending';
  #record: RecoveryRecord | undefined = undefined;
  readonly #clock: Clock;
  readonly #settle: (record: RecoveryRecord) => RecoveryRecord;

  constructor(init: RecoveryHandleInit) {
    this.agentId = init.agentId;
    this.threadId = init.threadId;
    this.faultType = init.faultType;
    this.runId = init.runId;
    this.scenario = init.scenario;
    this.faultAt = init.faultAt;
    this.faultTimeSource = init.faultTimeSource;
    this.detectedAt = init.detectedAt;
    this.tags = { ...init.tags };
    this.#clock = init.clock;
    this.#settle = init.settle;
  }

  get reconstructionAccuracy(): number | undefined {
    return this.#accuracy;
  }

  set reconstructionAccuracy(value: number | undefined) {
    this.#accuracy = new Validator('', this.runId).accuracy('reconstructionAccuracy', value);
  }

  get state(): RecoveryState {
    return this.#state;
  }

  get record(): RecoveryRecord | undefined {
    return this.#record;
  }

  succeed(): RecoveryRecord {
    return this.#finish(true, undefined);
  }

  fail(error?: unknown): RecoveryRecord {
    return this.#finish(false, errorText(error) ?? 'the recovery failed');
  }

  dispose(): void {
    if (this.#state === 'pending') this.#finish(false, DISPOSED_UNSETTLED);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  #finish(success: boolean, error: string | undefined): RecoveryRecord {
    if (this.#state !== 'pending') {
      throw new MetricsValidationError({ field: 'state', value: this.#state, expected: 'a pending recovery (settle a recovery once)', runId: this.runId });
    }
    const record = this.#settle({
      agentId: this.agentId,
      threadId: this.threadId,
      faultType: this.faultType,
      runId: this.runId,
      scenario: this.scenario,
      faultAt: this.faultAt,
      faultTimeSource: this.faultTimeSource,
      detectedAt: this.detectedAt,
      recoveredAt: this.#clock.now(),
      success,
      reconstructionAccuracy: this.#accuracy,
      usedPeerContext: this.usedPeerContext === true,
      error,
      notes: this.notes,
      // Checked by the store, which names a bad tag.
      tags: this.tags as RecoveryRecord['tags'],
    });
    this.#state = success ? 'succeeded' : 'failed';
    this.#record = record;
    return record;
  }
}

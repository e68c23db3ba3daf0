import type { Tags } from '@chaos/config';
import type { FaultTimeSource, RecordIdentity } from '../types.js';
import type { RecordStore } from './RecordStore.js';
import type { Validator } from './validate.js';

/** Where a recovery that is starting comes from. */
export interface FaultOrigin {
  /** t_fault, ms. */
  readonly faultAt: number;
  readonly source: FaultTimeSource;
  /** The recorded fault it recovers from, when there is one. */
  readonly faultIndex: number | undefined;
  /** The recorded fault's scenario and tags, inherited by the recovery. */
  readonly scenario: string | undefined;
  readonly tags: Tags | undefined;
}

/** The coordinates of a recovery and what the caller said of its fault. */
export interface OriginRequest extends Omit<RecordIdentity, 'scenario'> {
  readonly faultAt: unknown;
  readonly fault: unknown;
}

/**
 * Decides t_fault of a recovery that starts now (`measureRecovery`, `beginRecovery`),
 * never inventing one:
 *
 * 1. `faultAt`, or the `faultAt` of an injected error given as `fault`: that time —
 *    `recorded` when an unrecovered fault of the run, agent and thread was recorded at
 *    exactly that time (it is the one recovered from), else `given`;
 * 2. else the latest unrecovered fault of the run, agent and thread (of this fault type
 *    if there is one): `recorded`;
 * 3. else `now`, the start of this measurement: `measurement-start`. The block being
 *    measured is then the whole outage, as a recovery timed on its own reads it.
 *
 * @throws {@link MetricsValidationError} when both `faultAt` and `fault` are given, or
 * `fault` carries no fault time
 */
export function resolveFaultOrigin(store: RecordStore, v: Validator, request: OriginRequest, now: number): FaultOrigin {
  const { runId, agentId, threadId, faultType } = request;
  let given: number | undefined;
  if (request.faultAt !== undefined) {
    if (request.fault !== undefined) v.fail('fault', request.fault, 'left out when `faultAt` is given (they would contradict each other)');
    given = v.time('faultAt', request.faultAt);
  } else if (request.fault !== undefined) {
    const time = typeof request.fault === 'object' && request.fault !== null ? (request.fault as { faultAt?: unknown }).faultAt : undefined;
    if (typeof time !== 'number' || !Number.isFinite(time)) {
      v.fail('fault', request.fault, 'an error thrown by an injector of @chaos/faults, carrying the fault time `faultAt`');
    }
    given = time;
  }
  const faultIndex =
    given === undefined
      ? store.findLatestOpenFault(runId, agentId, threadId, faultType)
      : store.findOpenFaultAt(runId, agentId, threadId, faultType, given);
  if (faultIndex !== undefined) {
    const fault = store.faultInfo(faultIndex);
    return { faultAt: fault.at, source: 'recorded', faultIndex, scenario: fault.scenario, tags: fault.tags };
  }
  return {
    faultAt: given ?? now,
    source: given === undefined ? 'measurement-start' : 'given',
    faultIndex: undefined,
    scenario: undefined,
    tags: undefined,
  };
}

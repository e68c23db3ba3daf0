import { currentChaos } from '@chaos/config';
import type { FailureInput } from '../inputs.js';
import type { FaultRecord, FaultTimeSource, RecordIdentity, RecoveryRecord, ScenarioOutcome } from '../types.js';
import { Validator, errorText } from './validate.js';

/*
 * The records given to a store, checked field by field before anything is stored: each
 * check throws a `MetricsValidationError` naming the field (see `Validator`).
 */

/** The run of a record given none: the scope's `runId`, else `'default'`. */
export function defaultRunId(): string {
  return currentChaos().runId ?? 'default';
}

/**
 * The thread a fault event struck: its own, else its run, else `'default'`. The store
 * and automatic detection both key faults by it, so they must read it alike.
 */
export function threadOfFaultEvent(event: { readonly threadId?: string | undefined; readonly runId?: string | undefined }): string {
  return event.threadId ?? event.runId ?? 'default';
}

function asRecord(value: unknown, v: Validator): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) v.fail('input', value, 'an object');
  return value as Record<string, unknown>;
}

/**
 * A fault record: its identity and what struck. The one place a `FaultRecord` is made,
 * in the order of its fields. (Records are built field by field, not by spreading an
 * identity object: a spread made recording a million recoveries six times slower.)
 */
export function faultRecord(id: RecordIdentity, at: number, error: string | undefined, tags: FaultRecord['tags']): FaultRecord {
  return { agentId: id.agentId, threadId: id.threadId, faultType: id.faultType, runId: id.runId, scenario: id.scenario, at, error, tags };
}

/**
 * The identity fields of a record ({@link RecordIdentity}), validated. `runId` is
 * required when `defaultRun` is `undefined`.
 */
export function validateIdentity(input: Readonly<Record<string, unknown>>, v: Validator, defaultRun: (() => string) | undefined): RecordIdentity {
  return {
    agentId: v.id('agentId', input['agentId']),
    threadId: v.id('threadId', input['threadId']),
    faultType: v.id('faultType', input['faultType']),
    runId: defaultRun !== undefined && input['runId'] === undefined ? defaultRun() : v.id('runId', input['runId']),
    scenario: v.optionalId('scenario', input['scenario']),
  };
}

/** Validates a snapshot's fault. */
export function validateFault(value: unknown, v: Validator): FaultRecord {
  const input = asRecord(value, v);
  const id = validateIdentity(input, v, undefined);
  return faultRecord(id, v.time('at', input['at']), v.optionalText('error', input['error']), v.tags('tags', input['tags']));
}

/**
 * Validates a fault given to `recordFailure`: `at` defaults to `now()`, `error` may be
 * any thrown value.
 */
export function validateFailure(input: FailureInput, v: Validator, now: () => number): FaultRecord {
  const fields = asRecord(input, v);
  const id = validateIdentity(fields, v, defaultRunId);
  return faultRecord(id, fields['at'] === undefined ? now() : v.time('at', fields['at']), errorText(fields['error']), v.tags('tags', fields['tags']));
}

/** A recovery whose fault time source is still to be decided (it is found when stored). */
export type Unsourced = Omit<RecoveryRecord, 'faultTimeSource'> & { readonly faultTimeSource: FaultTimeSource | undefined };

/**
 * Validates a recovery. `strict` (snapshots, handles): `runId` required, `error` a
 * string; otherwise `runId` defaults and `error` may be any thrown value.
 */
export function validateRecovery(value: unknown, v: Validator, strict: boolean): Unsourced {
  const input = asRecord(value, v);
  const faultAt = v.time('faultAt', input['faultAt']);
  const detectedAt = v.time('detectedAt', input['detectedAt']);
  const recoveredAt = v.time('recoveredAt', input['recoveredAt']);
  const source = input['faultTimeSource'];
  const id = validateIdentity(input, v, strict ? undefined : defaultRunId);
  const record: Unsourced = {
    agentId: id.agentId,
    threadId: id.threadId,
    faultType: id.faultType,
    runId: id.runId,
    scenario: id.scenario,
    faultAt,
    faultTimeSource: source === undefined || source === null ? undefined : v.faultTimeSource('faultTimeSource', source),
    detectedAt,
    recoveredAt,
    success: v.boolean('success', input['success']),
    reconstructionAccuracy: v.accuracy('reconstructionAccuracy', input['reconstructionAccuracy']),
    usedPeerContext: v.optionalBoolean('usedPeerContext', input['usedPeerContext']) ?? false,
    error: strict ? v.optionalText('error', input['error']) : errorText(input['error']),
    notes: v.optionalText('notes', input['notes']),
    tags: v.tags('tags', input['tags']),
  };
  v.notBefore('detectedAt', detectedAt, 'faultAt', faultAt);
  v.notBefore('recoveredAt', recoveredAt, 'detectedAt', detectedAt);
  // Spread only for the rare automatic record: the common path builds one object.
  return v.detection('detection', input['detection']) === undefined ? record : { ...record, detection: 'automatic' };
}

/** Validates a scenario outcome; `strict` (snapshots) requires `error` to be a string. */
export function validateOutcome(value: unknown, v: Validator, strict: boolean): ScenarioOutcome {
  const input = asRecord(value, v);
  const mttr = input['mttrSeconds'];
  const outcome: Record<string, unknown> = {
    scenario: v.id('scenario', input['scenario']),
    runId: v.id('runId', input['runId']),
    success: v.boolean('success', input['success']),
    recovered: v.boolean('recovered', input['recovered']),
    taskCompleted: v.boolean('taskCompleted', input['taskCompleted']),
    mttrSeconds: mttr === null || mttr === undefined ? null : v.nonNegative('mttrSeconds', mttr),
  };
  const seed = v.optionalText('seed', input['seed']);
  if (seed !== undefined) outcome['seed'] = seed;
  const inconclusive = v.optionalBoolean('inconclusive', input['inconclusive']);
  if (inconclusive !== undefined) outcome['inconclusive'] = inconclusive;
  const duration = input['durationSeconds'];
  if (duration !== undefined && duration !== null) outcome['durationSeconds'] = v.nonNegative('durationSeconds', duration);
  const error = strict ? v.optionalText('error', input['error']) : errorText(input['error']);
  if (error !== undefined) outcome['error'] = error;
  // Kept as given: the scenario keeps only small, plain outputs (see its README).
  if (input['output'] !== undefined) outcome['output'] = input['output'];
  return Object.freeze(outcome) as unknown as ScenarioOutcome;
}

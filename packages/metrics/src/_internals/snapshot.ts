import { checkAccuracyThreshold } from '../correctRecovery.js';
import { METRICS_SCHEMA_VERSION, type FaultRecord, type ScenarioOutcome } from '../types.js';
import { Validator } from './validate.js';
import { validateFault, validateOutcome, validateRecovery, type Unsourced } from './validateRecords.js';

/** A snapshot (`toJSON()` output), every record validated, ready to load into a store. */
export interface ParsedSnapshot {
  readonly startedAt: number | null;
  readonly bootstrapSeed: string;
  readonly accuracyThreshold: number;
  readonly faults: readonly FaultRecord[];
  readonly recoveries: readonly Unsourced[];
  readonly outcomes: readonly ScenarioOutcome[];
}

/**
 * Reads a snapshot of schema version 1 or {@link METRICS_SCHEMA_VERSION}, validating
 * every record first: one bad record rejects the snapshot, naming the field
 * (`recoveries[3].faultAt`). `accuracyThreshold`, when given, overrides the snapshot's.
 *
 * @throws {@link MetricsValidationError} naming the first bad field
 */
export function parseSnapshot(snapshot: unknown, accuracyThreshold: number | undefined): ParsedSnapshot {
  const v: Validator = new Validator();
  if (typeof snapshot !== 'object' || snapshot === null) v.fail('snapshot', snapshot, 'an object from toJSON()');
  const data = snapshot as Record<string, unknown>;
  if (data['schemaVersion'] !== METRICS_SCHEMA_VERSION && data['schemaVersion'] !== 1) {
    v.fail('schemaVersion', data['schemaVersion'], `1 or ${METRICS_SCHEMA_VERSION}`);
  }
  const threshold = accuracyThreshold ?? checkAccuracyThreshold(data['accuracyThreshold'] ?? undefined);
  const startedAt = data['startedAt'] === null || data['startedAt'] === undefined ? null : v.time('startedAt', data['startedAt']);
  const bootstrapSeed = v.id('bootstrapSeed', data['bootstrapSeed']);
  const list = (field: string): unknown[] => {
    const value = data[field];
    if (value === undefined) return [];
    if (!Array.isArray(value)) v.fail(field, value, 'an array');
    return value;
  };
  return {
    startedAt,
    bootstrapSeed,
    accuracyThreshold: threshold,
    faults: list('faults').map((fault, i) => validateFault(fault, new Validator(`faults[${i}].`))),
    recoveries: list('recoveries').map((recovery, i) => validateRecovery(recovery, new Validator(`recoveries[${i}].`), true)),
    outcomes: list('scenarioResults').map((outcome, i) => validateOutcome(outcome, new Validator(`scenarioResults[${i}].`), true)),
  };
}

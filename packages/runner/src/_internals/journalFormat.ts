import { createHash } from 'node:crypto';
import type { ScenarioResult } from '@chaos/scenarios';
import type { SoakConfig, TimeMode } from '../types.js';
import { serializeResult } from './plain.js';

/** What decides a campaign's results: a journal is resumed only by the same. */
export interface CampaignIdentity {
  readonly seed: string;
  readonly scenarios: readonly string[];
  readonly runsPerScenario: number;
  readonly time: TimeMode;
  readonly config: SoakConfig | null;
  /** sha256 of the initial state's JSON, `null` for none, `'unserializable'`. */
  readonly initialState: string | null;
  /** The workflow factory's function name, `null` for none. */
  readonly workflowFactory: string | null;
  /** The accuracy threshold of a recovered run. */
  readonly accuracyThreshold: number;
  /** The runner's version. */
  readonly version: string;
}

/** The `format` of a journal's header line. */
export const JOURNAL_FORMAT = 'chaos-journal';
/** The version of the journal format this runner reads and writes. */
export const JOURNAL_FORMAT_VERSION = 1;

/** JSON with object keys sorted, so equal identities give equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** sha256 of the canonical JSON of a campaign identity. */
export function fingerprintOf(identity: CampaignIdentity): string {
  return createHash('sha256').update(canonical(identity)).digest('hex');
}

/** How a value is recorded in an identity: a hash of its JSON. */
export function hashOfValue(value: unknown): string {
  try {
    const text = canonical(value);
    return text === undefined ? 'unserializable' : createHash('sha256').update(text).digest('hex').slice(0, 16);
  } catch {
    return 'unserializable';
  }
}

/** Each setting of `here` that differs from the journal's, `name: here … vs … in the journal`. */
export function differencesBetween(here: CampaignIdentity, there: Record<string, unknown>): string[] {
  const differences: string[] = [];
  for (const key of Object.keys(here) as (keyof CampaignIdentity)[]) {
    const a = canonical(here[key]);
    const b = canonical(there[key]);
    if (a !== b) differences.push(`${key}: ${a ?? 'undefined'} here vs ${b ?? 'undefined'} in the journal`);
  }
  return differences;
}

/** The key of one run in a journal. */
export function runKey(scenario: string, runIndex: number): string {
  return `${scenario}#${runIndex}`;
}

/** The header line (with its newline) of a campaign's journal. */
export function headerLine(identity: CampaignIdentity): string {
  return `${JSON.stringify({ type: 'header', format: JOURNAL_FORMAT, formatVersion: JOURNAL_FORMAT_VERSION, fingerprint: fingerprintOf(identity), campaign: identity })}\n`;
}

/** The line (with its newline) recording one finished run. */
export function runLine(scenario: string, runIndex: number, result: ScenarioResult): string {
  return `{"type":"run","scenario":${JSON.stringify(scenario)},"run":${runIndex},"result":${serializeResult(result)}}\n`;
}

/** A line read back: a JSON object, or why it is not one. */
export function parseLine(text: string): { readonly record: Record<string, unknown> } | { readonly problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'not a JSON object' };
  return { record: value as Record<string, unknown> };
}

/** A parsed header, or why the first line is not a header this runner can read. */
export function readHeader(firstLine: string): { readonly fingerprint: string; readonly campaign: Record<string, unknown> } | { readonly problem: string } {
  const parsed = parseLine(firstLine);
  if ('problem' in parsed) return { problem: `its first line is ${parsed.problem}, not a ${JOURNAL_FORMAT} header` };
  const { record } = parsed;
  if (record['type'] !== 'header' || record['format'] !== JOURNAL_FORMAT) return { problem: `its first line is not a ${JOURNAL_FORMAT} header` };
  if (record['formatVersion'] !== JOURNAL_FORMAT_VERSION) {
    return { problem: `it is a ${JOURNAL_FORMAT} of format version ${String(record['formatVersion'])}; this runner reads version ${JOURNAL_FORMAT_VERSION}` };
  }
  if (typeof record['fingerprint'] !== 'string') return { problem: 'its header has no fingerprint' };
  const campaign = typeof record['campaign'] === 'object' && record['campaign'] !== null ? (record['campaign'] as Record<string, unknown>) : {};
  return { fingerprint: record['fingerprint'], campaign };
}

/** The campaign a run line must belong to. */
export interface RunBounds {
  readonly scenarios: ReadonlySet<string>;
  readonly runsPerScenario: number;
}

/** A run record read back, or why the line is not one of this campaign. */
export function readRun(line: string, bounds: RunBounds): { readonly key: string; readonly result: ScenarioResult } | { readonly problem: string } {
  const parsed = parseLine(line);
  if ('problem' in parsed) return parsed;
  const { type, scenario, run, result } = parsed.record;
  if (type !== 'run' || typeof scenario !== 'string' || typeof run !== 'number') return { problem: 'not a run record' };
  if (!bounds.scenarios.has(scenario) || !Number.isInteger(run) || run < 0 || run >= bounds.runsPerScenario) {
    return { problem: `run ${scenario}#${run} is not part of this campaign` };
  }
  if (typeof result !== 'object' || result === null || typeof (result as ScenarioResult).success !== 'boolean') return { problem: 'the run has no result' };
  return { key: runKey(scenario, run), result: result as ScenarioResult };
}

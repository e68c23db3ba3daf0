import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ScenarioResult } from '@chaos/scenarios';
import { JournalError } from '../JournalError.js';
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

const FORMAT = 'chaos-journal';
const FORMAT_VERSION = 1;

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

function differencesBetween(here: CampaignIdentity, there: Record<string, unknown>): string[] {
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

/**
 * An append-only JSON-lines record of a campaign. Line 1 is a header with the
 * campaign's identity and its fingerprint; each further line is one finished run,
 * written and fsynced before the runner counts it.
 */
export class Journal {
  readonly path: string;
  /** Runs read back from the file, by {@link runKey}. */
  readonly completed: ReadonlyMap<string, ScenarioResult>;
  /** Bytes of a torn last line that opening removed (0 when there was none). */
  readonly truncatedBytes: number;
  #fd: number | undefined;

  private constructor(path: string, fd: number, completed: Map<string, ScenarioResult>, truncatedBytes: number) {
    this.path = path;
    this.#fd = fd;
    this.completed = completed;
    this.truncatedBytes = truncatedBytes;
  }

  /**
   * Opens (or creates) the journal of a campaign.
   *
   * @throws {@link JournalError} when the file belongs to another configuration or a
   * line other than the last is damaged
   */
  static open(file: string, identity: CampaignIdentity): Journal {
    const path = resolve(file);
    const fingerprint = fingerprintOf(identity);
    const header = `${JSON.stringify({ type: 'header', format: FORMAT, formatVersion: FORMAT_VERSION, fingerprint, campaign: identity })}\n`;
    const completed = new Map<string, ScenarioResult>();
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const end = text.lastIndexOf('\n');
    // Everything after the last newline is a torn write (a kill mid-append): drop it.
    const whole = text.slice(0, end + 1);
    const truncatedBytes = Buffer.byteLength(text) - Buffer.byteLength(whole);

    if (whole === '') {
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, 'w');
      writeAll(fd, header);
      fsyncSync(fd);
      return new Journal(path, fd, completed, truncatedBytes);
    }

    const lines = whole.slice(0, -1).split('\n');
    const corrupt = (line: number, why: string): never => {
      throw new JournalError('CHAOS_JOURNAL_CORRUPT', path, `Journal "${path}" is damaged at line ${line}: ${why}. Only a torn last line is repaired; use another journal file.`);
    };
    const parse = (line: number): Record<string, unknown> => {
      try {
        const value: unknown = JSON.parse(lines[line - 1] as string);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return corrupt(line, 'not a JSON object');
        return value as Record<string, unknown>;
      } catch (error: unknown) {
        if (error instanceof JournalError) throw error;
        return corrupt(line, 'not valid JSON');
      }
    };
    const first = parse(1);
    if (first['type'] !== 'header' || first['format'] !== FORMAT) corrupt(1, `not a ${FORMAT} header`);
    if (first['formatVersion'] !== FORMAT_VERSION) corrupt(1, `format version ${String(first['formatVersion'])}, expected ${FORMAT_VERSION}`);
    if (first['fingerprint'] !== fingerprint) {
      const recorded = typeof first['campaign'] === 'object' && first['campaign'] !== null ? (first['campaign'] as Record<string, unknown>) : {};
      const differences = differencesBetween(identity, recorded);
      throw new JournalError(
        'CHAOS_JOURNAL_MISMATCH',
        path,
        `Journal "${path}" was written by a different campaign configuration (${differences.join('; ') || 'fingerprint differs'}). Resume it with the same configuration, or use another journal file.`,
        differences,
      );
    }
    const names = new Set(identity.scenarios);
    for (let line = 2; line <= lines.length; line++) {
      const record = parse(line);
      const { scenario, run, result } = record;
      if (record['type'] !== 'run' || typeof scenario !== 'string' || typeof run !== 'number') corrupt(line, 'not a run record');
      if (!names.has(scenario as string) || !Number.isInteger(run) || (run as number) < 0 || (run as number) >= identity.runsPerScenario) {
        corrupt(line, `run ${String(scenario)}#${String(run)} is not part of this campaign`);
      }
      if (typeof result !== 'object' || result === null || typeof (result as ScenarioResult).success !== 'boolean') corrupt(line, 'the run has no result');
      const key = runKey(scenario as string, run as number);
      // A run recorded twice (it cannot happen through the runner) counts once.
      if (!completed.has(key)) completed.set(key, result as ScenarioResult);
    }
    if (truncatedBytes > 0) {
      const fd = openSync(path, 'r+');
      try {
        ftruncateSync(fd, Buffer.byteLength(whole));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    return new Journal(path, openSync(path, 'a'), completed, truncatedBytes);
  }

  /** Appends one finished run and flushes it to disk before returning. */
  append(scenario: string, runIndex: number, result: ScenarioResult): void {
    if (this.#fd === undefined) throw new Error(`Journal "${this.path}" is closed`);
    writeAll(this.#fd, `{"type":"run","scenario":${JSON.stringify(scenario)},"run":${runIndex},"result":${serializeResult(result)}}\n`);
    fsyncSync(this.#fd);
  }

  /** Closes the file. Idempotent. */
  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}

function writeAll(fd: number, text: string): void {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
}

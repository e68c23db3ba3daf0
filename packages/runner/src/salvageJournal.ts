import { dirname, resolve } from 'node:path';
import { errorMessage } from '@chaos/format';
import { JournalError } from './JournalError.js';
import { errorCode, fileSystem, fsyncFolder, makeFolders, writeAll } from './_internals/fileSystem.js';
import { readHeader, readRun } from './_internals/journalFormat.js';

/** What {@link salvageJournal} kept and dropped. */
export interface SalvageReport {
  /** The new journal. */
  readonly journal: string;
  /** Runs copied into it. */
  readonly runs: number;
  /** Lines left out (numbered from 1, the header being line 1), with why. */
  readonly dropped: readonly { readonly line: number; readonly problem: string }[];
}

/**
 * Copies the intact runs of a damaged journal into a new journal: the same header (so
 * the same campaign resumes from it), then every line that is a valid run record of
 * that campaign, each run once. Damaged lines and a torn last line are left out and
 * listed. The damaged journal is only read; an existing `to` is never overwritten.
 *
 * @param from - the damaged journal
 * @param to - the new journal to write; must not exist
 * @throws {@link JournalError}: `CHAOS_JOURNAL_FOREIGN` when `from` has no readable
 * chaos-journal header (nothing can be salvaged), `CHAOS_JOURNAL_UNUSABLE` when `from`
 * cannot be read or `to` exists or cannot be created
 * @example
 * ```ts
 * const { runs, dropped } = salvageJournal('campaign.jsonl', 'campaign-salvaged.jsonl');
 * await new ChaosRunner({ ...sameConfig, journal: 'campaign-salvaged.jsonl' }).runAll();
 * ```
 */
export function salvageJournal(from: string, to: string): SalvageReport {
  const source = resolve(from);
  const target = resolve(to);
  let text: string;
  try {
    text = fileSystem.readFileSync(source, 'utf8');
  } catch (error: unknown) {
    throw new JournalError('CHAOS_JOURNAL_UNUSABLE', source, `Journal "${source}" cannot be read: ${errorMessage(error)}`, [], error);
  }
  const lines = text.split('\n');
  const torn = lines.pop() as string;
  const firstLine = lines[0];
  const header = firstLine === undefined ? { problem: 'it has no header line' } : readHeader(firstLine);
  if ('problem' in header) {
    throw new JournalError('CHAOS_JOURNAL_FOREIGN', source, `"${source}" cannot be salvaged: ${header.problem}.`);
  }
  const scenarios = header.campaign['scenarios'];
  const runsPerScenario = header.campaign['runsPerScenario'];
  if (!Array.isArray(scenarios) || typeof runsPerScenario !== 'number') {
    throw new JournalError('CHAOS_JOURNAL_FOREIGN', source, `"${source}" cannot be salvaged: its header does not describe the campaign.`);
  }
  const bounds = { scenarios: new Set(scenarios.filter((s): s is string => typeof s === 'string')), runsPerScenario };
  const kept: string[] = [`${firstLine as string}\n`];
  const seen = new Set<string>();
  const dropped: { line: number; problem: string }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const run = readRun(lines[i] as string, bounds);
    if ('problem' in run) dropped.push({ line: i + 1, problem: run.problem });
    else if (seen.has(run.key)) dropped.push({ line: i + 1, problem: `run ${run.key} recorded again` });
    else {
      seen.add(run.key);
      kept.push(`${lines[i] as string}\n`);
    }
  }
  if (torn !== '') dropped.push({ line: lines.length + 1, problem: 'a torn last line (cut off mid-write)' });
  writeNewJournal(target, kept.join(''));
  return { journal: target, runs: seen.size, dropped };
}

function writeNewJournal(target: string, text: string): void {
  let fd: number;
  try {
    makeFolders(dirname(target));
    fd = fileSystem.openSync(target, 'wx');
  } catch (error: unknown) {
    const why = errorCode(error) === 'EEXIST' ? 'already exists: give the path of a new file' : `cannot be created: ${errorMessage(error)}`;
    throw new JournalError('CHAOS_JOURNAL_UNUSABLE', target, `"${target}" ${why}`, [], error);
  }
  try {
    writeAll(fd, text);
    fileSystem.fsyncSync(fd);
  } finally {
    fileSystem.closeSync(fd);
  }
  fsyncFolder(dirname(target));
}

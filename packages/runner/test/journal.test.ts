import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getScenario, type Scenario } from '@chaos/scenarios';
import { describe, expect, it } from 'vitest';
import { ChaosRunner, isJournalError, type RunnerConfig } from '../src/index.js';
import { comparable } from './helpers.js';

function tempJournal(): string {
  return join(mkdtempSync(join(tmpdir(), 'chaos-journal-')), 'campaign.jsonl');
}

/** A built-in scenario that counts how often it is run. */
function counting(name: string): Scenario & { calls(): number } {
  const inner = getScenario(name);
  let calls = 0;
  return {
    ...inner,
    run: (options) => {
      calls += 1;
      return inner.run(options);
    },
    calls: () => calls,
  };
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
}

const base: RunnerConfig = { runsPerScenario: 3, seed: 'journal', concurrency: 1 };

describe('journal', () => {
  it('writes a header and one flushed line per finished run', async () => {
    const journal = tempJournal();
    const summary = await new ChaosRunner({ ...base, scenarios: ['HandoffCorruption', 'MarketingTimeout'], journal }).runAll();
    const [header, ...runs] = lines(journal).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(header).toMatchObject({
      type: 'header',
      format: 'chaos-journal',
      formatVersion: 1,
      campaign: { seed: 'journal', scenarios: ['HandoffCorruption', 'MarketingTimeout'], runsPerScenario: 3, time: 'virtual', config: null },
    });
    expect(header?.['fingerprint']).toMatch(/^[0-9a-f]{64}$/);
    expect(runs).toHaveLength(6);
    expect(runs[0]).toMatchObject({ type: 'run', scenario: 'HandoffCorruption', run: 0, result: { runId: 'HandoffCorruption#0' } });
    expect(summary.journal).toBe(journal);
  });

  it('resumes a campaign: runs already journaled are not run again, and the summary is the same', async () => {
    const journal = tempJournal();
    const first = counting('ProductCrashMidUpload');
    const full = await new ChaosRunner({ ...base, scenarios: [first], journal }).runAll();
    expect(first.calls()).toBe(3);

    // Keep the header and the first run only, as if the campaign had been killed.
    writeFileSync(journal, `${lines(journal).slice(0, 2).join('\n')}\n`);
    const second = counting('ProductCrashMidUpload');
    const resumed = await new ChaosRunner({ ...base, scenarios: [second], journal }).runAll();
    expect(second.calls()).toBe(2);
    expect(resumed.resumedRuns).toBe(1);
    expect(comparable(resumed)).toEqual(comparable(full));

    // Everything journaled: nothing runs.
    const third = counting('ProductCrashMidUpload');
    const again = await new ChaosRunner({ ...base, scenarios: [third], journal }).runAll();
    expect(third.calls()).toBe(0);
    expect(again.resumedRuns).toBe(3);
    expect(comparable(again)).toEqual(comparable(full));
    expect(lines(journal)).toHaveLength(4);
  });

  it('repairs a torn last line (a kill mid-write) by dropping it and running that run again', async () => {
    const journal = tempJournal();
    const full = await new ChaosRunner({ ...base, scenarios: ['CascadeFailure'], journal }).runAll();
    const all = lines(journal);
    const torn = (all[2] as string).slice(0, 40);
    writeFileSync(journal, `${all.slice(0, 2).join('\n')}\n${torn}`);
    const resumed = await new ChaosRunner({ ...base, scenarios: ['CascadeFailure'], journal }).runAll();
    expect(resumed.resumedRuns).toBe(1);
    expect(comparable(resumed)).toEqual(comparable(full));
    expect(lines(journal)).toHaveLength(4);
    expect(lines(journal).every((l) => JSON.parse(l) !== null)).toBe(true);
  });

  it('counts a run recorded twice once', async () => {
    const journal = tempJournal();
    const full = await new ChaosRunner({ ...base, scenarios: ['HandoffCorruption'], journal }).runAll();
    appendFileSync(journal, `${lines(journal)[1] as string}\n`);
    const again = await new ChaosRunner({ ...base, scenarios: ['HandoffCorruption'], journal }).runAll();
    expect(again.totalRuns).toBe(3);
    expect(comparable(again)).toEqual(comparable(full));
  });

  it('refuses a journal written by a different configuration, naming the journal and what differs', async () => {
    const journal = tempJournal();
    await new ChaosRunner({ ...base, scenarios: ['HandoffCorruption'], journal }).runAll();
    const other = new ChaosRunner({ ...base, seed: 'another', runsPerScenario: 4, scenarios: ['HandoffCorruption'], journal });
    const error: unknown = await other.runAll().catch((e: unknown) => e);
    expect(isJournalError(error)).toBe(true);
    if (!isJournalError(error)) return;
    expect(error.code).toBe('CHAOS_JOURNAL_MISMATCH');
    expect(error.journal).toBe(journal);
    expect(error.message).toContain(`Journal "${journal}" was written by a different campaign configuration`);
    expect(error.differences).toEqual([
      'seed: "another" here vs "journal" in the journal',
      'runsPerScenario: 4 here vs 3 in the journal',
    ]);
    const soak = new ChaosRunner({ ...base, scenarios: ['HandoffCorruption'], journal, config: { crashProbability: 0.2 } });
    await expect(soak.runAll()).rejects.toThrow(/config: \{"crashProbability":0.2\} here vs null in the journal/);
  });

  it('refuses a journal damaged before its last line', async () => {
    const journal = tempJournal();
    await new ChaosRunner({ ...base, scenarios: ['HandoffCorruption'], journal }).runAll();
    const all = lines(journal);
    all[1] = '{"type":"run", oops';
    writeFileSync(journal, `${all.join('\n')}\n`);
    const error: unknown = await new ChaosRunner({ ...base, scenarios: ['HandoffCorruption'], journal }).runAll().catch((e: unknown) => e);
    expect(isJournalError(error) && error.code).toBe('CHAOS_JOURNAL_CORRUPT');
    expect((error as Error).message).toMatch(/damaged at line 2: not valid JSON/);
  });
});

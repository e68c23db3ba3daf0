import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ChaosRunner, isJournalError, salvageJournal, type RunnerConfig } from '../src/index.js';
import { fileSystem } from '../src/_internals/fileSystem.js';
import { comparable } from './helpers.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'chaos-journal-safety-'));
}

const base: RunnerConfig = { runsPerScenario: 3, seed: 'journal-safety', concurrency: 1, scenarios: ['HandoffCorruption', 'CascadeFailure'] };

async function refusal(config: RunnerConfig): Promise<{ code: string; message: string; journal: string }> {
  const error: unknown = await new ChaosRunner(config).runAll().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isJournalError(error)) throw new Error(`expected a JournalError, got ${String(error)}`);
  return { code: error.code, message: error.message, journal: error.journal };
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  return child.pid as number;
}

describe('a journal is ours or it is refused', () => {
  it.each([
    ['notes without a trailing newline', 'notes.txt', 'my notes, no newline'],
    ['notes with a trailing newline', 'notes.txt', 'line one\nline two\n'],
    ['a minified JSON document', 'big.json', '{"a":1,"b":[1,2,3],"c":{"d":"e"}}'],
    ['JSON lines of something else', 'events.jsonl', '{"type":"event"}\n{"type":"event"}\n'],
    ['a journal header of another format version', 'old.jsonl', '{"type":"header","format":"chaos-journal","formatVersion":0,"fingerprint":"x"}\n'],
  ])('refuses %s and leaves it byte-identical', async (_what, name, content) => {
    const journal = join(tempDir(), name);
    writeFileSync(journal, content);
    const before = readFileSync(journal);
    const { code, message } = await refusal({ ...base, journal });
    expect(code).toBe('CHAOS_JOURNAL_FOREIGN');
    expect(message).toContain(`Journal "${journal}" is not a chaos journal`);
    expect(message).toContain('left untouched');
    expect(readFileSync(journal).equals(before)).toBe(true);
    expect(existsSync(`${journal}.lock`)).toBe(false);
  });

  it('takes an empty file as a new journal', async () => {
    const journal = join(tempDir(), 'empty.jsonl');
    writeFileSync(journal, '');
    await new ChaosRunner({ ...base, journal }).runAll();
    expect(lines(journal)).toHaveLength(1 + 6);
  });

  it('refuses a folder, naming the journal', async () => {
    const journal = join(tempDir(), 'a-folder');
    mkdirSync(journal);
    const { code, message } = await refusal({ ...base, journal });
    expect(code).toBe('CHAOS_JOURNAL_UNUSABLE');
    expect(message).toBe(`Journal "${journal}" is a folder: give the path of a journal file (it is created if missing)`);
  });

  it('completes a header cut off while the journal was created', async () => {
    const journal = join(tempDir(), 'campaign.jsonl');
    const full = await new ChaosRunner({ ...base, journal }).runAll();
    const header = lines(journal)[0] as string;
    writeFileSync(journal, header.slice(0, 50));
    const notices: string[] = [];
    const again = await new ChaosRunner({ ...base, journal, onNotice: (m) => notices.push(m) }).runAll();
    expect(notices).toEqual([`Journal "${journal}": completed its header, cut off when the journal was created.`]);
    expect(lines(journal)[0]).toBe(header);
    expect(comparable(again)).toEqual(comparable(full));
  });

  it('repairs a torn last line with a notice', async () => {
    const journal = join(tempDir(), 'campaign.jsonl');
    await new ChaosRunner({ ...base, journal }).runAll();
    const all = lines(journal);
    writeFileSync(journal, `${all.slice(0, 3).join('\n')}\n${(all[3] as string).slice(0, 30)}`);
    const notices: string[] = [];
    const resumed = await new ChaosRunner({ ...base, journal, onNotice: (m) => notices.push(m) }).runAll();
    expect(resumed.resumedRuns).toBe(2);
    expect(notices).toEqual([`Journal "${journal}": removed a torn last line (30 bytes, a run cut off mid-write); that run will run again.`]);
  });
});

describe('a damaged journal is left untouched and can be salvaged', () => {
  it('refuses a damaged middle line, says how to salvage, and the salvaged journal resumes the campaign', async () => {
    const dir = tempDir();
    const journal = join(dir, 'campaign.jsonl');
    const full = await new ChaosRunner({ ...base, journal }).runAll();
    const all = lines(journal);
    all[2] = '{"type":"run", oops';
    writeFileSync(journal, `${all.join('\n')}\n{"type":"run","scen`);
    const before = readFileSync(journal);

    const { code, message } = await refusal({ ...base, journal });
    expect(code).toBe('CHAOS_JOURNAL_CORRUPT');
    expect(message).toContain(`Journal "${journal}" is damaged at line 3: not valid JSON. It was left untouched.`);
    expect(message).toContain(`chaos salvage ${journal} <new-journal>`);
    expect(readFileSync(journal).equals(before)).toBe(true);

    const salvaged = join(dir, 'salvaged.jsonl');
    const report = salvageJournal(journal, salvaged);
    expect(report).toEqual({
      journal: salvaged,
      runs: 5,
      dropped: [
        { line: 3, problem: 'not valid JSON' },
        { line: 8, problem: 'a torn last line (cut off mid-write)' },
      ],
    });
    expect(readFileSync(journal).equals(before)).toBe(true);
    const resumed = await new ChaosRunner({ ...base, journal: salvaged }).runAll();
    expect(resumed.resumedRuns).toBe(5);
    expect(comparable(resumed)).toEqual(comparable(full));
  });

  it('never overwrites an existing file when salvaging', async () => {
    const dir = tempDir();
    const journal = join(dir, 'campaign.jsonl');
    await new ChaosRunner({ ...base, journal }).runAll();
    const target = join(dir, 'taken.jsonl');
    writeFileSync(target, 'mine');
    expect(() => salvageJournal(journal, target)).toThrow(`"${target}" already exists: give the path of a new file`);
    expect(readFileSync(target, 'utf8')).toBe('mine');
    expect(() => salvageJournal(target, join(dir, 'x.jsonl'))).toThrow(`"${target}" cannot be salvaged: it has no header line.`);
  });
});

describe('one campaign per journal: the lock', () => {
  it('refuses a second campaign on a journal in use, naming the holder, and frees the journal after', async () => {
    const journal = join(tempDir(), 'campaign.jsonl');
    let second: Promise<{ code: string; message: string }> | undefined;
    await new ChaosRunner({
      ...base,
      journal,
      onProgress: (p) => {
        if (p.done === 2) second = refusal({ ...base, journal });
      },
    }).runAll();
    const refused = await (second as Promise<{ code: string; message: string }>);
    expect(refused.code).toBe('CHAOS_JOURNAL_LOCKED');
    expect(refused.message).toContain(`(process ${process.pid} on ${hostname()}, this very process)`);
    expect(existsSync(`${journal}.lock`)).toBe(false);
    expect(lines(journal)).toHaveLength(1 + 6);
  });

  it('names a live holder and refuses', async () => {
    const journal = join(tempDir(), 'campaign.jsonl');
    writeFileSync(`${journal}.lock`, JSON.stringify({ pid: process.ppid, host: hostname() }));
    const { code, message } = await refusal({ ...base, journal });
    expect(code).toBe('CHAOS_JOURNAL_LOCKED');
    expect(message).toBe(`Journal "${journal}" is in use by another campaign (process ${process.ppid} on ${hostname()}). Wait for it to finish, or use another journal file.`);
    expect(existsSync(journal)).toBe(false);
  });

  it('cannot check a holder on another host: refuses and says which file to delete', async () => {
    const journal = join(tempDir(), 'campaign.jsonl');
    writeFileSync(`${journal}.lock`, JSON.stringify({ pid: 4242, host: 'elsewhere.example' }));
    const { message } = await refusal({ ...base, journal });
    expect(message).toContain('(process 4242 on elsewhere.example)');
    expect(message).toContain(`if that campaign is no longer running, delete ${journal}.lock`);
  });

  it('takes over the stale lock of a process that is gone, with a notice', async () => {
    const journal = join(tempDir(), 'campaign.jsonl');
    const pid = deadPid();
    writeFileSync(`${journal}.lock`, JSON.stringify({ pid, host: hostname() }));
    const notices: string[] = [];
    const summary = await new ChaosRunner({ ...base, journal, onNotice: (m) => notices.push(m) }).runAll();
    expect(summary.totalRuns).toBe(6);
    expect(notices).toEqual([`Journal "${journal}": took over the lock of process ${pid} on ${hostname()}, which is no longer running.`]);
    expect(existsSync(`${journal}.lock`)).toBe(false);
  });
});

describe('every journal line is on disk before the run counts', () => {
  it('writes then fsyncs each run line before onProgress hears of it', async () => {
    const journal = join(tempDir(), 'campaign.jsonl');
    const log: string[] = [];
    const realWrite = fileSystem.writeSync;
    const realFsync = fileSystem.fsyncSync;
    vi.spyOn(fileSystem, 'writeSync').mockImplementation(((fd: number, buffer: Buffer, offset: number, length: number) => {
      const text = buffer.subarray(offset, offset + length).toString();
      log.push(`write ${fd} ${text.startsWith('{"type":"run"') ? 'run' : text.startsWith('{"type":"header"') ? 'header' : 'other'}`);
      return realWrite(fd, buffer, offset, length);
    }) as typeof fileSystem.writeSync);
    vi.spyOn(fileSystem, 'fsyncSync').mockImplementation((fd: number) => {
      log.push(`fsync ${fd}`);
      realFsync(fd);
    });
    await new ChaosRunner({ ...base, journal, onProgress: (p) => log.push(`progress ${p.done}`) }).runAll();

    const progress = log.filter((e) => e.startsWith('progress'));
    expect(progress).toHaveLength(6);
    const headerAt = log.findIndex((e) => e.endsWith(' header'));
    const journalFd = Number((log[headerAt] as string).split(' ')[1]);
    expect(log[headerAt + 1]).toBe(`fsync ${journalFd}`);
    for (const event of progress) {
      const at = log.indexOf(event);
      expect(log.slice(at - 2, at), `before ${event}`).toEqual([`write ${journalFd} run`, `fsync ${journalFd}`]);
    }
  });
});

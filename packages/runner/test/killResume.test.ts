import { execFile, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunnerSummaryJSON } from '../src/index.js';
import { fixturesDir, requireBuild } from './helpers.js';

const execFileAsync = promisify(execFile);
const script = join(fixturesDir, 'journalCampaign.mjs');

async function campaign(journal: string): Promise<RunnerSummaryJSON> {
  const { stdout } = await execFileAsync(process.execPath, [script, journal], { timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as RunnerSummaryJSON;
}

/** Starts the campaign, waits until it has journaled `after` runs, and SIGKILLs it. */
function killMidCampaign(journal: string, after: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, journal, String(after)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('BLOCKED')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

function stable(summary: RunnerSummaryJSON): Record<string, unknown> {
  const { wallSeconds: _w, resumedRuns: _r, journal: _j, backend: _b, backendNote: _n, ...rest } = summary;
  return rest;
}

describe('a campaign killed hard and resumed (built packages, child processes)', () => {
  beforeAll(requireBuild);

  it('ends with the summary of an uninterrupted campaign: no run lost or counted twice', async () => {
    const journal = join(mkdtempSync(join(tmpdir(), 'chaos-kill-')), 'campaign.jsonl');
    const [uninterrupted, signal] = await Promise.all([campaign('-'), killMidCampaign(journal, 7)]);
    expect(signal).toBe('SIGKILL');
    const afterKill = readFileSync(journal, 'utf8').split('\n').filter((l) => l !== '');
    expect(afterKill.length).toBeGreaterThanOrEqual(1 + 7);
    expect(afterKill.length).toBeLessThan(1 + 30);
    // And a torn write on top, as a kill in the middle of an append leaves.
    appendFileSync(journal, '{"type":"run","scenario":"CascadeFail');

    const resumed = await campaign(journal);
    expect(resumed.resumedRuns).toBe(afterKill.length - 1);
    expect(stable(resumed)).toEqual(stable(uninterrupted));
    expect(resumed.totalRuns).toBe(30);

    const records = readFileSync(journal, 'utf8').split('\n').filter((l) => l !== '').slice(1).map((l) => JSON.parse(l) as { scenario: string; run: number });
    expect(records).toHaveLength(30);
    expect(new Set(records.map((r) => `${r.scenario}#${r.run}`)).size).toBe(30);
  });
});

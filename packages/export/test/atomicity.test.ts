import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultRecord, MetricsSource, RecoveryRecord } from '@chaos/metrics';
import { describe, expect, it } from 'vitest';
import { ExportError, isExportError, MetricsExporter, quickExport } from '../src/index.js';
import { fixedNow, listDir, SAMPLE, sampleMetrics, tempDir, withOverrides } from './fixtures.js';

const NOW = fixedNow('2026-11-28T08:15:00Z');

/** Many records, so a failure lands after several chunks have reached the disk. */
function manyRecoveries(n: number): RecoveryRecord[] {
  const base = SAMPLE.recoveries[0] as RecoveryRecord;
  return Array.from({ length: n }, (_, i) => ({ ...base, runId: `run-${i}`, faultAt: i, detectedAt: i + 1, recoveredAt: i + 2 }));
}

/** A store whose recovery iterator throws after `after` records (a disk, a database, a bug…). */
function failingAfter(
  after: number,
  onFail: () => void = () => undefined,
  input = sampleMetrics({ ...SAMPLE, recoveries: manyRecoveries(50_000) }),
): MetricsSource {
  return withOverrides(input, {
    *iterateRecoveries(): IterableIterator<RecoveryRecord> {
      let n = 0;
      for (const recovery of input.iterateRecoveries()) {
        if (n++ === after) {
          onFail();
          throw new Error(`store read failed after ${after} rows`);
        }
        yield recovery;
      }
    },
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('a failed write leaves no file', () => {
  it.each([
    ['exportEventsCsv', 'chaos_events_20261128T081500Z.csv'],
    ['exportMttrCsv', 'chaos_mttr_20261128T081500Z.csv'],
    ['exportFullMetrics', 'chaos_full_metrics_20261128T081500Z.json'],
  ] as const)('%s: an iterator that throws midway leaves no final and no temp file', async (method, name) => {
    const dir = tempDir();
    const exporter = new MetricsExporter({ outputDir: dir, now: NOW });
    let partial: [string, number][] = [];
    const snapshot = () => (partial = listDir(dir).map((entry) => [entry, statSync(join(dir, entry)).size]));
    const error = await rejection(exporter[method](failingAfter(30_000, snapshot)));
    // The failure struck mid-write: only the reservation and a hidden temp file holding data existed.
    expect(partial.map(([entry]) => entry)).toEqual([
      '.chaos_20261128T081500Z.lock',
      expect.stringMatching(new RegExp(`^\\.${name.replaceAll('.', '\\.')}\\.\\d+\\.\\d+\\.tmp$`)),
    ]);
    expect(partial[1]?.[1]).toBeGreaterThan(100_000);
    expect(isExportError(error)).toBe(true);
    const exportError = error as ExportError;
    expect(exportError.code).toBe('CHAOS_EXPORT');
    expect(exportError.path).toBe(join(dir, name));
    expect(exportError.message).toContain(name);
    expect(exportError.message).toContain('store read failed after 30000 rows');
    expect((exportError.cause as Error).message).toBe('store read failed after 30000 rows');
    expect(listDir(dir)).toEqual([]);
  });

  it('exportAll is all or nothing: when the last file fails, none of the four is left', async () => {
    const dir = tempDir();
    const error = await rejection(quickExport(failingAfter(40_000), { outputDir: dir, now: NOW }));
    expect(isExportError(error)).toBe(true);
    expect(listDir(dir)).toEqual([]);
  });

  it('keeps the files of earlier exports when a later one fails', async () => {
    const dir = tempDir();
    const exporter = new MetricsExporter({ outputDir: dir, now: NOW });
    const first = await exporter.exportAll(sampleMetrics());
    const before = readFileSync(first.events, 'utf8');
    await rejection(exporter.exportAll(failingAfter(10)));
    expect(listDir(dir)).toEqual(Object.values(first).map((p) => p.slice(dir.length + 1)).sort());
    expect(readFileSync(first.events, 'utf8')).toBe(before);
  });

  it('reports a failing summary as an ExportError naming outputDir, and writes nothing', async () => {
    const dir = tempDir();
    const broken = withOverrides(sampleMetrics(), {
      getSummary: () => {
        throw new Error('no summary today');
      },
    });
    const error = await rejection(quickExport(broken, { outputDir: dir, now: NOW }));
    expect(isExportError(error) && error.path === dir && /no summary today/.test(error.message)).toBe(true);
    expect(listDir(dir)).toEqual([]);
  });

  it('does not overwrite a file that takes the final name while the export runs, and cleans up', async () => {
    const dir = tempDir();
    const intruder = join(dir, 'chaos_events_20261128T081500Z.csv');
    const input = sampleMetrics();
    const racing = withOverrides(input, {
      *iterateFaults(): IterableIterator<FaultRecord> {
        writeFileSync(intruder, 'someone else');
        yield* input.iterateFaults();
      },
    });
    const error = await rejection(new MetricsExporter({ outputDir: dir, now: NOW }).exportEventsCsv(racing));
    expect(isExportError(error) && /already exists; it is never overwritten/.test(error.message)).toBe(true);
    expect(readFileSync(intruder, 'utf8')).toBe('someone else');
    expect(listDir(dir)).toEqual(['chaos_events_20261128T081500Z.csv']);
  });

  it('exportAll takes back the files it already published when a later one cannot be published', async () => {
    const dir = tempDir();
    const intruder = join(dir, 'chaos_mttr_20261128T081500Z.csv');
    const input = sampleMetrics();
    let recoveryPasses = 0;
    const racing = withOverrides(input, {
      *iterateRecoveries(): IterableIterator<RecoveryRecord> {
        // Passes: full JSON, events CSV, then the MTTR CSV — the last file to be published.
        if (++recoveryPasses === 3) writeFileSync(intruder, 'someone else');
        yield* input.iterateRecoveries();
      },
    });
    const error = await rejection(quickExport(racing, { outputDir: dir, now: NOW }));
    expect(isExportError(error) && error.path === intruder).toBe(true);
    expect(listDir(dir)).toEqual(['chaos_mttr_20261128T081500Z.csv']);
    expect(readFileSync(intruder, 'utf8')).toBe('someone else');
  });

  it('stops on abort: rejects with the signal reason and leaves nothing', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const input = sampleMetrics({ ...SAMPLE, recoveries: manyRecoveries(50_000) });
    const aborting = withOverrides(input, {
      *iterateRecoveries(): IterableIterator<RecoveryRecord> {
        let n = 0;
        for (const recovery of input.iterateRecoveries()) {
          if (n++ === 20_000) controller.abort(new Error('user cancelled'));
          yield recovery;
        }
      },
    });
    const error = await rejection(quickExport(aborting, { outputDir: dir, now: NOW, signal: controller.signal }));
    expect((error as Error).message).toBe('user cancelled');
    expect(listDir(dir)).toEqual([]);
  });

  it('does not start when the signal is already aborted', async () => {
    const dir = tempDir();
    const reason = new Error('too late');
    const error = await rejection(quickExport(sampleMetrics(), { outputDir: dir, now: NOW, signal: AbortSignal.abort(reason) }));
    expect(error).toBe(reason);
    expect(listDir(dir)).toEqual([]);
  });
});

describe('outputDir errors', () => {
  it('names the path when outputDir is a file', async () => {
    const file = join(tempDir(), 'results.txt');
    writeFileSync(file, 'x');
    const error = await rejection(quickExport(sampleMetrics(), { outputDir: file }));
    expect(isExportError(error)).toBe(true);
    expect((error as ExportError).message).toBe(`outputDir "${file}" is a file, not a folder`);
    expect((error as ExportError).path).toBe(file);
  });

  it('names the path when a parent of outputDir is a file', async () => {
    const file = join(tempDir(), 'results.txt');
    writeFileSync(file, 'x');
    const dir = join(file, 'nested');
    const error = await rejection(quickExport(sampleMetrics(), { outputDir: dir }));
    expect(isExportError(error)).toBe(true);
    expect((error as ExportError).message).toContain(`outputDir "${dir}" cannot be created`);
  });

  it.skipIf(process.platform !== 'linux')('fails at once under /proc, where a recursive mkdir never returns', async () => {
    const error = await rejection(quickExport(sampleMetrics(), { outputDir: '/proc/chaos-results/run-1' }));
    expect(isExportError(error)).toBe(true);
    expect((error as ExportError).message).toBe(
      `outputDir "/proc/chaos-results/run-1" cannot be created: ENOENT: no such file or directory, mkdir '/proc/chaos-results'`,
    );
  });
});

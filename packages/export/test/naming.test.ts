import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MetricsExporter, quickExport } from '../src/index.js';
import { fileTimestamp } from '../src/_internals/timestamp.js';
import { fixedNow, listDir, sampleMetrics, tempDir } from './fixtures.js';

const T = '2026-11-28T08:15:00.123Z';

describe('file timestamps', () => {
  it('formats UTC in ISO 8601 basic form, to the second', () => {
    expect(fileTimestamp(new Date(T))).toBe('20261128T081500Z');
    expect(fileTimestamp(new Date('0987-01-02T03:04:05Z'))).toBe('09870102T030405Z');
  });

  it('uses UTC whatever the offset of the input', () => {
    expect(fileTimestamp(new Date('2026-11-28T23:59:59+02:00'))).toBe('20261128T215959Z');
  });

  it('sorts in time order as plain strings', () => {
    const times = ['2026-01-01T00:00:00Z', '2026-01-01T00:00:09Z', '2026-01-01T00:00:10Z', '2026-10-01T00:00:00Z'];
    const stamps = times.map((t) => fileTimestamp(new Date(t)));
    expect([...stamps].sort()).toEqual(stamps);
  });

  it('rejects an invalid date, naming `now()`', () => {
    expect(() => fileTimestamp(new Date('nope'))).toThrow(/`now\(\)`.*valid Date/);
  });
});

describe('export file names', () => {
  it('gives the four files of one exportAll the same timestamp, in outputDir', async () => {
    const dir = tempDir();
    const paths = await new MetricsExporter({ outputDir: dir, now: fixedNow(T) }).exportAll(sampleMetrics());
    expect(paths).toEqual({
      fullMetrics: join(dir, 'chaos_full_metrics_20261128T081500Z.json'),
      summary: join(dir, 'chaos_summary_20261128T081500Z.json'),
      events: join(dir, 'chaos_events_20261128T081500Z.csv'),
      mttr: join(dir, 'chaos_mttr_20261128T081500Z.csv'),
    });
    expect(listDir(dir)).toEqual(Object.values(paths).map((p) => basename(p)).sort());
  });

  it('never overwrites: a second and third export in the same second get -2 and -3', async () => {
    const dir = tempDir();
    const exporter = new MetricsExporter({ outputDir: dir, now: fixedNow(T) });
    const first = await exporter.exportAll(sampleMetrics());
    const second = await exporter.exportAll(sampleMetrics());
    const third = await exporter.exportEventsCsv(sampleMetrics());
    expect(basename(first.events)).toBe('chaos_events_20261128T081500Z.csv');
    expect(basename(second.events)).toBe('chaos_events_20261128T081500Z-2.csv');
    expect(basename(second.mttr)).toBe('chaos_mttr_20261128T081500Z-2.csv');
    expect(basename(third)).toBe('chaos_events_20261128T081500Z-3.csv');
    expect(listDir(dir)).toHaveLength(9);
  });

  it('keeps one timestamp per export: a lone summary skips a stamp whose events file exists', async () => {
    const dir = tempDir();
    const exporter = new MetricsExporter({ outputDir: dir, now: fixedNow(T) });
    await exporter.exportEventsCsv(sampleMetrics());
    const summary = await exporter.exportSummary(sampleMetrics());
    expect(basename(summary)).toBe('chaos_summary_20261128T081500Z-2.json');
  });

  it('skips names taken by files it did not write, and leaves them untouched', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'chaos_mttr_20261128T081500Z.csv'), 'not ours');
    const paths = await new MetricsExporter({ outputDir: dir, now: fixedNow(T) }).exportAll(sampleMetrics());
    expect(basename(paths.mttr)).toBe('chaos_mttr_20261128T081500Z-2.csv');
    expect(listDir(dir)).toContain('chaos_mttr_20261128T081500Z.csv');
  });

  it('gives concurrent exports in the same second distinct names', async () => {
    const dir = tempDir();
    const exporter = new MetricsExporter({ outputDir: dir, now: fixedNow(T) });
    const results = await Promise.all(Array.from({ length: 6 }, () => exporter.exportAll(sampleMetrics())));
    const stamps = results.map((paths) => /_(\d{8}T\d{6}Z(?:-\d+)?)\.csv$/.exec(paths.events)?.[1]);
    expect(new Set(stamps).size).toBe(6);
    expect(listDir(dir)).toHaveLength(24);
  });

  it('goes back to the plain timestamp in the next second', async () => {
    const dir = tempDir();
    const exporter = new MetricsExporter({ outputDir: dir, now: fixedNow(T, '2026-11-28T08:15:01Z') });
    await exporter.exportAll(sampleMetrics());
    const next = await exporter.exportAll(sampleMetrics());
    expect(basename(next.summary)).toBe('chaos_summary_20261128T081501Z.json');
  });

  it('leaves no lock or temp file behind', async () => {
    const dir = tempDir();
    await quickExport(sampleMetrics(), { outputDir: dir, now: fixedNow(T) });
    expect(listDir(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('creates a missing outputDir, nested, and resolves a relative one', async () => {
    const dir = join(tempDir(), 'a', 'b', 'c');
    const paths = await quickExport(sampleMetrics(), { outputDir: dir, now: fixedNow(T) });
    expect(dirname(paths.events)).toBe(dir);
    const relative = new MetricsExporter({ outputDir: 'results' });
    expect(relative.outputDir).toBe(join(process.cwd(), 'results'));
  });
});

describe('options', () => {
  it('rejects a bad outputDir, now or context, naming the option', () => {
    expect(() => new MetricsExporter({ outputDir: '' })).toThrow(/`outputDir`/);
    expect(() => new MetricsExporter({ outputDir: 'x', now: 5 as never })).toThrow(/`now`/);
    expect(() => new MetricsExporter({ outputDir: 'x', context: { seed: Number.NaN } })).toThrow(/`context.seed`/);
    expect(() => new MetricsExporter({ outputDir: 'x', context: { scenarios: [1] as never } })).toThrow(/`context.scenarios`/);
    expect(() => new MetricsExporter({ outputDir: 'x', context: { labels: { host: {} as never } } })).toThrow(
      /`context.labels.host`/,
    );
    // The rejected value is quoted as every package quotes one (formatValue of @chaos/format).
    expect(() => new MetricsExporter({ outputDir: 'x', context: { scenarios: [1] as never } })).toThrow('got `[1]`');
    expect(() => new MetricsExporter({ outputDir: 'x', context: { labels: { host: { os: 'linux' } as never } } })).toThrow('got `{"os":"linux"}`');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => new MetricsExporter({ outputDir: 'x', context: { config: cyclic } })).toThrow(/`context.config`.*JSON/);
  });

  it('rejects something that is not a metrics store, naming `metrics`', async () => {
    const exporter = new MetricsExporter({ outputDir: tempDir() });
    await expect(exporter.exportAll({} as never)).rejects.toThrow(/`metrics`/);
  });

  it('rejects a `now` that returns no Date', async () => {
    const exporter = new MetricsExporter({ outputDir: tempDir(), now: (() => 'today') as never });
    await expect(exporter.exportAll(sampleMetrics())).rejects.toThrow(/`now\(\)`.*Date/);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { METRICS_SCHEMA_VERSION } from '@chaos/metrics';
import { createChaosRuntime, DEFAULT_CHAOS_CONFIG, runInChaosScope } from '@chaos/config';
import { describe, expect, it } from 'vitest';
import {
  isExportError,
  loadExport,
  MetricsExporter,
  quickExport,
  type FullMetricsFile,
  type SummaryFile,
} from '../src/index.js';
import { fixedNow, NASTY_TEXT, SAMPLE, sampleMetrics, tempDir } from './fixtures.js';

const NOW = fixedNow('2026-11-28T08:15:00.250Z');
const schemaDir = new URL('../schemas/', import.meta.url);
const readJson = (path: string | URL): unknown => JSON.parse(readFileSync(path, 'utf8'));
const fullSchema = readJson(new URL('full-metrics.schema.json', schemaDir)) as Record<string, unknown>;
const summarySchema = readJson(new URL('summary.schema.json', schemaDir)) as Record<string, unknown>;

function validator(schema: object) {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
  return ajv.compile(schema);
}
const validateFull = validator(fullSchema);
const validateSummary = validator(summarySchema);

const CONTEXT = {
  config: { ...DEFAULT_CHAOS_CONFIG, enabled: true, crashProbability: 0.25 },
  seed: 'campaign-42',
  scenarios: ['ProductCrashMidUpload', 'MarketingTimeout'],
  labels: { host: 'lab-3', commit: 'abc123', gpu: false, runs: 100, note: null },
};

describe('JSON Schemas', () => {
  it('are draft 2020-12 and compile under ajv strict mode', () => {
    for (const schema of [fullSchema, summarySchema]) {
      expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    }
  });

  it('share one definition of the summary, context and versions', () => {
    const fullDefs = fullSchema['$defs'] as Record<string, unknown>;
    const summaryDefs = summarySchema['$defs'] as Record<string, unknown>;
    for (const name of Object.keys(summaryDefs)) expect(fullDefs[name], name).toEqual(summaryDefs[name]);
  });

  it('ship with the package and are exported as ./schemas/*', () => {
    const pkg = readJson(new URL('../package.json', import.meta.url)) as { files: string[]; exports: Record<string, unknown> };
    expect(pkg.files).toContain('schemas');
    expect(pkg.exports['./schemas/*']).toBe('./schemas/*');
  });
});

describe('chaos_full_metrics_<ts>.json and chaos_summary_<ts>.json', () => {
  it('validate against their schemas', async () => {
    const paths = await quickExport(sampleMetrics(), { outputDir: tempDir(), now: NOW, context: CONTEXT });
    const full = readJson(paths.fullMetrics);
    const summary = readJson(paths.summary);
    expect(validateFull(full), JSON.stringify(validateFull.errors)).toBe(true);
    expect(validateSummary(summary), JSON.stringify(validateSummary.errors)).toBe(true);
    // And not against each other's: the `format` tells them apart.
    expect(validateSummary(full)).toBe(false);
    expect(validateFull(summary)).toBe(false);
  });

  it('carry the mark of an automatically detected recovery, and validate with it', async () => {
    const metrics = sampleMetrics({ faults: [], recoveries: [], scenarioResults: [] });
    metrics.recordRecovery({ agentId: 'marketing', threadId: 't-1', runId: 'r-1', faultType: 'crash', faultAt: 1_000, detectedAt: 1_000, recoveredAt: 3_500, success: true, detection: 'automatic' });
    metrics.recordRecovery({ agentId: 'product', threadId: 't-1', runId: 'r-1', faultType: 'crash', faultAt: 0, detectedAt: 0, recoveredAt: 10, success: true });
    const paths = await quickExport(metrics, { outputDir: tempDir(), now: NOW });
    const full = readJson(paths.fullMetrics) as FullMetricsFile;
    expect(validateFull(full), JSON.stringify(validateFull.errors)).toBe(true);
    expect(full.recoveries[0]).toMatchObject({ detection: 'automatic' });
    expect(full.recoveries[1]).not.toHaveProperty('detection');
    expect((await loadExport(paths.fullMetrics)).toJSON().recoveries[0]).toMatchObject({ detection: 'automatic' });
  });

  it('validate for an empty store too', async () => {
    const empty = sampleMetrics({ faults: [], recoveries: [], scenarioResults: [] });
    const paths = await quickExport(empty, { outputDir: tempDir(), now: NOW });
    const full = readJson(paths.fullMetrics) as FullMetricsFile;
    expect(validateFull(full), JSON.stringify(validateFull.errors)).toBe(true);
    expect(validateSummary(readJson(paths.summary)), JSON.stringify(validateSummary.errors)).toBe(true);
    expect([full.faults, full.recoveries, full.scenarioResults]).toEqual([[], [], []]);
  });

  it('carry schemaVersion, generatedAt, versions, context, seeds, the summary and every record', async () => {
    const metrics = sampleMetrics();
    const paths = await new MetricsExporter({ outputDir: tempDir(), now: NOW, context: CONTEXT }).exportAll(metrics);
    const full = readJson(paths.fullMetrics) as FullMetricsFile;
    const expectedSummary = JSON.parse(JSON.stringify(metrics.getSummary())) as unknown;
    const expectedSnapshot = JSON.parse(JSON.stringify(metrics.toJSON())) as Record<string, unknown>;
    expect(full).toEqual({
      format: 'chaos-full-metrics',
      schemaVersion: METRICS_SCHEMA_VERSION,
      generatedAt: '2026-11-28T08:15:00.250Z',
      packages: {
        '@chaos/export': (readJson(new URL('../package.json', import.meta.url)) as { version: string }).version,
        '@chaos/metrics': (readJson(new URL('../../metrics/package.json', import.meta.url)) as { version: string }).version,
        '@chaos/config': (readJson(new URL('../../config/package.json', import.meta.url)) as { version: string }).version,
      },
      context: JSON.parse(JSON.stringify(CONTEXT)) as unknown,
      startedAt: 0,
      bootstrapSeed: 'export-tests',
      bootstrapResamples: 200,
      accuracyThreshold: 0.9,
      counts: { faults: 3, recoveries: 3, scenarioResults: 2 },
      summary: expectedSummary,
      faults: expectedSnapshot['faults'],
      recoveries: expectedSnapshot['recoveries'],
      scenarioResults: expectedSnapshot['scenarioResults'],
    });
    expect(full.faults[0]?.error).toBe(NASTY_TEXT);
    expect(full.recoveries[1]?.detectedAt).toBe(SAMPLE.recoveries[1]?.detectedAt);
    // Tags, fault time sources and a run's kept output travel into the file.
    expect(full.faults[0]?.tags).toEqual(SAMPLE.faults[0]?.tags);
    expect(full.recoveries.map((r) => r.faultTimeSource)).toEqual(['recorded', 'recorded', 'measurement-start']);
    expect(full.recoveries[0]?.tags).toEqual({ model: 'gpt-4o', prompt: 'v2, "quoted"', reflex: 'restart' });
    expect(full.scenarioResults[0]?.output).toEqual(SAMPLE.scenarioResults[0]?.output);
    expect(full.summary.byTag['reflex']?.['restart']?.totalRecoveries).toBe(1);
    const summaryFile = readJson(paths.summary) as SummaryFile;
    const { faults, recoveries, scenarioResults, format, ...header } = full;
    void [faults, recoveries, scenarioResults, format];
    expect(summaryFile).toEqual({ ...header, format: 'chaos-summary' });
  });

  it('writes one record a line, under a pretty-printed header', async () => {
    const path = await new MetricsExporter({ outputDir: tempDir(), now: NOW }).exportFullMetrics(sampleMetrics());
    const lines = readFileSync(path, 'utf8').split('\n');
    const recordLines = lines.filter((line) => line.startsWith('    {'));
    expect(recordLines).toHaveLength(3 + 3 + 2);
    expect(lines.at(-1)).toBe('');
    expect(lines.at(-2)).toBe('}');
  });

  it('by default records the active chaos runtime config and seed, and the scenarios found', async () => {
    const runtime = createChaosRuntime({ config: { crashProbability: 0.5 }, seed: 'scope-seed' });
    const path = await runInChaosScope(runtime, () =>
      new MetricsExporter({ outputDir: tempDir(), now: NOW }).exportSummary(sampleMetrics()),
    );
    const file = readJson(path) as SummaryFile;
    expect(file.context).toEqual({
      config: JSON.parse(JSON.stringify(runtime.config)) as unknown,
      seed: 'scope-seed',
      scenarios: ['MarketingTimeout', 'ProductCrashMidUpload'],
      labels: {},
    });
  });

  it('records no seed of its own when a config is given without one', async () => {
    const path = await new MetricsExporter({ outputDir: tempDir(), now: NOW, context: { config: { runs: 3 } } }).exportSummary(
      sampleMetrics(),
    );
    expect((readJson(path) as SummaryFile).context).toMatchObject({ config: { runs: 3 }, seed: null });
  });
});

describe('loadExport', () => {
  it('reads a full export back into a ResilienceMetrics with the same summary and records', async () => {
    const metrics = sampleMetrics();
    const { fullMetrics } = await quickExport(metrics, { outputDir: tempDir(), now: NOW, context: CONTEXT });
    const loaded = await loadExport(fullMetrics);
    expect(loaded.getSummary()).toEqual(metrics.getSummary());
    expect(loaded.toJSON()).toEqual(metrics.toJSON());
    expect(loaded.bootstrapSeed).toBe(metrics.bootstrapSeed);
  });

  it('round-trips a store with many runs, so the bootstrap interval and percentiles are not trivial', async () => {
    const faults = Array.from({ length: 400 }, (_, i) => ({
      agentId: `agent-${i % 3}`, threadId: `t${i}`, faultType: i % 2 ? 'crash' : 'timeout', runId: `run-${i % 37}`,
      scenario: `S${i % 5}`, at: i * 1000 + i / 7, error: undefined, tags: i % 2 ? { model: `m${i % 3}` } : undefined,
    }));
    const recoveries = faults.map((fault, i) => ({
      agentId: fault.agentId, threadId: fault.threadId, faultType: fault.faultType, runId: fault.runId, scenario: fault.scenario,
      faultAt: fault.at, detectedAt: fault.at + (i % 11) * 3.3, recoveredAt: fault.at + 40 + ((i * 7919) % 997) / 3,
      success: i % 9 !== 0, reconstructionAccuracy: i % 4 ? ((i * 31) % 100) / 100 : undefined, usedPeerContext: i % 3 === 0,
      error: i % 9 === 0 ? `gave up, "${i}"` : undefined, notes: undefined, faultTimeSource: 'recorded' as const, tags: fault.tags,
    }));
    const metrics = sampleMetrics({ faults, recoveries, scenarioResults: SAMPLE.scenarioResults });
    const { fullMetrics } = await quickExport(metrics, { outputDir: tempDir(), now: NOW });
    const summary = metrics.getSummary();
    expect(summary.mttrCi95).not.toBeNull();
    expect((await loadExport(fullMetrics)).getSummary()).toEqual(summary);
  });

  it('rejects another schemaVersion with a clear error', async () => {
    const { fullMetrics } = await quickExport(sampleMetrics(), { outputDir: tempDir(), now: NOW });
    const file = readJson(fullMetrics) as Record<string, unknown>;
    writeFileSync(fullMetrics, JSON.stringify({ ...file, schemaVersion: 99 }));
    await expect(loadExport(fullMetrics)).rejects.toThrow(
      `Could not load export ${fullMetrics}: it has schemaVersion 99, and this version of @chaos/export reads schemaVersions 1 and ${METRICS_SCHEMA_VERSION}`,
    );
    const { schemaVersion, ...unversioned } = file;
    void schemaVersion;
    writeFileSync(fullMetrics, JSON.stringify(unversioned));
    await expect(loadExport(fullMetrics)).rejects.toThrow(/it has no schemaVersion/);
  });

  it('rejects a summary file, naming the file to load instead', async () => {
    const { summary } = await quickExport(sampleMetrics(), { outputDir: tempDir(), now: NOW });
    await expect(loadExport(summary)).rejects.toThrow(/is a summary export.*chaos_full_metrics_<ts>\.json/);
  });

  it('rejects a missing file, a folder, non-JSON and a file over maxBytes, naming the path', async () => {
    const dir = tempDir();
    const missing = join(dir, 'nope.json');
    const error = await loadExport(missing).catch((e: unknown) => e);
    expect(isExportError(error) && error.path === missing && /ENOENT/.test(error.message)).toBe(true);
    await expect(loadExport(dir)).rejects.toThrow(`Could not load export ${dir}: it is not a file`);
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{"schemaVersion": 1, "faults": [');
    await expect(loadExport(garbage)).rejects.toThrow(/garbage\.json: it is not valid JSON/);
    const { fullMetrics } = await quickExport(sampleMetrics(), { outputDir: dir, now: NOW });
    await expect(loadExport(fullMetrics, { maxBytes: 100 })).rejects.toThrow(/bytes, more than the 100 bytes loadExport reads/);
  });

  it('rejects records that ResilienceMetrics refuses, naming the field', async () => {
    const { fullMetrics } = await quickExport(sampleMetrics(), { outputDir: tempDir(), now: NOW });
    const file = readJson(fullMetrics) as FullMetricsFile;
    const recoveries = file.recoveries.map((r, i) => (i === 1 ? { ...r, reconstructionAccuracy: 1.5 } : r));
    writeFileSync(fullMetrics, JSON.stringify({ ...file, recoveries }));
    await expect(loadExport(fullMetrics)).rejects.toThrow(/its records were rejected: .*recoveries\[1\]\.reconstructionAccuracy/);
  });

  it('also reads a bare toJSON() snapshot', async () => {
    const metrics = sampleMetrics();
    const path = join(tempDir(), 'snapshot.json');
    writeFileSync(path, JSON.stringify(metrics));
    expect((await loadExport(path)).getSummary()).toEqual(metrics.getSummary());
  });
});

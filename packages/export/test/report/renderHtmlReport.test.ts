import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareCampaigns, formatComparisonTable, ResilienceMetrics } from '@chaos/metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  findLatestExport,
  isExportError,
  loadReportCampaign,
  quickExport,
  renderComparisonHtml,
  renderHtmlReport,
  writeHtmlReport,
} from '../../src/index.js';
import { fixedNow, tempDir } from '../fixtures.js';
import { runCampaign, scenarioNames } from './campaign.js';

const NOW = (): Date => new Date('2026-01-02T03:04:05Z');

/** The number of times `needle` occurs in `text`. */
function occurrences(text: string, needle: string | RegExp): number {
  return (text.match(new RegExp(needle, 'g')) ?? []).length;
}

/** What no report may contain: broken numbers or unrendered values. */
function expectNoBrokenValues(html: string): void {
  expect(html).not.toMatch(/NaN|Infinity|undefined|\[object Object\]/);
}

let campaign: ResilienceMetrics;

beforeAll(async () => {
  campaign = (await runCampaign('report-test', 4)).metrics;
});

describe('renderHtmlReport: correct recovery, tags, recovery-only Δt and methods', () => {
  /** Two runs of one scenario: a correct restart, a restart to the wrong state, and a recovery measured with no recorded fault. */
  function tagged(): ResilienceMetrics {
    const metrics = new ResilienceMetrics({ bootstrapSeed: 'tags' });
    const base = { agentId: 'product', faultType: 'crash', scenario: 'S', success: true } as const;
    metrics.recordRecovery({ ...base, threadId: 'r1', runId: 'r1', faultAt: 0, detectedAt: 100, recoveredAt: 1_000, reconstructionAccuracy: 1, tags: { reflex: 'restart' } });
    metrics.recordRecovery({ ...base, threadId: 'r2', runId: 'r2', faultAt: 0, detectedAt: 100, recoveredAt: 2_000, reconstructionAccuracy: 0.2, tags: { reflex: 'replay' } });
    metrics.recordRecovery({ ...base, threadId: 'r2', runId: 'r2', faultAt: 5_000, faultTimeSource: 'measurement-start', detectedAt: 5_000, recoveredAt: 5_500 });
    metrics.recordScenarioResult({ scenario: 'S', runId: 'r1', success: true, recovered: true, taskCompleted: true, mttrSeconds: 1 });
    metrics.recordScenarioResult({ scenario: 'S', runId: 'r2', success: true, recovered: false, taskCompleted: true, mttrSeconds: 1.25 });
    return metrics;
  }

  it('shows correct recovery beside recovery, in the cards, the rates and every breakdown', async () => {
    const html = await renderHtmlReport(tagged(), { now: NOW });
    // 1 of the 2 scored recoveries is correct: 50 %.
    expect(html).toMatch(/data-card="correct-recovery"><h3>Correct recovery<\/h3><div class="value">50\.0\u00a0%<\/div>/);
    expect(html).toContain('1 of 2 scored recoveries restored the state (accuracy ≥ 0.9; mean 0.60)');
    expect(html).toMatch(/<table data-table="rates"><thead><tr><th>scenario<\/th><th class="num">runs<\/th><th class="num">success<\/th><th class="num">recovered<\/th><th class="num">accuracy<\/th><th class="num">correct<\/th>/);
    expect(html).toMatch(/<table data-table="by-fault type"><thead><tr>.*<th class="num">accuracy<\/th><th class="num">correct<\/th>/);
    expectNoBrokenValues(html);
  });

  it('has a table per tag key when there are tags, and none without', async () => {
    const html = await renderHtmlReport(tagged(), { now: NOW });
    expect(html).toContain('<section id="tags"><h2>Recoveries by tag</h2>');
    expect(html).toContain('<h3>By tag “reflex”</h3>');
    expect(html).toContain('data-table="by-tag reflex"');
    expect(html).toContain('<td><code>restart</code></td>');
    expect(html).toContain('<a href="#tags">By tag</a>');
    const untagged = await renderHtmlReport(campaign, { now: NOW });
    expect(untagged).not.toContain('id="tags"');
  });

  it('says how many Δt are recovery-only, and how the figures are computed', async () => {
    const html = await renderHtmlReport(tagged(), { now: NOW });
    expect(html).toContain('1 of 3 recovery attempts had no recorded fault: their Δt is recovery-only');
    expect(html).toContain('resamples runs <em>within each scenario</em> (a stratified bootstrap)');
    expect(html).toContain('pair the two over the same runs');
    expect(html).toContain('is at least the threshold (here 0.9)');
  });
});

describe('renderHtmlReport: a real campaign', () => {
  let html: string;
  beforeAll(async () => {
    html = await renderHtmlReport(
      { metrics: campaign, context: { seed: 'report-test', labels: { host: 'lab-3' }, config: { runsPerScenario: 4 } } },
      { now: NOW },
    );
  });

  it('is one self-contained document: no script, nothing to fetch, a CSP that forbids fetching', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    // The only URL is the SVG namespace, which is a name, never fetched.
    expect(html.match(/https?:\/\/[^"\s<)]+/g)?.every((url) => url === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html).toContain('@media print');
    expectNoBrokenValues(html);
  });

  it('has the header: seed, scenarios, runs, package versions, generated time', () => {
    expect(html).toContain('<code>report-test</code>');
    for (const name of scenarioNames()) expect(html).toContain(`<code>${name}</code>`);
    expect(html).toContain('20 runs of 5 scenarios, 4 per scenario');
    expect(html).toMatch(/<code>@chaos\/metrics<\/code>\u00a0\d+\.\d+\.\d+/);
    expect(html).toContain('2026-01-02 03:04:05 UTC');
    expect(html).toContain('host: <code>lab-3</code>');
    expect(html).toContain('&quot;runsPerScenario&quot;: 4');
  });

  it('shows the summary cards with the values of the summary', () => {
    const summary = campaign.getSummary();
    for (const id of ['mttr', 'medttr', 'p95', 'mttd', 'mtbf', 'nrr', 'success-rate', 'recovery-rate', 'correct-recovery', 'completion-rate', 'attempt-rate']) {
      expect(html).toContain(`data-card="${id}"`);
    }
    expect(html).toContain(`<div class="value">${(summary.mttrAvg as number).toPrecision(3)}\u00a0s</div>`);
    const ci = summary.mttrCi95 as { low: number; high: number };
    expect(html).toContain(`95\u00a0% CI ${ci.low.toPrecision(3)}\u2013${ci.high.toPrecision(3)}\u00a0s`);
    // 20 of 20 runs held: Wilson interval [83.9, 100].
    expect(html).toMatch(/data-card="success-rate"><h3>Success rate<\/h3><div class="value">100\.0\u00a0%<\/div><div class="detail">95\u00a0% CI 83\.9\u2013100\.0\u00a0%/);
  });

  it('draws every chart with its data marks and labelled axes', () => {
    const withRecoveries = Object.values(campaign.getSummary().byScenario).filter((s) => s.successfulRecoveries > 0).length;
    expect(withRecoveries).toBe(4); // DelayedRecovery needs none
    expect(occurrences(html, 'data-chart="histogram"')).toBe(withRecoveries);
    expect(occurrences(html, 'data-chart="ecdf"')).toBe(withRecoveries);
    expect(occurrences(html, 'data-chart="boxplot"')).toBe(1);
    expect(occurrences(html, 'data-chart="rates"')).toBe(1);
    expect(occurrences(html, 'data-chart="timeline"')).toBe(1);
    expect(occurrences(html, 'data-chart="recoveries-by-fault type"')).toBe(1);
    expect(occurrences(html, 'data-chart="recoveries-by-agent"')).toBe(1);
    // Histogram bars add up to the recoveries.
    const bars = [...html.matchAll(/class="bar" data-count="(\d+)"/g)].map((m) => Number(m[1]));
    expect(bars.reduce((a, b) => a + b, 0)).toBe(campaign.getSummary().successfulRecoveries);
    // Three rates for the whole and for each scenario.
    expect(occurrences(html, 'class="rate-dot"')).toBe(3 * 6);
    expect(html).toContain('recovery time Δt (s)');
    expect(html).toContain('recoveries (count)');
    expect(html).toContain('recovered within t');
    expect(html).toContain('rate (%) with 95 % Wilson interval');
    expect(html).toContain('time since the run&#39;s first fault (s)');
  });

  it('says so where a scenario has nothing to plot', () => {
    expect(html).toMatch(/data-scenario="DelayedRecovery"><h3>DelayedRecovery<\/h3><p class="no-data">No recovery was needed or recorded in this scenario/);
  });

  it('draws the run whose mean recovery time is closest to the median', () => {
    const runMeans = new Map<string, number[]>();
    for (const r of campaign.iterateRecoveries()) {
      if (!r.success) continue;
      runMeans.set(r.runId, [...(runMeans.get(r.runId) ?? []), (r.recoveredAt - r.faultAt) / 1000]);
    }
    const means = [...runMeans].map(([id, d]) => [id, d.reduce((a, b) => a + b, 0) / d.length] as const);
    const sorted = means.map(([, m]) => m).sort((a, b) => a - b);
    const mid = (sorted.length - 1) / 2;
    const median = ((sorted[Math.floor(mid)] as number) + (sorted[Math.ceil(mid)] as number)) / 2;
    const best = means.reduce((a, b) => (Math.abs(b[1] - median) < Math.abs(a[1] - median) ? b : a));
    expect(html).toContain(`Run <code>${best[0].replace('#', '#')}</code>`);
    expect(html).toContain('closest to the median over the 16 runs with a recovery');
    expect(occurrences(html, 'class="mark-fault"')).toBeGreaterThanOrEqual(1);
    expect(occurrences(html, 'class="mark-recovery"')).toBeGreaterThanOrEqual(1);
    expect(occurrences(html, 'class="mark-detect"')).toBeGreaterThanOrEqual(1);
  });

  it('draws the run asked for', async () => {
    const chosen = await renderHtmlReport(campaign, { now: NOW, timelineRunId: 'MarketingTimeout#2' });
    expect(chosen).toContain('Run <code>MarketingTimeout#2</code>');
    expect(chosen).toContain('Shown because it is the run asked for');
    expect(chosen).toContain('detected: timeout');
  });

  it('is a pure function of its input and clock', async () => {
    const again = await renderHtmlReport(
      { metrics: campaign, context: { seed: 'report-test', labels: { host: 'lab-3' }, config: { runsPerScenario: 4 } } },
      { now: NOW },
    );
    expect(again).toBe(html);
  });
});

describe('renderHtmlReport: escaping', () => {
  it('escapes scenario, agent and fault names, error texts, labels, seed, config and title', async () => {
    const evil = '<script>alert("x")</script>';
    const metrics = new ResilienceMetrics();
    metrics.recordFailure({ agentId: `agent ${evil}`, threadId: 't', faultType: `crash ${evil}`, runId: `run ${evil}`, scenario: `S ${evil}`, at: 0, error: `boom ${evil}` });
    metrics.recordRecovery({ agentId: `agent ${evil}`, threadId: 't', faultType: `crash ${evil}`, runId: `run ${evil}`, scenario: `S ${evil}`, faultAt: 0, detectedAt: 100, recoveredAt: 900, success: false, error: `gave up ${evil}` });
    metrics.recordRecovery({ agentId: `agent ${evil}`, threadId: 't', faultType: `crash ${evil}`, runId: `run ${evil}`, scenario: `S ${evil}`, faultAt: 0, detectedAt: 100, recoveredAt: 1500, success: true });
    metrics.recordScenarioResult({ scenario: `S ${evil}`, runId: `run ${evil}`, seed: `seed ${evil}`, success: false, recovered: true, taskCompleted: false, mttrSeconds: 1.5, error: `failed ${evil}` });
    const html = await renderHtmlReport(
      { metrics, context: { seed: `seed ${evil}`, labels: { [`k ${evil}`]: `v ${evil}` }, config: { note: evil }, scenarios: [`S ${evil}`] } },
      { now: NOW, title: `Title ${evil}` },
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('alert("x")');
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';
    for (const text of [`Title ${escaped}`, `S ${escaped}`, `agent ${escaped}`, `crash ${escaped}`, `gave up ${escaped}`, `failed ${escaped}`, `seed ${escaped}`, `v ${escaped}`, `run ${escaped}`]) {
      expect(html).toContain(text);
    }
    expectNoBrokenValues(html);
  });
});

describe('renderHtmlReport: little or no data', () => {
  it('renders an empty store with a note in every section instead of a chart', async () => {
    const html = await renderHtmlReport(new ResilienceMetrics(), { now: NOW });
    expect(html).not.toContain('<svg');
    expect(html).toContain('No successful recovery was recorded in this campaign');
    expect(html).toContain('No scenario results were recorded');
    expect(html).toContain('nothing to break down by fault type');
    expect(html).toContain('no run to draw');
    expect(html).toContain('0 runs of 0 scenarios');
    expectNoBrokenValues(html);
  });

  it('renders one scenario with a single recovery (all times equal)', async () => {
    const metrics = new ResilienceMetrics();
    metrics.recordRecovery({ agentId: 'a', threadId: 't', faultType: 'crash', runId: 'r1', scenario: 'Only', faultAt: 1000, detectedAt: 1000, recoveredAt: 3000, success: true });
    metrics.recordScenarioResult({ scenario: 'Only', runId: 'r1', success: true, recovered: true, taskCompleted: true, mttrSeconds: 2 });
    const html = await renderHtmlReport(metrics, { now: NOW });
    expect(occurrences(html, 'data-chart="histogram"')).toBe(1);
    expect(html).toContain('class="bar" data-count="1"');
    expect(occurrences(html, 'data-chart="timeline"')).toBe(1);
    expect(html).toMatch(/data-card="mtbf">.*no recovery was followed by another fault in its run/);
    expectNoBrokenValues(html);
  });

  it('renders faults without any recovery: the first run with a fault on the timeline', async () => {
    const metrics = new ResilienceMetrics();
    metrics.recordFailure({ agentId: 'a', threadId: 't', faultType: 'delay', runId: 'r1', scenario: 'Slow', at: 400 });
    metrics.recordScenarioResult({ scenario: 'Slow', runId: 'r1', success: true, recovered: true, taskCompleted: true, mttrSeconds: null });
    const html = await renderHtmlReport(metrics, { now: NOW });
    expect(html).toContain('no run recovered from a fault: the first run with a fault');
    expect(html).toContain('No successful recovery was recorded in this campaign');
    expect(html).toContain('No recovery attempts were recorded for any fault type');
    expectNoBrokenValues(html);
  });
});

describe('renderHtmlReport: from files', () => {
  it('reads the newest full-metrics export of a folder, with its header', async () => {
    const dir = tempDir();
    const older = new ResilienceMetrics();
    older.recordScenarioResult({ scenario: 'Old', runId: 'x', success: true, recovered: true, taskCompleted: true, mttrSeconds: null });
    await quickExport(older, { outputDir: dir, now: fixedNow('2026-01-01T00:00:00Z'), context: { seed: 'old' } });
    await quickExport(campaign, { outputDir: dir, now: fixedNow('2026-01-01T00:00:00Z'), context: { seed: 'newest', config: { runs: 4 } } });
    expect(readdirSync(dir).filter((n) => n.startsWith('chaos_full_metrics_')).sort()).toEqual([
      'chaos_full_metrics_20260101T000000Z-2.json',
      'chaos_full_metrics_20260101T000000Z.json',
    ]);
    const html = await renderHtmlReport(dir, { now: NOW });
    expect(html).toContain('<code>newest</code>');
    expect(html).toContain('chaos_full_metrics_20260101T000000Z-2.json');
    expect(html).toContain('2026-01-01T00:00:00.000Z'); // exported at
    expect(html).toContain(`<div class="value">${(campaign.getSummary().mttrAvg as number).toPrecision(3)}\u00a0s</div>`);
    const file = join(dir, 'chaos_full_metrics_20260101T000000Z.json');
    expect(await renderHtmlReport(file, { now: NOW })).toContain('<code>old</code>');
  });

  it('loads an export for a comparison the way `chaos compare` would', async () => {
    const dirA = tempDir();
    const dirB = tempDir();
    await quickExport(campaign, { outputDir: dirA, now: fixedNow('2026-01-01T00:00:00Z'), context: { seed: 'a', labels: { commit: 'abc' } } });
    const pathsB = await quickExport(campaign, { outputDir: dirB, now: fixedNow('2026-01-02T00:00:00Z') });
    expect(await findLatestExport(dirB)).toBe(pathsB.fullMetrics);
    const a = await loadReportCampaign(dirA);
    const b = await loadReportCampaign(pathsB.fullMetrics);
    expect(a).toMatchObject({ label: 'chaos_full_metrics_20260101T000000Z.json', exportedAt: '2026-01-01T00:00:00.000Z', context: { seed: 'a', labels: { commit: 'abc' } } });
    expect(a.source).toBe(join(dirA, 'chaos_full_metrics_20260101T000000Z.json'));
    expect(b.metrics.getSummary()).toEqual(campaign.getSummary());
    const comparison = compareCampaigns(a.metrics, b.metrics, { labels: { a: a.label, b: b.label } });
    expect(comparison.overall.mttrDifference).toBe(0);
    expect(formatComparisonTable(comparison)).toContain('A = chaos_full_metrics_20260101T000000Z.json, B = chaos_full_metrics_20260102T000000Z.json');
  });

  it('reads a snapshot saved with JSON.stringify', async () => {
    const dir = tempDir();
    const file = join(dir, 'snapshot.json');
    writeFileSync(file, JSON.stringify({ format: 'chaos-full-metrics', ...campaign.toJSON() }));
    const html = await renderHtmlReport(file, { now: NOW });
    expect(occurrences(html, 'data-chart="histogram"')).toBe(4);
  });

  it('fails clearly on a folder without a full export, and on a summary file', async () => {
    const empty = tempDir();
    await expect(renderHtmlReport(empty)).rejects.toThrow(/Could not find a chaos_full_metrics_<ts>\.json file in/);
    const dir = tempDir();
    const paths = await quickExport(campaign, { outputDir: dir });
    const error: unknown = await renderHtmlReport(paths.summary).catch((e: unknown) => e);
    expect(isExportError(error)).toBe(true);
    expect(String(error)).toContain('it is a summary export');
    await expect(renderHtmlReport(join(dir, 'missing.json'))).rejects.toThrow(/Could not read .*missing\.json/);
  });

  it('rejects inputs and options of the wrong kind, naming them', async () => {
    await expect(renderHtmlReport({} as never)).rejects.toThrow('Expected `input` to be a path to an export, a metrics store');
    await expect(renderHtmlReport('')).rejects.toThrow('Expected `input` to be a path');
    await expect(renderHtmlReport(campaign, { title: '' })).rejects.toThrow('Expected `title` to be a non-empty string, got `""`');
    await expect(renderHtmlReport(campaign, { compareWith: 42 as never })).rejects.toThrow('Expected `compareWith` to be');
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    await expect(renderHtmlReport({ metrics: campaign, context: { config: circular } })).rejects.toThrow('Expected `context.config` to be JSON-serialisable');
  });
});

describe('writeHtmlReport', () => {
  it('writes the report atomically, creating the folder, and replaces an older one', async () => {
    const dir = join(tempDir(), 'nested', 'out');
    const path = await writeHtmlReport(campaign, join(dir, 'report.html'), { now: NOW });
    expect(path).toBe(join(dir, 'report.html'));
    const first = readFileSync(path, 'utf8');
    expect(first).toBe(await renderHtmlReport(campaign, { now: NOW }));
    await writeHtmlReport(new ResilienceMetrics(), path, { now: NOW });
    expect(readFileSync(path, 'utf8')).toContain('No successful recovery was recorded');
    expect(readdirSync(dir)).toEqual(['report.html']); // no temp file left
  });

  it('refuses to replace a file with overwrite: false', async () => {
    const dir = tempDir();
    const path = join(dir, 'report.html');
    writeFileSync(path, 'keep me');
    const error: unknown = await writeHtmlReport(campaign, path, { now: NOW, overwrite: false }).catch((e: unknown) => e);
    expect(isExportError(error)).toBe(true);
    expect(String(error)).toContain('already exists');
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('rejects with the abort reason and leaves nothing behind', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(writeHtmlReport(campaign, join(dir, 'r.html'), { signal: controller.signal })).rejects.toThrow('stop');
    expect(existsSync(join(dir, 'r.html'))).toBe(false);
  });
});

describe('the comparison section', () => {
  let baseline: ResilienceMetrics;
  let candidate: ResilienceMetrics;
  beforeAll(async () => {
    baseline = campaign;
    candidate = (await runCampaign('report-test-b', 4, { deadlineMs: 3000, restartMs: 1500 })).metrics;
  });

  it('compares B (the report) with A (compareWith): tables, forest plots, curves', async () => {
    const html = await renderHtmlReport({ metrics: candidate, label: 'short deadline' }, { now: NOW, compareWith: { metrics: baseline, label: 'reference' } });
    expect(html).toContain('<a href="#comparison">Comparison</a>');
    expect(html).toContain('<strong>A</strong> = <code>reference</code> (baseline), <strong>B</strong> = <code>short deadline</code>');
    expect(occurrences(html, 'data-chart="forest-mttr"')).toBe(1);
    expect(occurrences(html, 'data-chart="forest-success"')).toBe(1);
    // Every scenario and the whole: 6 rows in each table.
    expect(occurrences(html, /<tr class="(overall)?"><td>[A-Za-z ]+<\/td><td class="num">\d+<\/td><td class="num">\d+<\/td>/)).toBe(6);
    // DelayedRecovery fails in B (a 3 s deadline takes its 4 s delay for a hang): -100 pp.
    expect(html).toMatch(/<td>DelayedRecovery<\/td><td class="num">4\/4 · 100\.0\u00a0%<\/td><td class="num">0\/4 · 0\.0\u00a0%<\/td><td class="num">\u2212100\.0\u00a0pp<\/td>/);
    // MarketingTimeout is detected at 3 s instead of 10 s: B is faster, and the test says so.
    expect(html).toMatch(/<td>MarketingTimeout<\/td><td class="num">4<\/td><td class="num">4<\/td><td class="num">[\d.]+\u00a0s<\/td><td class="num">[\d.]+\u00a0s<\/td><td class="num">\u2212[\d.]+\u00a0s<\/td>/);
    expect(await renderComparisonHtml({ metrics: baseline, label: 'reference' }, { metrics: candidate, label: 'short deadline' }, { now: NOW })).toBe(html);
  });

  it('compares campaigns without recoveries or results without broken values', async () => {
    const html = await renderComparisonHtml(new ResilienceMetrics(), new ResilienceMetrics(), { now: NOW });
    expect(html).toContain('<strong>A</strong> = <code>A</code> (baseline), <strong>B</strong> = <code>B</code>');
    expect(html).toContain('not enough data');
    expect(html).toContain('Neither campaign recorded a successful recovery');
    expectNoBrokenValues(html);
  });

  it('labels the sides by file name when compared from exports', async () => {
    const dirA = tempDir();
    const dirB = tempDir();
    const a = await quickExport(baseline, { outputDir: dirA, now: fixedNow('2026-01-01T00:00:00Z') });
    await quickExport(candidate, { outputDir: dirB, now: fixedNow('2026-01-01T00:00:00Z') });
    const html = await renderComparisonHtml(a.fullMetrics, dirB, { now: NOW });
    expect(html).toContain('<strong>A</strong> = <code>A: chaos_full_metrics_20260101T000000Z.json</code>');
    expect(html).toContain('<strong>B</strong> = <code>B: chaos_full_metrics_20260101T000000Z.json</code>');
  });
});

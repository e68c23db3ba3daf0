/**
 * The report in a real browser: Debian's Chromium, driven by playwright-core, one
 * launch for every check. Skipped when Chromium is not installed — a failure under
 * `CI=true` (CI installs it: `apt-get install -y chromium`); `CHAOS_CHROMIUM` points at
 * another binary.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResilienceMetrics } from '@chaos/metrics';
import { chromium, type Browser, type Page } from 'playwright-core';
import { missingIn } from '@chaos/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport, writeHtmlReport } from '../../src/index.js';
import { runCampaign, scenarioNames } from './campaign.js';

/** Three scenarios whose recovery times are 0.25 s, 1 s and 7 s: 28 times apart. */
const DEMANDING: readonly (readonly [string, number])[] = [
  ['HandoffCorruption', 0.25],
  ['ProductCrashMidUploadWithCheckpoints', 1],
  ['MarketingTimeout', 7],
];

/**
 * A campaign as a lab's: 1,200 runs a scenario (four-digit counts), long scenario names,
 * 16-hex-digit seeds, a failed run in 50 and a failed recovery in 97. `scale` stretches
 * the times (a second campaign to compare with).
 */
function demandingCampaign(seed: string, scale: number): ResilienceMetrics {
  const metrics = new ResilienceMetrics({ bootstrapSeed: `${seed}/bootstrap` });
  for (const [scenario, seconds] of DEMANDING) {
    for (let i = 0; i < 1200; i++) {
      const runId = `${scenario}#${i}`;
      const at = 1000;
      const took = seconds * 1000 * scale * (1 + ((i * 7) % 10) / 20);
      const failed = i % 97 === 0;
      metrics.recordFailure({ agentId: 'product', threadId: runId, faultType: 'crash', runId, scenario, at });
      metrics.recordRecovery({ agentId: 'product', threadId: runId, faultType: 'crash', runId, scenario, faultAt: at, detectedAt: at + took / 3, recoveredAt: at + took, success: !failed, ...(failed ? { error: 'AgentCrashError: crashed again while restarting' } : {}) });
      metrics.recordScenarioResult({
        scenario,
        runId,
        seed: (0x9e3779b97f4a7c15n * BigInt(i + 1)).toString(16).padStart(16, '0').slice(-16),
        success: i % 50 !== 0,
        recovered: !failed,
        taskCompleted: true,
        mttrSeconds: failed ? null : took / 1000,
        ...(i % 50 === 0 ? { error: 'no item duplicated: uploaded more than once: SKU-0001, SKU-0002' } : {}),
      });
    }
  }
  return metrics;
}

const CHROMIUM = process.env['CHAOS_CHROMIUM'] ?? '/usr/bin/chromium';
// Without Chromium the test is skipped with a warning — except under CI=true, where it fails.
const NO_CHROMIUM = missingIn(
  'report browser test',
  existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHAOS_CHROMIUM)`,
);
/** Where the full-page screenshots go: a fresh temporary folder (or the one named), never the repository. */
const SCREENSHOT_DIR = process.env['CHAOS_REPORT_SCREENSHOT_DIR'] ?? mkdtempSync(join(tmpdir(), 'chaos-report-screenshots-'));


/** The little of the DOM the in-page checks use (this package compiles without the DOM library). */
interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}
interface PageElement {
  getBoundingClientRect(): Box;
  getAttribute(name: string): string | null;
  getClientRects(): { readonly length: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
  readonly textContent: string | null;
}
interface PageWindow {
  readonly document: { querySelectorAll(selector: string): Iterable<PageElement>; readonly documentElement: { readonly scrollWidth: number } };
  readonly innerWidth: number;
  readonly __pwned?: number;
}

interface Visit {
  readonly file: string;
  readonly page: Page;
  readonly url: string;
  readonly requests: string[];
  readonly problems: string[];
}

/**
 * What is wrong with the page's layout: a chart too small, a label or legend outside
 * its chart, a run id or seed broken over two lines; and the page's width.
 */
async function layoutOf(page: Page): Promise<{ issues: string[]; charts: number; scrollWidth: number; width: number }> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as PageWindow;
    const issues: string[] = [];
    const svgs = [...document.querySelectorAll('svg.chart-svg')];
    for (const svg of svgs) {
      const box = svg.getBoundingClientRect();
      if (box.width < 100 || box.height < 50) issues.push(`${svg.getAttribute('data-chart')} is ${box.width}x${box.height}`);
      for (const text of svg.querySelectorAll('text')) {
        const t = text.getBoundingClientRect();
        if (t.width === 0 && (text.textContent ?? '') !== '') issues.push(`empty box for "${text.textContent}"`);
        if (t.left < box.left - 1 || t.right > box.right + 1 || t.top < box.top - 1 || t.bottom > box.bottom + 1) {
          issues.push(`${svg.getAttribute('data-chart')}: "${text.textContent}" overflows its chart`);
        }
      }
    }
    // Identifiers in tables (run ids, seeds, agents) are copied whole: one line each.
    for (const code of document.querySelectorAll('td code')) {
      if (code.getClientRects().length !== 1) issues.push(`"${code.textContent}" is broken over ${code.getClientRects().length} lines`);
    }
    return { issues, charts: svgs.length, scrollWidth: document.documentElement.scrollWidth, width: innerWidth };
  });
}

let browser: Browser;
/** This file's own folder: the fixtures' temp folders are removed after every test. */
let workDir: string;

/** Opens a report file in a fresh page, recording every request, console error and page error. */
async function visit(file: string): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const url = pathToFileURL(file).href;
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url, { waitUntil: 'load' });
  return { file, page, url, requests, problems };
}

describe.skipIf(NO_CHROMIUM)(`the HTML report in headless Chromium (${CHROMIUM})`, () => {
  let report: Visit;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    workDir = mkdtempSync(join(tmpdir(), 'chaos-report-browser-'));
    const baseline = await runCampaign('browser-a', 4);
    const candidate = await runCampaign('browser-b', 4, { deadlineMs: 3000, restartMs: 1500 });
    const file = join(workDir, 'report.html');
    await writeHtmlReport(
      { metrics: candidate.metrics, context: { seed: 'browser-b', labels: { workflow: 'deadline 3 s, restart 1.5 s' }, config: { runsPerScenario: 4 } }, label: 'deadline 3 s' },
      file,
      { compareWith: { metrics: baseline.metrics, label: 'reference workflow' } },
    );
    report = await visit(file);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  it('loads with no console or page errors and requests nothing but the file', () => {
    expect(report.problems).toEqual([]);
    expect(report.requests).toEqual([report.url]);
  });

  it('shows every section', async () => {
    const { page } = report;
    for (const id of ['campaign', 'summary', 'recovery-time', 'rates', 'breakdown', 'timeline', 'comparison', 'failures', 'methods']) {
      expect(await page.locator(`#${id}`).isVisible(), `#${id}`).toBe(true);
    }
    expect(await page.locator('h1').textContent()).toBe('Chaos campaign report');
    expect(await page.locator('.card').count()).toBe(11);
    expect(await page.locator('#campaign').textContent()).toContain('browser-b');
  });

  it('draws the charts with their data marks', async () => {
    const { page } = report;
    const count = (selector: string): Promise<number> => page.locator(selector).count();
    const names = scenarioNames();
    // B: every scenario recovers (DelayedRecovery too, wrongly: its delay passes for a hang).
    expect(await count('svg[data-chart="histogram"]')).toBe(names.length);
    expect(await count('#recovery-time svg[data-chart="ecdf"]')).toBe(names.length);
    expect(await count('svg[data-chart="boxplot"] .box-row')).toBe(names.length + 1);
    expect(await count('svg[data-chart="histogram"] rect.bar')).toBeGreaterThanOrEqual(names.length);
    expect(await count('svg[data-chart="rates"] circle.rate-dot')).toBe(3 * (names.length + 1));
    expect(await count('svg[data-chart="timeline"] .mark-fault')).toBeGreaterThanOrEqual(1);
    expect(await count('svg[data-chart="timeline"] .mark-detect')).toBeGreaterThanOrEqual(1);
    expect(await count('svg[data-chart="timeline"] .mark-recovery')).toBeGreaterThanOrEqual(1);
    expect(await count('svg[data-chart="forest-mttr"] .forest-row')).toBe(names.length + 1);
    expect(await count('svg[data-chart="forest-success"] rect.estimate')).toBe(names.length + 1);
    expect(await count('#comparison svg[data-chart="ecdf"] path.ecdf')).toBeGreaterThanOrEqual(2 * (names.length - 1) + 1);
    // Histogram bars add up to B's successful recoveries.
    const barTotal = await page.$$eval('svg[data-chart="histogram"] rect.bar', (bars) => bars.reduce((sum, bar) => sum + Number(bar.getAttribute('data-count')), 0));
    const recovered = await page.locator('[data-card="attempt-rate"] .note').textContent();
    expect(recovered).toContain(`${barTotal} of`);
  });

  it('lays out every chart inside the page: rendered, labels within their SVG, no sideways scrolling', async () => {
    const layout = await layoutOf(report.page);
    expect(layout.issues).toEqual([]);
    expect(layout.charts).toBeGreaterThan(15);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
  });

  it('prints: the print stylesheet hides the navigation, and a PDF comes out', async () => {
    const { page } = report;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(20_000);
    await page.emulateMedia({ media: 'screen' });
  });

  it('stays readable with large counts, long names and scenarios ten times apart', async () => {
    const file = join(workDir, 'demanding.html');
    await writeHtmlReport(
      { metrics: demandingCampaign('B', 1), label: 'chaos_full_metrics_20261130T182346Z.json' },
      file,
      { compareWith: { metrics: demandingCampaign('A', 1.2), label: 'chaos_full_metrics_20261130T182157Z.json' } },
    );
    const visited = await visit(file);
    const { page } = visited;
    const layout = await layoutOf(page);
    expect(layout.issues).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    expect(visited.problems).toEqual([]);
    // Both campaigns are named in full in the comparison's legend.
    const legend = await page.locator('#comparison svg[data-chart="ecdf"] .legend').first().textContent();
    expect(legend).toContain('A: chaos_full_metrics_20261130T182157Z.json (n = ');
    expect(legend).toContain('B: chaos_full_metrics_20261130T182346Z.json (n = ');
    // Medians 0.25 s and 7 s: a logarithmic axis, every scenario's box visible, and the
    // pooled row (a mixture) drawn without a smear of outliers.
    const box = page.locator('svg[data-chart="boxplot"]');
    expect(await box.locator('.axis-title').textContent()).toBe('recovery time Δt (s, logarithmic axis)');
    for (const [name] of DEMANDING) {
      const width = Number(await box.locator(`.box-row[data-scenario="${name}"] rect.box`).getAttribute('width'));
      expect(width, name).toBeGreaterThanOrEqual(4);
    }
    expect(await box.locator('.box-row[data-pooled="true"] circle.outlier').count()).toBe(0);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'demanding.png'), fullPage: true });
    copyFileSync(file, join(SCREENSHOT_DIR, 'demanding.html'));
    await page.close();
  });

  it('takes a full-page screenshot for a person to look at', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, 'report.png');
    const png = await report.page.screenshot({ path, fullPage: true });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    copyFileSync(report.file, join(SCREENSHOT_DIR, 'report.html'));
    console.info(`[report browser test] screenshot: ${path} (of ${join(SCREENSHOT_DIR, 'report.html')})`);
  });

  it('treats a hostile scenario name as text: nothing runs', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const metrics = new ResilienceMetrics();
    metrics.recordFailure({ agentId: evil, threadId: 't', faultType: 'crash', runId: 'r', scenario: evil, at: 0, error: evil });
    metrics.recordRecovery({ agentId: evil, threadId: 't', faultType: 'crash', runId: 'r', scenario: evil, faultAt: 0, detectedAt: 10, recoveredAt: 900, success: true });
    metrics.recordScenarioResult({ scenario: evil, runId: 'r', success: false, recovered: true, taskCompleted: true, mttrSeconds: 0.9, error: evil });
    const file = join(workDir, 'evil.html');
    writeFileSync(file, await renderHtmlReport(metrics));
    const { page, problems, requests, url } = await visit(file);
    expect(await page.evaluate(() => (globalThis as unknown as PageWindow).__pwned)).toBeUndefined();
    expect(await page.locator('#recovery-time h3').first().textContent()).toBe(evil);
    expect(await page.locator('script, img').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });
});

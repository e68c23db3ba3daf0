import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderShrinkHtml, renderSweepHtml, writeSweepReport, type ShrinkReportInput, type SweepReportInput } from '../../src/index.js';
import { tempDir } from '../fixtures.js';

const sweep: SweepReportInput = {
  scenario: 'Checkout<script>',
  knob: 'crashProbability',
  objective: 'successRate>=91',
  figure: 'successRate',
  threshold: 91,
  breakPoint: 0.31,
  interval: { low: 0.28, high: 0.33 },
  probes: [
    { value: 0, runs: 50, estimate: 100, interval: { low: 92.9, high: 100 }, decision: 'met' },
    { value: 0.3, runs: 2000, estimate: 91.3, interval: { low: 90, high: 92.5 }, decision: 'undecided' },
    { value: 0.6, runs: 50, estimate: 62, interval: { low: 48, high: 74 }, decision: 'broken' },
  ],
  runs: 2100,
  gridRuns: 26000,
  seed: 'sweep',
};

describe('renderSweepHtml', () => {
  it('plots each probe with its interval, the objective line and the break, and lists the probes', () => {
    const page = renderSweepHtml(sweep);
    expect(page).toContain('data-chart="sweep"');
    expect(page.match(/class="probe" data-decision="(met|broken|undecided)"/g)).toHaveLength(3);
    expect(page.match(/class="ci"/g)).toHaveLength(3);
    expect(page).toContain('class="objective"');
    expect(page).toContain('class="break-interval"');
    expect(page).toContain('class="break-point"');
    expect(page).toContain('in [0.28, 0.33]');
    expect(page).toContain('2100 (a fixed grid of the same precision: 26000)');
    // User text is escaped; the page fetches nothing.
    expect(page).toContain('Checkout&lt;script&gt;');
    expect(page).not.toMatch(/<script|(?:src|href)="https?:/);
  });

  it('writes the page atomically', async () => {
    const out = join(tempDir(), 'sub', 'sweep.html');
    const written = await writeSweepReport(sweep, out);
    expect(readFileSync(written, 'utf8')).toBe(renderSweepHtml(sweep));
  });
});

describe('renderShrinkHtml', () => {
  it('shows the check, the faults with where they fired, the plan and the replay command', () => {
    const shrunk: ShrinkReportInput = {
      scenario: 'DemoSoak',
      seed: 'abc',
      runId: 'DemoSoak#1',
      campaignSeed: 'demo',
      runIndex: 1,
      check: { name: 'no item duplicated', detail: 'uploaded more than once: SKU-0001' },
      fired: 19,
      faults: [{ fault: 'crash', target: 'product', call: 4, at: 2100, rule: {} }],
      planSource: "plan: [\n  { id: 'crash@product#4', fault: 'crash', target: 'product', trigger: { on: 'call', call: 4 } },\n],",
      replays: 9,
      oneMinimal: true,
      replayCommand: "chaos replay --scenario DemoSoak --seed demo --run 1 --plan '[]'",
    };
    const page = renderShrinkHtml(shrunk);
    expect(page).toContain('1 of the 19 faults the run fired still fail <strong>no item duplicated</strong>');
    expect(page).toContain('<td>crash</td><td><code>product</code></td><td class="num">4</td><td class="num">2.100 s</td><td>—</td>');
    expect(page).toContain('trigger: { on: &#39;call&#39;, call: 4 }');
    expect(page).toContain('chaos replay --scenario DemoSoak');
  });
});

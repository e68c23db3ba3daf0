#!/usr/bin/env node
/**
 * `chaos sweep` on a planted break (test/fixtures/sweepScenarios.mjs: one write with one
 * retry, success 1 − p², so successRate >= 91 breaks at exactly p = 0.3): over seeded
 * sweeps of crashProbability in [0, 0.6], how often the reported interval of the break
 * contains 0.3, and the runs used against a fixed grid of the same precision.
 *
 * Run after `pnpm build`: node packages/runner/bench/sweep-coverage.mjs [--sweeps 50]
 */
import { parseArgs } from 'node:util';
import { sweepKnob } from '../dist/index.js';
import { retryBudget } from '../test/fixtures/sweepScenarios.mjs';

const { values } = parseArgs({ options: { sweeps: { type: 'string', default: '50' } } });
const sweeps = Number(values.sweeps);
const BREAK = 0.3;
let contained = 0;
let runs = 0;
let gridRuns = 0;
const widths = [];
const started = performance.now();
for (let i = 0; i < sweeps; i++) {
  const found = await sweepKnob({ scenario: retryBudget, knob: 'crashProbability', from: 0, to: 0.6, objective: 'successRate>=91', seed: `sweep-${i}` });
  const inside = found.interval.low <= BREAK && BREAK <= found.interval.high;
  if (inside) contained += 1;
  runs += found.runs;
  gridRuns += found.gridRuns;
  widths.push(found.interval.high - found.interval.low);
  process.stdout.write(
    `sweep-${String(i).padEnd(3)} break ${found.breakPoint.toFixed(4)} in [${found.interval.low.toFixed(4)}, ${found.interval.high.toFixed(4)}]${inside ? '' : ' MISSES 0.3'}; ` +
      `${found.probes.length} probes, ${found.runs} runs (fixed grid of the same precision: ${found.gridRuns})\n`,
  );
}
widths.sort((a, b) => a - b);
process.stdout.write(
  `\n${contained}/${sweeps} intervals contain the planted break p = ${BREAK} (${((100 * contained) / sweeps).toFixed(0)} %); ` +
    `median width ${widths[Math.floor(widths.length / 2)]?.toFixed(4)}; runs: sweeps ${runs}, fixed grids ${gridRuns} (${((100 * runs) / gridRuns).toFixed(0)} %); ` +
    `wall ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);

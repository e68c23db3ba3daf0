#!/usr/bin/env node
/**
 * Coverage of `chaos run --until` intervals (optional stopping), by simulation: many
 * campaigns of a scenario whose true MTTR-A is known (bench/knownMttr.mjs), each run
 * with `--until mttr.ci95.halfwidth<10% --max-runs 400` in batches of `--runs 20`;
 * how often the final 95 % interval of MTTR-A contains the truth, against fixed
 * campaigns of the median size the stopped ones reached.
 *
 * Run after `pnpm build`: node packages/runner/bench/until-coverage.mjs [--campaigns 300]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCli } from '../dist/index.js';
import { TRUE_MTTR } from './knownMttr.mjs';

const { values } = parseArgs({ options: { campaigns: { type: 'string', default: '300' }, batch: { type: 'string', default: '20' } } });
const campaigns = Number(values.campaigns);
const module = fileURLToPath(new URL('./knownMttr.mjs', import.meta.url));
const quiet = { write: () => true };

async function campaign(args) {
  let out = '';
  const code = await runCli(['run', '--scenarios', 'KnownMttr', '--module', module, '--json', ...args], { stdout: { write: (s) => (out += s) }, stderr: quiet, env: {} });
  if (code !== 0) throw new Error(`campaign ${args.join(' ')} exited ${code}`);
  return JSON.parse(out);
}

const wilson = (k, n) => {
  const z = 1.959964;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return `[${(100 * (centre - half)).toFixed(1)}, ${(100 * (centre + half)).toFixed(1)}] %`;
};
const covers = (ci) => ci !== null && ci.low <= TRUE_MTTR && TRUE_MTTR <= ci.high;

const started = performance.now();
let covered = 0;
let met = 0;
const sizes = [];
for (let i = 0; i < campaigns; i++) {
  const json = await campaign(['--runs', values.batch, '--seed', `until-${i}`, '--until', 'mttr.ci95.halfwidth<10%', '--max-runs', '400']);
  sizes.push(json.until.runsPerScenario);
  if (json.until.met) met += 1;
  if (covers(json.mttr.ci95)) covered += 1;
}
sizes.sort((a, b) => a - b);
const median = sizes[Math.floor(sizes.length / 2)];
let fixedCovered = 0;
for (let i = 0; i < campaigns; i++) {
  const json = await campaign(['--runs', String(median), '--seed', `fixed-${i}`]);
  if (covers(json.mttr.ci95)) fixedCovered += 1;
}
process.stdout.write(
  `true MTTR-A ${TRUE_MTTR.toFixed(3)} s; ${campaigns} campaigns --until mttr.ci95.halfwidth<10% in batches of ${values.batch} (max 400):\n` +
    `  met ${met}/${campaigns}; runs per scenario: min ${sizes[0]}, median ${median}, max ${sizes.at(-1)}\n` +
    `  coverage of the final 95 % interval: ${((100 * covered) / campaigns).toFixed(1)} % ${wilson(covered, campaigns)}\n` +
    `  fixed campaigns of ${median} runs: ${((100 * fixedCovered) / campaigns).toFixed(1)} % ${wilson(fixedCovered, campaigns)}\n` +
    `  wall ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);

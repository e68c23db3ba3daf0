#!/usr/bin/env node
/**
 * `chaos plan`'s predicted power against the observed rejection rate: pilot campaigns
 * of a scenario with known recovery times (bench/knownMttr.mjs: lognormal, median 10 s,
 * sigma 0.5) are run and exported; `chaos plan --detect "mttr -10%"` predicts the power
 * at each size it tries (bootstrap from the pilot); synthetic campaign pairs drawn from
 * the true distribution, B 10 % faster, give the observed rejection rate of the same
 * test (two-sided Mann–Whitney U, p < 0.05).
 *
 * Run after `pnpm build`: node packages/runner/bench/plan-power.mjs [--pilots 3 --pilot-runs 400 --pairs 2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRandom } from '@chaos/config';
import { mannWhitneyU } from '@chaos/metrics';
import { runCli } from '../dist/index.js';
import { MEDIAN_SECONDS, SIGMA } from './knownMttr.mjs';

const { values } = parseArgs({ options: { pilots: { type: 'string', default: '3' }, 'pilot-runs': { type: 'string', default: '400' }, pairs: { type: 'string', default: '2000' } } });
const module = fileURLToPath(new URL('./knownMttr.mjs', import.meta.url));
const quiet = { write: () => true };

async function cli(args) {
  let out = '';
  const code = await runCli(args, { stdout: { write: (s) => (out += s) }, stderr: quiet, env: {} });
  if (code !== 0) throw new Error(`chaos ${args.join(' ')} exited ${code}`);
  return out;
}

const random = createRandom('plan-power-truth');
const normal = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
const campaign = (n, scale) => Array.from({ length: n }, () => scale * MEDIAN_SECONDS * Math.exp(SIGMA * normal()));

/** The share of `pairs` synthetic campaign pairs of `n` runs where the test detects B 10 % faster. */
function observed(n, pairs) {
  let detected = 0;
  for (let i = 0; i < pairs; i++) if (mannWhitneyU(campaign(n, 1), campaign(n, 0.9)).p < 0.05) detected += 1;
  return detected / pairs;
}

const pairs = Number(values.pairs);
let worst = 0;
for (let pilot = 0; pilot < Number(values.pilots); pilot++) {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-plan-power-'));
  try {
    await cli(['run', '--scenarios', 'KnownMttr', '--module', module, '--runs', values['pilot-runs'], '--seed', `pilot-${pilot}`, '--out', dir]);
    const plan = JSON.parse(await cli(['plan', '--pilot', dir, '--detect', 'mttr -10%', '--power', '0.8', '--json']));
    const scenario = plan.scenarios.find((s) => s.scenario === 'KnownMttr');
    process.stdout.write(`pilot ${pilot} (${values['pilot-runs']} runs): plan says ${scenario.runs} runs per campaign for power 0.8\n`);
    for (const point of scenario.curve.filter((p) => p.runs >= 32 && (p.runs % 32 === 0 || p.runs === scenario.runs))) {
      const seen = observed(point.runs, pairs);
      const gap = 100 * (point.power - seen);
      worst = Math.max(worst, Math.abs(gap));
      process.stdout.write(`  ${String(point.runs).padStart(4)} runs: predicted ${(100 * point.power).toFixed(1)} %, observed ${(100 * seen).toFixed(1)} % (${gap >= 0 ? '+' : ''}${gap.toFixed(1)} points)\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.stdout.write(`largest gap between predicted and observed power: ${worst.toFixed(1)} points (${pairs} synthetic pairs per size)\n`);

#!/usr/bin/env node
/**
 * `chaos shrink` on the demo's soak with the broken (forgetful) reconstructor: failing
 * runs that fired 20+ random faults shrink to the faults that matter — the planted bug
 * restarts the product agent from nothing, so only what makes the product agent restart
 * (a crash or a hang of `product`) can fail "no item duplicated". Reports, per run, the
 * faults fired and kept, the replays and the wall time.
 *
 * Run after `pnpm build`: node apps/demo/bench/shrink.mjs [--runs 10]
 */
import { parseArgs } from 'node:util';
import { shrinkRun } from '@chaos/runner';
import { createDemoWorkflow, demoSoakScenario, ForgetfulReconstructor } from '../dist/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, seed: { type: 'string', default: 'shrink-bench' } } });
const wanted = Number(values.runs);
// Busier than the default soak, so runs fire 20 faults and more.
const probabilities = {
  crashProbability: 0.1,
  delayProbability: 0.3,
  delayMs: 500,
  timeoutProbability: 0.05,
  timeoutSeconds: 30,
  hallucinationProbability: 0.1,
  corruptionProbability: 0.2,
};
const soak = demoSoakScenario(probabilities);
const workflowFactory = () => createDemoWorkflow({ reconstructor: new ForgetfulReconstructor() });

const rows = [];
for (let i = 0; rows.length < wanted && i < 2000; i++) {
  const seed = `${values.seed}-${i}`;
  const run = await soak.run({ seed, workflowFactory });
  if (run.success || run.faults.length < 20) continue;
  const started = performance.now();
  const shrunk = await shrinkRun({ scenario: soak, seed, workflowFactory, config: probabilities });
  const wall = (performance.now() - started) / 1000;
  const kept = shrunk.plan.map((r) => `${r.fault}@${r.target}#${r.trigger.call}`);
  const planted = shrunk.plan.every((r) => r.target === 'product' && (r.fault === 'crash' || r.fault === 'timeout'));
  rows.push({ seed, fired: shrunk.fired, kept: shrunk.plan.length, plan: kept.join(' '), check: shrunk.check.name, replays: shrunk.replays, wall, oneMinimal: shrunk.oneMinimal, planted });
  process.stdout.write(
    `${seed.padEnd(20)} fired ${String(shrunk.fired).padStart(3)} -> kept ${shrunk.plan.length} (${kept.join(' ')}) ` +
      `fails "${shrunk.check.name}", ${shrunk.replays} replays, ${wall.toFixed(2)} s${shrunk.oneMinimal ? '' : ' NOT 1-minimal'}${planted ? '' : ' NOT the planted fault'}\n`,
  );
}
const walls = rows.map((r) => r.wall).sort((a, b) => a - b);
process.stdout.write(
  `\n${rows.length} failing runs of 20+ faults: kept ${Math.min(...rows.map((r) => r.kept))}–${Math.max(...rows.map((r) => r.kept))} faults; ` +
    `${rows.filter((r) => r.planted).length}/${rows.length} kept only the planted kind (product crash/hang); ` +
    `wall per shrink: median ${walls[Math.floor(walls.length / 2)]?.toFixed(2)} s, max ${walls.at(-1)?.toFixed(2)} s\n`,
);
if (rows.some((r) => r.wall >= 10 || r.kept > 3 || !r.oneMinimal)) process.exitCode = 1;

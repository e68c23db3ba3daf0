#!/usr/bin/env node
// Campaign benchmark over the BUILT package (build first: `pnpm build`).
//   node bench/campaign.mjs [--runs 100] [--repeat 3] [--concurrency 1,2] [--real]
// Every built-in scenario --runs times under virtual time, at each concurrency. Each
// measurement is a fresh Node process, as `chaos run` is (a warm process would favour
// concurrency 1, whose thread JIT-compiles once, over new worker threads); the median
// of --repeat is printed: wall time of runAll(), runs per second, events (faults and
// recoveries) per second, simulated seconds per wall second. With --real, the same
// scenarios x 2 runs under real time, for the ratio.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    repeat: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '1,2' },
    real: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

if (values.child !== undefined) {
  // One measurement: `--child <concurrency>:<time>:<runs>`; prints JSON.
  const { ChaosRunner } = await import('@chaos/runner');
  const { listScenarios } = await import('@chaos/scenarios');
  const [concurrency, time, runs] = values.child.split(':');
  const scenarios = listScenarios().map((s) => s.name);
  const started = performance.now();
  const summary = await new ChaosRunner({
    scenarios,
    runsPerScenario: Number(runs),
    seed: 'bench',
    concurrency: Number(concurrency),
    time,
    backend: Number(concurrency) > 1 ? 'worker-threads' : 'auto',
  }).runAll();
  const wall = (performance.now() - started) / 1000;
  const events = summary.results.reduce((n, r) => n + r.events.length, 0);
  process.stdout.write(`${JSON.stringify({ backend: summary.backend, runs: summary.totalRuns, wall, events, simulated: summary.simulatedSeconds, allHeld: summary.allHeld })}\n`);
  process.exit(0);
}

const runs = Number(values.runs);
const repeat = Number(values.repeat);
const levels = values.concurrency.split(',').map(Number);
const self = fileURLToPath(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, digits = n < 10 ? 2 : 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function measure(concurrency, time, runsPerScenario, times) {
  const samples = [];
  for (let i = 0; i < times; i++) {
    const out = execFileSync(process.execPath, [self, '--child', `${concurrency}:${time}:${runsPerScenario}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const line = out.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
    samples.push(JSON.parse(line));
  }
  const wall = median(samples.map((s) => s.wall));
  return { concurrency, time, ...samples.find((s) => s.wall === wall), wall };
}

console.log(`chaos campaign benchmark: 5 scenarios x ${runs} runs, virtual time, median of ${repeat} fresh processes; node ${process.version}, ${availableParallelism()} cores`);
const rows = levels.map((c) => measure(c, 'virtual', runs, repeat));
if (values.real) rows.push(measure(Math.max(...levels), 'real', 2, 1));

console.log('concurrency  time     backend          runs   wall (s)   runs/s   events/s   simulated s / wall s  all held');
for (const r of rows) {
  console.log(
    `${String(r.concurrency).padStart(11)}  ${r.time.padEnd(7)}  ${r.backend.padEnd(15)}  ${String(r.runs).padStart(5)}  ${fmt(r.wall, 3).padStart(9)}  ${fmt(r.runs / r.wall).padStart(7)}  ${fmt(r.events / r.wall).padStart(9)}  ${fmt(r.simulated / r.wall).padStart(20)}  ${r.allHeld}`,
  );
}
const base = rows.find((r) => r.concurrency === 1 && r.time === 'virtual');
for (const r of rows) {
  if (r !== base && r.time === 'virtual' && base !== undefined) console.log(`speed-up at concurrency ${r.concurrency}: ${fmt(base.wall / r.wall, 2)}x`);
}
const real = rows.find((r) => r.time === 'real');
if (real !== undefined && base !== undefined) {
  console.log(`real time: ${fmt(real.wall / real.runs, 2)} s a run at concurrency ${real.concurrency}; virtual time: ${fmt((1000 * base.wall) / base.runs, 3)} ms a run (${fmt(real.wall / real.runs / (base.wall / base.runs))}x)`);
}

#!/usr/bin/env node
// Campaign benchmark over the BUILT package (build first: `pnpm build`).
//   node bench/campaign.mjs [--runs 1000,20000] [--repeat 3] [--concurrency 1,2] [--real] [--warm 3000] [--processes]
// Every built-in scenario --runs times (each size in the list) under virtual time, at
// each concurrency. Each measurement is a fresh Node process, as `chaos run` is, so a
// worker thread pays its whole start-up: the thread itself (~80 ms) and, far larger,
// V8 compiling the scenarios' code again in every new isolate, which concurrency 1 does
// once and on the otherwise idle second core. The speed-up therefore grows with the
// campaign; one size per row shows how. The median of --repeat is printed: wall time
// of runAll(), runs per second, events (faults and recoveries) per second, simulated
// seconds per wall second. With --real, the scenarios x 2 runs under real time, for the
// ratio. With --warm N, also the steady state at 5 x N runs: the same process first runs
// a 5 x 600 run campaign on the same thread or pool, then the measured one. With
// --processes, also the ceiling this machine sets for any design that runs in two
// isolates: two independent Node processes, sharing nothing, each running half the
// campaign in-process at once (wall time: the slower one's runAll()).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1000' },
    repeat: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '1,2' },
    real: { type: 'boolean', default: false },
    warm: { type: 'string' },
    processes: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

if (values.child !== undefined) {
  // One measurement: `--child <concurrency>:<time>:<runs>[:warm]`; prints JSON.
  const { ChaosRunner, createWorkerPoolBackend } = await import('@chaos/runner');
  const { listScenarios } = await import('@chaos/scenarios');
  const [concurrency, time, runs, warm] = values.child.split(':');
  const scenarios = listScenarios();
  const c = Number(concurrency);
  // A pool of our own only when it must outlive one campaign (--warm); the settings are
  // those ChaosRunner picks for a virtual-time campaign.
  const pool = warm && c > 1 ? createWorkerPoolBackend({ size: c, batchSize: 8, interleave: 8 }) : undefined;
  const backend = pool ?? (c > 1 ? 'worker-threads' : 'in-process');
  if (warm) await new ChaosRunner({ scenarios, runsPerScenario: 600, seed: 'warm-up', concurrency: c, time, backend }).runAll();
  const started = performance.now();
  const summary = await new ChaosRunner({ scenarios, runsPerScenario: Number(runs), seed: 'bench', concurrency: c, time, backend }).runAll();
  const wall = (performance.now() - started) / 1000;
  await pool?.close();
  const events = summary.results.reduce((n, r) => n + r.events.length, 0);
  process.stdout.write(`${JSON.stringify({ backend: summary.backend, runs: summary.totalRuns, wall, events, simulated: summary.simulatedSeconds, allHeld: summary.allHeld })}\n`);
  process.exit(0);
}

const sizes = values.runs.split(',').map(Number);
const repeat = Number(values.repeat);
const levels = values.concurrency.split(',').map(Number);
const self = fileURLToPath(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const parseChild = (out) => JSON.parse(out.trim().split('\n').filter((l) => l.startsWith('{')).at(-1));
/** The sample with the median wall time. */
const medianSample = (samples) => {
  const wall = median(samples.map((s) => s.wall));
  return samples.find((s) => s.wall === wall);
};
const fmt = (n, digits = n < 10 ? 2 : 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function measure(concurrency, time, runsPerScenario, times, warm = false) {
  const samples = [];
  for (let i = 0; i < times; i++) {
    const out = execFileSync(process.execPath, [self, '--child', `${concurrency}:${time}:${runsPerScenario}${warm ? ':warm' : ''}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
    samples.push(parseChild(out));
  }
  return { concurrency, time, warm, ...medianSample(samples) };
}

const execFileAsync = promisify(execFile);

/** Two fresh processes at once, each running half of every scenario's runs in-process. */
async function measureTwoProcesses(runsPerScenario, times) {
  const samples = [];
  for (let i = 0; i < times; i++) {
    const halves = await Promise.all(
      [0, 1].map(() => execFileAsync(process.execPath, [self, '--child', `1:virtual:${runsPerScenario / 2}`], { encoding: 'utf8', maxBuffer: 1 << 26 })),
    );
    const [a, b] = halves.map(({ stdout }) => parseChild(stdout));
    samples.push({
      backend: 'in-process x2',
      runs: a.runs + b.runs,
      wall: Math.max(a.wall, b.wall),
      events: a.events + b.events,
      simulated: a.simulated + b.simulated,
      allHeld: a.allHeld && b.allHeld,
    });
  }
  return { concurrency: '2 proc', time: 'virtual', warm: false, ...medianSample(samples) };
}

console.log(`chaos campaign benchmark: 5 scenarios x ${sizes.join(' / ')} runs, virtual time, median of ${repeat} fresh processes; node ${process.version}, ${availableParallelism()} cores`);
const rows = [];
for (const size of sizes) {
  for (const c of levels) rows.push(measure(c, 'virtual', size, repeat));
  if (values.processes) rows.push(await measureTwoProcesses(size, repeat));
}
if (values.warm !== undefined) for (const c of levels) rows.push(measure(c, 'virtual', Number(values.warm), repeat, true));
if (values.real) rows.push(measure(Math.max(...levels), 'real', 2, 1));

console.log('concurrency  time     start  backend          runs   wall (s)   runs/s   events/s   simulated s / wall s  all held');
for (const r of rows) {
  console.log(
    `${String(r.concurrency).padStart(11)}  ${r.time.padEnd(7)}  ${(r.warm ? 'warm' : 'cold').padEnd(5)}  ${r.backend.padEnd(15)}  ${String(r.runs).padStart(6)}  ${fmt(r.wall, 3).padStart(9)}  ${fmt(r.runs / r.wall).padStart(7)}  ${fmt(r.events / r.wall).padStart(9)}  ${fmt(r.simulated / r.wall).padStart(20)}  ${r.allHeld}`,
  );
}
for (const r of rows) {
  const base = rows.find((b) => b.concurrency === 1 && b.time === 'virtual' && b.runs === r.runs && b.warm === r.warm);
  if (r.concurrency !== 1 && r.time === 'virtual' && base !== undefined) {
    const what = r.concurrency === '2 proc' ? 'two independent processes' : `concurrency ${r.concurrency}`;
    console.log(`speed-up, ${what}, ${r.runs} runs${r.warm ? ' (warm)' : ''}: ${fmt(base.wall / r.wall, 2)}x`);
  }
}
const base = rows.find((r) => r.concurrency === 1 && r.time === 'virtual' && r.runs === 5 * sizes[0] && !r.warm);
const real = rows.find((r) => r.time === 'real');
if (real !== undefined && base !== undefined) {
  console.log(`real time: ${fmt(real.wall / real.runs, 2)} s a run at concurrency ${real.concurrency}; virtual time: ${fmt((1000 * base.wall) / base.runs, 3)} ms a run (${fmt(real.wall / real.runs / (base.wall / base.runs))}x)`);
}

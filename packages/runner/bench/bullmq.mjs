#!/usr/bin/env node
// BullMQ backend benchmark over the BUILT package (build first: `pnpm build`), against
// Redis (CHAOS_BENCH_REDIS_URL, default redis://127.0.0.1:6379), under a key prefix of
// its own that it deletes at the end.
//   node bench/bullmq.mjs [--runs 200] [--wait-ms 1000] [--workers 1,2,4] [--concurrency 8] [--virtual-runs 1000]
// 1. A real-time campaign whose runs wait about a second each (--runs runs): local
//    worker threads at --concurrency, against 1, 2, 4 `chaos worker` processes at
//    --concurrency each. Bound by waiting, it should scale with workers until the
//    machine's cores saturate.
// 2. The queue's own cost per run, under virtual time (the five built-in scenarios x
//    --virtual-runs): runs/s in this thread and on two worker threads, against two
//    `chaos worker` processes.
// The coordinator is this process; workers are started (and ready) before the clock
// starts. One measurement each: compare the ratios within one run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ChaosRunner } from '@chaos/runner';
import { checkRedis, createBullmqBackend } from '@chaos/runner/bullmq';
import { listScenarios } from '@chaos/scenarios';
import { Redis } from 'ioredis';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    'wait-ms': { type: 'string', default: '1000' },
    workers: { type: 'string', default: '1,2,4' },
    concurrency: { type: 'string', default: '8' },
    'virtual-runs': { type: 'string', default: '1000' },
  },
});
const url = process.env.CHAOS_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `chaos-bench-${randomBytes(4).toString('hex')}`;
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const waitModule = fileURLToPath(new URL('./waitScenario.mjs', import.meta.url));
const runs = Number(values.runs);
const concurrency = Number(values.concurrency);
process.env.BENCH_WAIT_MS = values['wait-ms'];
await checkRedis(url);

/** Starts `count` `chaos worker` processes on `queue` and resolves once each is ready. */
async function startWorkers(count, queue, extra = []) {
  const started = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, [cli, 'worker', '--redis', url, '--redis-prefix', prefix, '--queue', queue, '--concurrency', String(concurrency), ...extra], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: process.env,
    });
    await new Promise((resolve, reject) => {
      let output = '';
      child.stderr.on('data', (chunk) => {
        output += chunk;
        if (output.includes('chaos worker: ready')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`a worker exited (${code}): ${output}`)));
    });
    started.push(child);
  }
  return started;
}

async function stopWorkers(children) {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          child.removeAllListeners('exit');
          child.on('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Wall time of one campaign, and whether every run held. */
async function measure(config) {
  const started = performance.now();
  const summary = await new ChaosRunner(config).runAll();
  return { wall: (performance.now() - started) / 1000, runs: summary.totalRuns, allHeld: summary.allHeld, backend: summary.backend };
}

async function onWorkers(count, queue, config, extra) {
  const children = await startWorkers(count, queue, extra);
  const backend = createBullmqBackend({ redis: url, prefix, queue });
  try {
    return await measure({ ...config, backend });
  } finally {
    await backend.close();
    await stopWorkers(children);
  }
}

const rows = [];
const fmt = (n, digits = 2) => n.toFixed(digits);
console.log(`chaos BullMQ benchmark: node ${process.version}, ${availableParallelism()} cores, Redis ${url.replace(/:[^:@/]*@/, ':***@')}`);

// 1. Real time, bound by waiting.
const real = { scenarios: ['BenchWaitsASecond'], runsPerScenario: runs, seed: 'bench-real', time: 'real', workerModule: waitModule };
const local = await measure({ ...real, concurrency, backend: 'worker-threads' });
rows.push({ what: `real time, ${runs} runs of ${values['wait-ms']} ms`, how: `local, ${concurrency} worker threads`, ...local, baseline: true });
for (const count of values.workers.split(',').map(Number)) {
  const result = await onWorkers(count, `real-${count}`, real, ['--module', waitModule]);
  rows.push({ what: `real time, ${runs} runs of ${values['wait-ms']} ms`, how: `BullMQ, ${count} worker process(es) x ${concurrency}`, ...result, base: local });
}

// 2. Virtual time: the queue's own cost per run.
const virtualConfig = { scenarios: listScenarios().map((s) => s.name), runsPerScenario: Number(values['virtual-runs']), seed: 'bench-virtual' };
const inThread = await measure({ ...virtualConfig, concurrency: 1, backend: 'in-process' });
rows.push({ what: 'virtual time, built-in scenarios', how: 'local, this thread', ...inThread, baseline: true });
const threads = await measure({ ...virtualConfig, concurrency: 2, backend: 'worker-threads' });
rows.push({ what: 'virtual time, built-in scenarios', how: 'local, 2 worker threads', ...threads, base: inThread });
const queued = await onWorkers(2, 'virtual', virtualConfig, []);
rows.push({ what: 'virtual time, built-in scenarios', how: `BullMQ, 2 worker processes x ${concurrency}`, ...queued, base: inThread });

console.log('\ncampaign                               executed on                          runs   wall (s)    runs/s   vs first row  all held');
for (const row of rows) {
  const ratio = row.base === undefined ? '1.00x' : `${fmt(row.base.wall / row.wall)}x`;
  console.log(
    `${row.what.padEnd(38)} ${row.how.padEnd(36)} ${String(row.runs).padStart(5)} ${fmt(row.wall, 3).padStart(10)} ${fmt(row.runs / row.wall, 1).padStart(9)} ${ratio.padStart(14)}  ${row.allHeld}`,
  );
}
const queueMs = (1000 * queued.wall) / queued.runs;
const threadMs = (1000 * threads.wall) / threads.runs;
console.log(`\nvirtual time: ${fmt(queueMs, 3)} ms of wall time per run on BullMQ with 2 workers, ${fmt(threadMs, 3)} ms on 2 worker threads (${fmt(queueMs / threadMs)}x)`);

// Clean up every key of this run.
const redis = new Redis(url);
let cursor = '0';
do {
  const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
  cursor = next;
  if (keys.length > 0) await redis.del(...keys);
} while (cursor !== '0');
redis.disconnect();

#!/usr/bin/env node
/**
 * Cost of automatic recovery detection on a wrapped call, in ns per call, over the
 * BUILT packages (`pnpm --filter @chaos/faults... build` first): chaos enabled, every
 * probability 0, detection off (no detector) against on (the process-wide metrics'
 * detector, `getMetrics().detectRecoveries()`). Each case runs in its own Node process,
 * alternating short rounds off and on, so a change in the machine's load hits both sides
 * alike; the median round of each side decides, the best round is shown beside it. A
 * last, informational case has a fault open
 * at another target, so every call is watched (the detector's slow path).
 *
 *   node bench/recovery-detection.mjs            full run
 *   node bench/recovery-detection.mjs --quick    fewer calls, for a smoke check
 *
 * Exits 1 when detection adds more than 50 ns to a call with no fault open.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 7 : 21;
const SYNC_CALLS = QUICK ? 500_000 : 2_000_000;
const ASYNC_CALLS = QUICK ? 100_000 : 400_000;
const LIMIT_NS = 50;

/**
 * Each case runs in its own process and alternates rounds with detection off and on
 * (the process-wide detector set and unset between rounds), so a change in the
 * machine's load hits both sides alike.
 */
const CASES = {
  'sync injectCrash': { fn: 'sync', wrap: 'crash' },
  'async injectCrash': { fn: 'async', wrap: 'crash' },
  'async withChaos (5 faults)': { fn: 'async', wrap: 'withChaos' },
  'async withChaos (5 faults), a fault open at another target': { fn: 'async', wrap: 'withChaos', openElsewhere: true, informational: true },
};

if (process.argv[2] === '--case') await runCase(process.argv[3]);
else main();

function main() {
  const self = fileURLToPath(import.meta.url);
  const results = {};
  for (const name of Object.keys(CASES)) {
    const child = spawnSync(process.execPath, [self, '--case', name, ...(QUICK ? ['--quick'] : [])], { encoding: 'utf8' });
    if (child.status !== 0) {
      process.stderr.write(child.stderr);
      throw new Error(`case "${name}" failed`);
    }
    results[name] = JSON.parse(child.stdout.trim().split('\n').at(-1));
  }
  console.log(`automatic recovery detection — Node ${process.version}, chaos enabled, p = 0, median of ${ROUNDS} alternating rounds each way (best round), ns per call\n`);
  const rows = [['case', 'detection off', 'detection on', 'detection adds']];
  for (const [name, result] of Object.entries(results)) {
    rows.push([
      name,
      `${result.offMedian.toFixed(1)} (${result.off.toFixed(1)})`,
      `${result.onMedian.toFixed(1)} (${result.on.toFixed(1)})`,
      `${(result.onMedian - result.offMedian).toFixed(1)} ns`,
    ]);
  }
  printTable(rows);
  const targets = Object.entries(results)
    .filter(([name]) => !CASES[name].informational)
    .map(([name, result]) => [`detection adds <= ${LIMIT_NS} ns a call (${name}, no fault open)`, result.onMedian - result.offMedian <= LIMIT_NS]);
  printTable([['target', 'result'], ...targets.map(([name, ok]) => [name, ok ? 'PASS' : 'FAIL'])]);
  process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
}

function printTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((width, column) => '-'.repeat(width + 1) + (column === 0 ? '-' : ':')).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
}

async function runCase(name) {
  const spec = CASES[name];
  const faults = await import('@chaos/faults');
  const { setProcessRecoveryDetector } = await import('@chaos/config');
  const { getMetrics } = await import('@chaos/metrics');
  faults.configureChaos({ enabled: true, randomSeed: 'bench' });
  const detector = getMetrics().detectRecoveries();
  if (spec.openElsewhere) {
    // A crash at another target that no call ever closes: the detector has a fault open.
    const other = faults.injectCrash({ probability: 1, target: 'elsewhere' })(() => 0);
    try {
      other();
    } catch {
      // the injected crash
    }
  }
  const bare = spec.fn === 'sync' ? new Function('x', 'return x + 1;') : new (Object.getPrototypeOf(async () => {}).constructor)('x', 'return x + 1;');
  const fn =
    spec.wrap === 'crash'
      ? faults.injectCrash({ probability: 0, target: 'step' })(bare)
      : faults.withChaos({ crashProb: 0, delayProb: 0, timeoutProb: 0, hallucinationProb: 0, corruptionProb: 0, target: 'step' })(bare);
  const calls = spec.fn === 'sync' ? SYNC_CALLS : ASYNC_CALLS;
  const loop =
    spec.fn === 'sync'
      ? new Function('fn', 'n', 'let s = 0; for (let i = 0; i < n; i++) { const r = fn(i); s += typeof r === "number" ? r : 1; } return s;')
      : new (Object.getPrototypeOf(async () => {}).constructor)('fn', 'n', 'let s = 0; for (let i = 0; i < n; i++) s += await fn(i); return s;');
  const round = async (on) => {
    setProcessRecoveryDetector(on ? detector : undefined);
    const start = process.hrtime.bigint();
    await loop(fn, calls);
    return Number(process.hrtime.bigint() - start) / calls;
  };
  await round(false); // warm-up, both ways
  await round(true);
  const off = [];
  const on = [];
  for (let k = 0; k < ROUNDS; k++) {
    off.push(await round(false));
    on.push(await round(true));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(JSON.stringify({ off: Math.min(...off), on: Math.min(...on), offMedian: median(off), onMedian: median(on) }));
}

#!/usr/bin/env node
/**
 * Overhead of the injectors, in ns per call, over the BUILT package (`npx tsup` in
 * packages/config and packages/faults first). Each case runs in its own Node process,
 * so no case's JIT feedback colours another's; each runs a warm-up round and then
 * ROUNDS timed rounds of tight loops, and the median round is reported.
 *
 *   node bench/overhead.mjs            full run
 *   node bench/overhead.mjs --quick    fewer calls, for a smoke check
 *
 * Exits 1 when a target of issue 2 is missed.
 */
import { spawnSync } from 'node:child_process';
import { createHook } from 'node:async_hooks';
import { fileURLToPath } from 'node:url';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 3 : 7;
const SYNC_CALLS = QUICK ? 1_000_000 : 10_000_000;
const ASYNC_CALLS = QUICK ? 300_000 : 2_000_000;
const PEER_CALLS = QUICK ? 5_000 : 50_000;

/** Every case: what it wraps, how, and whether chaos is on. */
const CASES = {
  'sync bare': { fn: 'sync', wrap: 'none' },
  'sync disabled, injectCrash': { fn: 'sync', wrap: 'crash' },
  'sync enabled p=0, injectCrash': { fn: 'sync', wrap: 'crash', enabled: true },
  'sync enabled p=0, withChaos (5 faults) *': { fn: 'sync', wrap: 'withChaos', enabled: true },
  'sync bare, 8 functions in turn': { fn: 'sync', wrap: 'none', many: true },
  'sync disabled, injectCrash, 8 functions in turn': { fn: 'sync', wrap: 'crash', many: true },
  'async bare': { fn: 'async', wrap: 'none' },
  'async disabled, injectCrash': { fn: 'async', wrap: 'crash' },
  'async disabled, injectDelay': { fn: 'async', wrap: 'delay' },
  'async disabled, withChaos': { fn: 'async', wrap: 'withChaos' },
  'async enabled p=0, injectCrash': { fn: 'async', wrap: 'crash', enabled: true },
  'async enabled p=0, injectDelay': { fn: 'async', wrap: 'delay', enabled: true },
  'async enabled p=0, withChaos (5 faults)': { fn: 'async', wrap: 'withChaos', enabled: true },
  'async cockatiel wrap(retry, timeout)': { fn: 'async', wrap: 'cockatiel' },
  'async bare, inside a chaos scope': { fn: 'async', wrap: 'none', scope: true },
  'async enabled p=0, withChaos, inside a chaos scope': { fn: 'async', wrap: 'withChaos', scope: true },
};

if (process.argv[2] === '--case') {
  await runCase(process.argv[3]);
} else {
  main();
}

function main() {
  const self = fileURLToPath(import.meta.url);
  const results = {};
  for (const name of Object.keys(CASES)) {
    const child = spawnSync(process.execPath, [self, '--case', name, ...(QUICK ? ['--quick'] : [])], {
      encoding: 'utf8',
    });
    if (child.status !== 0) {
      process.stderr.write(child.stderr);
      throw new Error(`case "${name}" failed`);
    }
    results[name] = JSON.parse(child.stdout.trim().split('\n').at(-1));
  }

  const syncBare = results['sync bare'].ns;
  const asyncBare = results['async bare'].ns;
  console.log(`@chaos/faults overhead — Node ${process.version}, median of ${ROUNDS} rounds, ns per call\n`);
  const rows = [['case', 'ns/call', 'vs bare', 'extra promises/call']];
  for (const [name, result] of Object.entries(results)) {
    const bare = CASES[name].many
      ? results['sync bare, 8 functions in turn'].ns
      : CASES[name].scope
        ? results['async bare, inside a chaos scope'].ns
        : CASES[name].fn === 'sync'
          ? syncBare
          : asyncBare;
    const vs = name === 'sync bare' || name === 'async bare' ? '' : CASES[name].fn === 'sync' ? `${result.ns >= bare ? '+' : '-'}${Math.abs(result.ns - bare).toFixed(1)} ns` : `${(result.ns / bare).toFixed(2)}x`;
    rows.push([name, result.ns.toFixed(1), vs, result.extraPromises === undefined ? '' : String(result.extraPromises)]);
  }
  printTable(rows);
  console.log('* withChaos always returns a Promise; for a sync function the call returns an already resolved one.');
  console.log('"8 functions in turn": one call site calling 8 different functions, as in an app with many wrapped steps.');
  console.log('"inside a chaos scope": runInChaosScope (AsyncLocalStorage) is active, which on Node 20 slows every promise;');
  console.log('  compared with the bare call inside a scope. The other rows use the process-wide config, no scope.\n');

  const targets = [
    ['disabled adds <= 15 ns to a sync call (injectCrash)', results['sync disabled, injectCrash'].ns - syncBare <= 15],
    ...['injectCrash', 'injectDelay', 'withChaos'].flatMap((injector) => {
      const result = results[`async disabled, ${injector}`];
      return [
        [`disabled stays within 1.5x of a bare async call (${injector})`, result.ns / asyncBare <= 1.5],
        [`disabled creates no extra promise (${injector})`, result.extraPromises === 0],
      ];
    }),
    [
      'enabled p=0, withChaos (5 faults) adds <= 100 ns to a sync call',
      results['sync enabled p=0, withChaos (5 faults) *'].ns - syncBare <= 100,
    ],
    [
      'enabled p=0, withChaos (5 faults) stays within 3.5x of a bare async call',
      results['async enabled p=0, withChaos (5 faults)'].ns / asyncBare <= 3.5,
    ],
  ];
  printTable([['target', 'result'], ...targets.map(([name, ok]) => [name, ok ? 'PASS' : 'FAIL'])]);
  process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
}

function printTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((width, column) => (column === 0 ? '-'.repeat(width + 1) + '-' : '-'.repeat(width + 1) + ':')).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log('');
}

async function runCase(name) {
  const spec = CASES[name];
  const faults = await import('@chaos/faults');
  if (spec.enabled) faults.configureChaos({ enabled: true, randomSeed: 'bench' });
  else faults.disableChaos();

  // Each case builds its own functions and loops (new Function), so nothing is shared.
  const bare = spec.fn === 'sync' ? new Function('x', 'return x + 1;') : await makeAsync();
  let fn = bare;
  let calls = spec.fn === 'sync' ? SYNC_CALLS : ASYNC_CALLS;
  switch (spec.wrap) {
    case 'crash':
      fn = faults.injectCrash({ probability: 0 })(bare);
      break;
    case 'delay':
      fn = faults.injectDelay({ probability: 0 })(bare);
      break;
    case 'withChaos':
      fn = faults.withChaos({ crashProb: 0, delayProb: 0, timeoutProb: 0, hallucinationProb: 0, corruptionProb: 0 })(bare);
      break;
    case 'cockatiel': {
      const { wrap, retry, timeout, handleAll, ConstantBackoff, TimeoutStrategy } = await import('cockatiel');
      const policy = wrap(
        retry(handleAll, { maxAttempts: 3, backoff: new ConstantBackoff(10) }),
        timeout(1_000, TimeoutStrategy.Aggressive),
      );
      fn = (x) => policy.execute(() => bare(x));
      calls = PEER_CALLS;
      break;
    }
  }

  if (spec.many) {
    // Eight distinct functions (and wrappers), called in turn from one call site.
    const fns = Array.from({ length: 8 }, (_, k) => {
      const own = new Function('x', `return x + ${k + 1};`);
      return spec.wrap === 'crash' ? faults.injectCrash({ probability: 0 })(own) : own;
    });
    fn = (x) => fns[x & 7](x);
  }

  const loop =
    spec.fn === 'sync'
      ? new Function('fn', 'n', 'let s = 0; for (let i = 0; i < n; i++) { const r = fn(i); s += typeof r === "number" ? r : 1; } return s;')
      : new (Object.getPrototypeOf(async () => {}).constructor)('fn', 'n', 'let s = 0; for (let i = 0; i < n; i++) s += await fn(i); return s;');

  const measure = async () => {
    await loop(fn, calls); // warm-up
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      const start = process.hrtime.bigint();
      await loop(fn, calls);
      rounds.push(Number(process.hrtime.bigint() - start) / calls);
    }
    return rounds;
  };
  let rounds;
  if (spec.scope) {
    const { runInChaosScope, createChaosRuntime } = await import('@chaos/config');
    rounds = await runInChaosScope(createChaosRuntime({ config: { enabled: true }, seed: 'bench' }), measure);
  } else {
    rounds = await measure();
  }
  rounds.sort((a, b) => a - b);
  const result = { ns: rounds[Math.floor(rounds.length / 2)], rounds };
  if (spec.fn === 'async' && spec.wrap !== 'cockatiel' && spec.wrap !== 'none') {
    result.extraPromises = (await promisesPerCall(fn)) - (await promisesPerCall(bare));
  }
  console.log(JSON.stringify(result));
}

async function makeAsync() {
  return new (Object.getPrototypeOf(async () => {}).constructor)('x', 'return x + 1;');
}

/** Promises created per awaited call, counted with an async hook (after timing, as hooks slow promises). */
async function promisesPerCall(fn) {
  const n = 1_000;
  let count = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'PROMISE') count += 1;
    },
  });
  hook.enable();
  for (let i = 0; i < n; i++) await fn(i);
  hook.disable();
  return Math.round(count / n);
}

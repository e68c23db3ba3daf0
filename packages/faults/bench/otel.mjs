#!/usr/bin/env node
/**
 * Cost of `@chaos/faults/otel` on a fault when no OpenTelemetry SDK is registered (the
 * API alone installed: what a library that ships the bridge costs an application that
 * does not collect telemetry). Over the BUILT package (`pnpm turbo run build
 * --filter=@chaos/faults...` first).
 *
 * The sink is called with a fault event as an injector sends it (a crash, a delay) and
 * with a recovery event; the cost is the time a call takes over an empty sink's. A warm-up round, then ROUNDS
 * timed rounds of CALLS calls; the median round is reported.
 *
 *   node bench/otel.mjs            full run
 *   node bench/otel.mjs --quick    fewer calls, for a smoke check
 *
 * Exits 1 when a fault costs more than 20 ns.
 */
import { chaosTelemetry } from '@chaos/faults/otel';

const QUICK = process.argv.includes('--quick');
const ROUNDS = QUICK ? 5 : 21;
const CALLS = QUICK ? 200_000 : 2_000_000;
const TARGET_NS = 20;

const crash = { kind: 'fault', fault: 'crash', target: 'product', at: 1000, runId: 'run-1', scenario: 'ProductCrashMidUpload', source: 'plan', ruleId: 'r1', details: { seed: 'seed-7' }, tags: undefined };
const delay = { ...crash, fault: 'delay', source: 'probability', ruleId: undefined, details: { delayMs: 500, seed: 'seed-7' } };
const recovery = { kind: 'recovery', at: 3500, runId: 'run-1', agentId: 'product', threadId: 'run-1', faultType: 'crash', scenario: 'ProductCrashMidUpload', success: true, faultAt: 1000, faultTimeSource: 'recorded', detectedAt: 1000, durationMs: 2500, error: undefined, tags: undefined };

const empty = (_event) => {};
const telemetry = chaosTelemetry();

/**
 * A timing loop of its own for each sink, so neither sees the other's call site
 * (a shared loop would turn polymorphic and time that instead).
 */
function loopFor() {
  // eslint-disable-next-line no-new-func
  return new Function('sink', 'event', 'calls', 'hrtime', `
    const start = hrtime();
    for (let i = 0; i < calls; i++) sink(event);
    return Number(hrtime() - start) / calls;
  `);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * ns a call, for the empty sink and for ours, timed round by round in turn (so the load
 * of a shared machine falls on both alike): medians, and the median of the per-round
 * differences.
 */
function measure(event) {
  const loops = { floor: loopFor(), ours: loopFor() };
  const hrtime = process.hrtime.bigint;
  const floor = [];
  const ours = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const a = loops.floor(empty, event, CALLS, hrtime);
    const b = loops.ours(telemetry, event, CALLS, hrtime);
    if (round === 0) continue;
    floor.push(a);
    ours.push(b);
  }
  return { floor: median(floor), ours: median(ours), over: median(ours.map((value, i) => value - floor[i])) };
}

const rows = [];
for (const [name, event] of [['crash', crash], ['delay', delay], ['recovery', recovery]]) {
  rows.push({ name, fault: event.kind === 'fault', ...measure(event) });
}
console.log(`@chaos/faults/otel with no OpenTelemetry SDK registered — Node ${process.version}, median of ${ROUNDS} rounds of ${CALLS} calls`);
console.log('');
console.log('| event | empty sink, ns | chaosTelemetry, ns | over, ns |');
console.log('|---|---:|---:|---:|');
for (const row of rows) console.log(`| ${row.name} | ${row.floor.toFixed(1)} | ${row.ours.toFixed(1)} | ${row.over.toFixed(1)} |`);
const worst = Math.max(...rows.filter((row) => row.fault).map((row) => row.over));
console.log('');
console.log(`a fault costs at most ${worst.toFixed(1)} ns more (target <= ${TARGET_NS} ns): ${worst <= TARGET_NS ? 'PASS' : 'FAIL'}`);
process.exitCode = worst <= TARGET_NS ? 0 : 1;

// Benchmark: getSummary() over 1,000,000 recorded recoveries, on the BUILT package.
//   cd packages/config && npx tsup && cd ../metrics && npx tsup && node bench/summary.mjs
// (or `pnpm bench` in packages/metrics once both are built)
// Budget: the first getSummary() call < 300 ms, and peak RSS of the process < 300 MB.
// The data: 1,000 runs of 1,000 recoveries (one fault each, 95 % successful), each run
// in one of 5 scenarios, each recovery of a random one of 5 fault types and 10 agents,
// so every fault-type and agent group spans all 1,000 runs (the bootstrap's worst case),
// and tagged with two keys (`model`: 3 values, `prompt`: 4 values; 7 more groups, each
// spanning every run).
// BENCH_RECOVERIES=... changes the total; BENCH_TAG_KEYS=0|1|2 the tag keys recorded;
// BENCH_METRICS_MODULE=<path> times another build of the package (to compare two
// versions in one session: a build of `main` ignores the tags).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const moduleUrl = process.env.BENCH_METRICS_MODULE === undefined ? new URL('../dist/index.js', import.meta.url) : pathToFileURL(process.env.BENCH_METRICS_MODULE);
const { ResilienceMetrics } = await import(moduleUrl.href);

const RECOVERIES = Number(process.env.BENCH_RECOVERIES ?? 1_000_000);
const TAG_KEYS = Number(process.env.BENCH_TAG_KEYS ?? 2);
const RUNS = 1_000;
const SCENARIOS = ['ProductCrashMidUpload', 'MarketingTimeout', 'HandoffCorruption', 'DelayedRecovery', 'CascadeFailure'];
const FAULT_TYPES = ['crash', 'delay', 'timeout', 'hallucination', 'corruption'];
const AGENTS = Array.from({ length: 10 }, (_, i) => `agent-${i}`);
const MODELS = ['model-a', 'model-b', 'model-c'];
const PROMPTS = ['v1', 'v2', 'v3', 'v4'];
// One frozen object per combination, as injectors share theirs between faults.
const TAGS = MODELS.flatMap((model) => PROMPTS.map((prompt) => Object.freeze(TAG_KEYS >= 2 ? { model, prompt } : { model })));
const TIME_BUDGET_MS = 300;
const RSS_BUDGET_MB = 300;

// A small seeded generator (mulberry32), so every run of the benchmark records the same data.
let state = 0x9e3779b9;
function random() {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

let peakRss = process.memoryUsage.rss();
const sample = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
};
const sampler = setInterval(sample, 5);

const metrics = new ResilienceMetrics({ bootstrapSeed: 'bench' });
const recordStart = performance.now();
const perRun = RECOVERIES / RUNS;
for (let r = 0; r < RUNS; r++) {
  const runId = `run-${r}`;
  const scenario = SCENARIOS[r % SCENARIOS.length];
  let t = 0;
  for (let k = 0; k < perRun; k++) {
    t += 1_000 + random() * 60_000; // stable interval before the fault
    const faultAt = t;
    const detectedAt = faultAt + 100 + random() * 2_000;
    const recoveredAt = detectedAt + 500 + random() * 30_000;
    const success = random() < 0.95;
    metrics.recordRecovery({
      agentId: AGENTS[Math.floor(random() * AGENTS.length)],
      threadId: `${runId}/thread-${k % 4}`,
      faultType: FAULT_TYPES[Math.floor(random() * FAULT_TYPES.length)],
      runId,
      scenario,
      faultAt,
      detectedAt,
      recoveredAt,
      success,
      reconstructionAccuracy: success ? 0.5 + random() / 2 : undefined,
      usedPeerContext: random() < 0.3,
      error: success ? undefined : 'reconstruction failed',
      ...(TAG_KEYS > 0 ? { tags: TAGS[Math.floor(random() * TAGS.length)] } : {}),
    });
    t = recoveredAt;
  }
  metrics.recordScenarioResult({ scenario, runId, success: true, recovered: true, taskCompleted: random() < 0.9, mttrSeconds: null });
}
const recordMs = performance.now() - recordStart;
sample();

const timings = [];
const cpuTimings = [];
let summary;
for (let i = 0; i < 5; i++) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  summary = metrics.getSummary();
  timings.push(performance.now() - start);
  const cpu = process.cpuUsage(cpuStart);
  cpuTimings.push((cpu.user + cpu.system) / 1000);
  sample();
}
clearInterval(sampler);
const maxRssMb = Math.max(process.resourceUsage().maxRSS / 1024, peakRss / 1024 / 1024);
const first = timings[0];
const median = [...timings].sort((a, b) => a - b)[2];

// Other processes on the machine slow a benchmark down; say how busy it was.
let pressure = 'unknown';
try {
  pressure = `${/avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? '?'} % (PSI cpu some avg10)`;
} catch {
  // not Linux, or no PSI
}

const fmt = (x) => (x === null ? 'null' : x.toFixed(3));
console.log(`@chaos/metrics getSummary() benchmark (Node ${process.version}, ${process.arch}), module ${moduleUrl.pathname}`);
console.log(`recorded ${metrics.recoveryCount.toLocaleString('en')} recoveries, ${metrics.faultCount.toLocaleString('en')} faults, ${RUNS} runs, ${SCENARIOS.length} scenarios, ${FAULT_TYPES.length} fault types, ${AGENTS.length} agents, ${TAG_KEYS} tag keys in ${recordMs.toFixed(0)} ms`);
console.log(`getSummary(): first call ${first.toFixed(1)} ms (CPU ${cpuTimings[0].toFixed(1)} ms); calls 2-5 ${timings.slice(1).map((x) => x.toFixed(1)).join(', ')} ms; median of 5 ${median.toFixed(1)} ms`);
console.log(`peak RSS: ${maxRssMb.toFixed(1)} MB (whole process, recording included)`);
console.log(`machine CPU pressure while running: ${pressure}`);
console.log(`summary: mttrAvg ${fmt(summary.mttrAvg)} s, p95 ${fmt(summary.mttrP95)} s, ci95 [${fmt(summary.mttrCi95?.low ?? null)}, ${fmt(summary.mttrCi95?.high ?? null)}], mtbf ${fmt(summary.mtbf)} s, nrr ${fmt(summary.nrr)}, uptime ${fmt(summary.uptime)}, success ${fmt(summary.recoverySuccessRate)} %, correct ${fmt(summary.correctRecoveryRate ?? null)} %, groups ${Object.keys(summary.byScenario).length}+${Object.keys(summary.byFaultType).length}+${Object.keys(summary.byAgent).length}+${Object.values(summary.byTag ?? {}).map((values) => Object.keys(values).length).join('+') || '0'} (tags)`);
const timeOk = first < TIME_BUDGET_MS;
const rssOk = maxRssMb < RSS_BUDGET_MB;
console.log(`${timeOk ? 'PASS' : 'FAIL'} time: first call ${first.toFixed(1)} ms (budget ${TIME_BUDGET_MS} ms)`);
console.log(`${rssOk ? 'PASS' : 'FAIL'} memory: ${maxRssMb.toFixed(1)} MB peak RSS (budget ${RSS_BUDGET_MB} MB)`);
process.exitCode = timeOk && rssOk ? 0 : 1;

#!/usr/bin/env node
/**
 * `pnpm demo`: the demo e-commerce system under the five built-in scenarios, a soak
 * phase of random faults and four LLM scenarios (faults where its copy agent meets its
 * model and tool), as a lab would run it — a seeded campaign under virtual time, a
 * summary, and the data files for analysis.
 */
import { parseArgs } from 'node:util';
import { CHAOS_ENV_VARIABLES, isChaosConfigError } from '@chaos/config';
import { quickExport, reportPathFor, writeHtmlReport } from '@chaos/export';
import { errorMessage, percent } from '@chaos/format';
import type { MetricsSummary } from '@chaos/metrics';
import { ChaosRunner, createProgressReporter, formatSummary, type RunnerSummary } from '@chaos/runner';
import { builtinScenarios } from '@chaos/scenarios';
import { soakProbabilities } from './scenarios.js';

const USAGE = `Usage: pnpm demo [options]

Runs the demo e-commerce agents (product, pricing, marketing with its AI SDK copy
agent) under the five built-in chaos scenarios, a soak of random faults at the CHAOS_*
probabilities and four LLM scenarios (LlmRateLimitStorm, StreamCutMidAnswer,
ToolTimeout, MalformedToolCall), then writes the data files.

Options:
  --runs N                runs of each scenario (default 25)
  --seed S                campaign seed (default "demo"); any run can be replayed from it
  --out DIR               where the data files go (default ./data/demo)
  --concurrency C         parallel runs (default: the number of cores)
  --broken-reconstructor  use a reconstructor with a bug, to see a campaign fail
  --broken-llm-handling   use a copy agent that handles LLM faults badly (no back-off,
                          retry-after ignored, cut answers kept, no tool deadline,
                          no tool-call repair), to see the LLM scenarios fail
  -h, --help              this text

Exit code: 0 when every steady state held, 1 when one failed, 2 on bad usage.`;

/** Fixed decimals, three by default: the headline's own precision. */
const fixed = (value: number | null, digits = 3): string => (value === null ? '-' : value.toFixed(digits));

/**
 * The campaign's headline: recovery beside correct recovery (an agent back with the
 * wrong state has not recovered), and NRR and uptime over the runs where MTBF is
 * defined, with the paper's median form of NRR.
 */
function headline(overall: MetricsSummary, summary: RunnerSummary): string {
  return (
    `faults injected ${overall.totalFaults}, recovery attempts ${overall.totalRecoveries} (${percent(overall.recoverySuccessRate)} successful); ` +
    `runs recovered ${percent(summary.recoveryRate)}, correct recovery ${percent(overall.correctRecoveryRate)} ` +
    `(${overall.correctRecoveries} of ${overall.scoredRecoveries} scored recoveries at accuracy >= ${overall.accuracyThreshold}, mean accuracy ${fixed(overall.reconstructionAccuracyAvg)}), ` +
    `peer context used in ${percent(overall.peerContextUsageRate)} of recoveries\n` +
    `MTTR-A ${fixed(overall.mttrAvg)} s${overall.mttrCi95 === null ? '' : ` [95% CI ${fixed(overall.mttrCi95.low)}, ${fixed(overall.mttrCi95.high)}]`}, ` +
    `MedTTR-A ${fixed(overall.mttrMedian)} s, P90 ${fixed(overall.mttrP90)} s; ` +
    `over the ${overall.pairedRuns} runs where MTBF is defined: MTBF ${fixed(overall.mtbf)} s, MTTR-A ${fixed(overall.pairedMttrAvg)} s, ` +
    `NRR ${fixed(overall.nrr)} (median form ${fixed(overall.nrrMedian)}), uptime ${overall.uptime === null ? '-' : percent(100 * overall.uptime)}; ` +
    `${summary.totalRuns} runs, ${summary.simulatedSeconds.toFixed(0)} s simulated in ${summary.wallSeconds.toFixed(2)} s`
  );
}

function fail(message: string): never {
  process.stderr.write(`chaos-demo: ${message}\n`);
  process.exit(2);
}

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) fail(`--${name} must be a whole number >= 1, got "${raw}"`);
  return value;
}

const OPTIONS = {
  runs: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  concurrency: { type: 'string' },
  'broken-reconstructor': { type: 'boolean' },
  'broken-llm-handling': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(): ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'] {
  try {
    return parseArgs({ options: OPTIONS, strict: true }).values;
  } catch (error: unknown) {
    return fail(`${errorMessage(error)} (see --help)`);
  }
}

async function main(): Promise<number> {
  const args = parse();
  if (args.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const runs = positiveInteger('runs', args.runs, 25);
  const concurrency = args.concurrency === undefined ? undefined : positiveInteger('concurrency', args.concurrency, 1);
  const seed = args.seed ?? 'demo';
  const outputDir = args.out ?? 'data/demo';
  const broken = args['broken-reconstructor'] === true;
  const brokenLlm = args['broken-llm-handling'] === true;
  if (broken && brokenLlm) fail('--broken-reconstructor and --broken-llm-handling each break one part: give one of them');
  let probabilities;
  try {
    probabilities = soakProbabilities();
  } catch (error: unknown) {
    if (isChaosConfigError(error)) fail(error.message);
    throw error;
  }

  // Loaded by URL, the way the runner's worker threads load it, so the runner sees the
  // very factory and soak scenario its workers will use, and can run them there; and
  // `chaos replay --module` of a failed run loads the same.
  const workerModule = new URL(broken ? './brokenWorker.js' : brokenLlm ? './brokenLlmWorker.js' : './worker.js', import.meta.url);
  const { demoSoak, llmScenarios, workflowFactory } = (await import(workerModule.href)) as typeof import('./worker.js');
  const scenarios = [...builtinScenarios.map((s) => s.name), demoSoak, ...llmScenarios];
  process.stderr.write(
    `chaos demo: ${scenarios.length} scenarios x ${runs} runs, seed "${seed}", virtual time` +
      `${broken ? ', with a BROKEN reconstructor' : ''}${brokenLlm ? ', with BROKEN LLM handling' : ''}\n` +
      `soak probabilities: crash ${probabilities.crashProbability}, delay ${probabilities.delayProbability} (${probabilities.delayMs} ms), ` +
      `timeout ${probabilities.timeoutProbability} (${probabilities.timeoutSeconds} s), hallucination ${probabilities.hallucinationProbability}, ` +
      `corruption ${probabilities.corruptionProbability}\n`,
  );
  const progress = createProgressReporter(process.stderr, process.stderr.isTTY === true);
  const runner = new ChaosRunner({
    scenarios,
    runsPerScenario: runs,
    seed,
    ...(concurrency === undefined ? {} : { concurrency }),
    workflowFactory,
    workerModule,
    onProgress: (p) => progress.update(p),
  });
  const summary = await runner.runAll();
  progress.finish();

  const overall = summary.metrics.getSummary();
  // Replay commands, run from the repository root: DemoSoak reads its probabilities
  // from CHAOS_* when the module loads, so its commands carry every one of them.
  const soakEnv = Object.fromEntries(
    Object.entries(probabilities).map(([key, value]) => [(CHAOS_ENV_VARIABLES as Record<string, string>)[key] as string, String(value)]),
  );
  const hints = { command: 'pnpm chaos', env: (scenario: string) => (scenario === demoSoak.name ? soakEnv : {}) };
  process.stdout.write(`\n${formatSummary(summary, hints)}\n\n${headline(overall, summary)}\n`);

  const paths = await quickExport(summary.metrics, {
    outputDir,
    context: { seed, scenarios: summary.scenarios.map((s) => s.scenario), config: probabilities, labels: { app: 'demo', runsPerScenario: runs, brokenReconstructor: broken, brokenLlmHandling: brokenLlm } },
  });
  const report = await writeHtmlReport(paths.fullMetrics, reportPathFor(paths.fullMetrics), {
    title: 'Chaos demo: e-commerce agents under five scenarios, a soak and four LLM scenarios',
  });
  process.stdout.write(`\ndata files:\n${[...Object.values(paths), report].map((p) => `  ${p}`).join('\n')}\n`);
  return summary.allHeld ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chaos-demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

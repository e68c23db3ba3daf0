#!/usr/bin/env node
/**
 * `pnpm --filter @chaos/langgraph-demo start`: the LangGraph shop graph under four
 * scenarios (a crash resumed from the checkpoint, a hung node cut by its timeout, a
 * corrupted handoff, a slow node), as a seeded campaign under virtual time, with every
 * recovery measured automatically. Offline: no model is called.
 */
import { parseArgs } from 'node:util';
import { ChaosRunner, formatSummary } from '@chaos/runner';

const USAGE = `Usage: pnpm --filter @chaos/langgraph-demo start [-- options]

Runs a LangGraph.js multi-agent graph (product, pricing, marketing; MemorySaver
checkpointer) under four chaos scenarios and prints the campaign's table. Recoveries are
detected automatically: the graph's own retries and resumes are what is measured.

Options:
  --runs N     runs of each scenario (default 20)
  --seed S     campaign seed (default "langgraph")
  -h, --help   this text

Exit code: 0 when every steady state held, 1 when one failed, 2 on bad usage.`;

function fail(message: string): never {
  process.stderr.write(`langgraph-demo: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { runs: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error: unknown) {
    return fail(`${error instanceof Error ? error.message : String(error)} (see --help)`);
  }
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const runs = values.runs === undefined ? 20 : Number(values.runs);
  if (!Number.isSafeInteger(runs) || runs < 1) fail(`--runs must be a whole number >= 1, got "${values.runs}"`);
  const seed = values.seed ?? 'langgraph';
  // Loaded by URL, as the runner's worker threads load it.
  const workerModule = new URL('./worker.js', import.meta.url);
  const scenarios = Object.values((await import(workerModule.href)) as typeof import('./worker.js'));
  process.stderr.write(`langgraph demo: ${scenarios.length} scenarios x ${runs} runs, seed "${seed}", virtual time\n`);
  const runner = new ChaosRunner({ scenarios, runsPerScenario: runs, seed, workerModule });
  const summary = await runner.runAll();
  const overall = summary.metrics.getSummary();
  const automatic = [...summary.metrics.iterateRecoveries()].filter((r) => r.detection === 'automatic').length;
  process.stdout.write(`\n${formatSummary(summary, { command: 'pnpm chaos' })}\n\n`);
  process.stdout.write(
    `recoveries: ${overall.totalRecoveries} (${automatic} detected automatically, ${overall.failedRecoveries} failed); ` +
      `MTTR-A ${overall.mttrAvg === null ? '-' : overall.mttrAvg.toFixed(3)} s, MTTD ${overall.mttdAvg === null ? '-' : overall.mttdAvg.toFixed(3)} s; ` +
      `${summary.totalRuns} runs, ${summary.simulatedSeconds.toFixed(0)} s simulated in ${summary.wallSeconds.toFixed(2)} s\n`,
  );
  return summary.allHeld ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`langgraph-demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

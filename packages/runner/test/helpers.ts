import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario, ScenarioResult } from '@chaos/scenarios';
import { defineScenario, taskCompleted } from '@chaos/scenarios';
import { buildProblem } from '@chaos/test-utils';
import type { RunnerSummary } from '../src/index.js';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(packageDir, 'dist');
export const cliPath = join(distDir, 'cli.js');
export const fixturesDir = join(packageDir, 'test', 'fixtures');

/**
 * Fails with a clear message when a test needs the built packages and they are missing
 * or older than their sources (a stale build would test yesterday's code).
 */
export function requireBuild(): void {
  const problem =
    buildProblem('runner', ['index.js', 'cli.js', 'worker.js']) ??
    ['config', 'faults', 'metrics', 'scenarios', 'export'].map((name) => buildProblem(name)).find((found) => found !== undefined);
  if (problem !== undefined) throw new Error(`${problem} (npx turbo run build --filter=@chaos/runner...)`);
}

/** This process's environment without its `CHAOS_*` variables, plus `extra`: what a child CLI sees. */
export function envWithout(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CHAOS_')));
  return { ...env, NO_COLOR: '1', ...extra };
}

/** A summary without what legitimately differs between two executions of one campaign. */
export function comparable(summary: RunnerSummary): Record<string, unknown> {
  const { wallSeconds: _wall, metrics, backend: _backend, backendNote: _note, concurrency: _c, resumedRuns: _r, journal: _j, ...rest } = summary;
  return { ...rest, metrics: metrics.toJSON(), metricsSummary: metrics.getSummary() };
}

/** A scenario whose run throws before anything happens. */
export function throwingScenario(name = 'Throws'): Scenario {
  return {
    name,
    description: 'run() throws',
    plan: [],
    checks: [],
    run: () => Promise.reject(new TypeError('boom from the scenario')),
  };
}

/** A scenario whose run never settles: only a real-time watchdog can end it. */
export function hangingScenario(name = 'Hangs'): Scenario {
  return {
    name,
    description: 'run() never settles',
    plan: [],
    checks: [],
    run: () => new Promise<ScenarioResult>(() => {}),
  };
}

/**
 * A scenario on a workflow that sleeps on its virtual clock forever, ignoring its
 * signal: only stopping the clock ends it. `ticks()` counts its wake-ups.
 */
export function runawayScenario(name = 'Runaway'): Scenario & { ticks(): number } {
  let ticks = 0;
  const scenario = defineScenario({
    name,
    description: 'a workflow that never ends on its own',
    plan: [],
    checks: [taskCompleted],
    workflowFactory: () => ({
      async run(context) {
        for (;;) {
          await context.clock.sleep(1000);
          ticks += 1;
        }
      },
    }),
  });
  return { ...scenario, ticks: () => ticks };
}

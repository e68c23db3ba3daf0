// A scenario whose recovery times are known: one crash per run, then a recovery that
// takes a lognormal time (median 10 s, sigma 0.5) drawn from the run's random stream.
// True MTTR-A = exp(ln 10 + 0.5^2 / 2) = 11.3315 s. `initialState.scale` scales every
// time (a campaign "B" with a known difference).
import { injectCrash } from '@chaos/faults';
import { defineScenario } from '@chaos/scenarios';

export const SIGMA = 0.5;
export const MEDIAN_SECONDS = 10;
export const TRUE_MTTR = MEDIAN_SECONDS * Math.exp((SIGMA * SIGMA) / 2);

function normal(random) {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function workflowFactory() {
  return {
    async run({ clock, random, metrics, runId, initialState }) {
      const scale = initialState?.scale ?? 1;
      const step = injectCrash({ target: 'worker', probability: 1 })(async () => {});
      try {
        await step();
      } catch {
        const seconds = scale * MEDIAN_SECONDS * Math.exp(SIGMA * normal(random));
        await metrics.measureRecovery('worker', runId, 'crash', () => clock.sleep(seconds * 1000));
      }
      return { taskCompleted: true, output: null };
    },
  };
}

export const knownMttr = defineScenario({
  name: 'KnownMttr',
  description: 'one crash, then a lognormal recovery (median 10 s, sigma 0.5)',
  plan: [],
  workflowFactory,
  initialState: { scale: 1 },
  checks: [{ name: 'done', check: ({ outcome }) => ({ passed: outcome?.taskCompleted === true, detail: 'done' }) }],
});

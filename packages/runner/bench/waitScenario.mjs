// The scenario of the BullMQ benchmark's real-time campaign: each run waits about a
// second on its clock (real time: wall seconds), as a run bound by waiting on a model
// or a tool is. Loaded by the coordinator and by each `chaos worker --module`.
import { defineScenario, taskCompleted } from '@chaos/scenarios';

const waitMs = Number(process.env.BENCH_WAIT_MS ?? 1000);

export const waits = defineScenario({
  name: 'BenchWaitsASecond',
  description: 'Waits BENCH_WAIT_MS (1 s) on its clock, then completes',
  plan: [],
  checks: [taskCompleted],
  workflowFactory: () => ({
    async run(context) {
      await context.clock.sleep(waitMs);
      return { taskCompleted: true, output: undefined };
    },
  }),
});

import { createVirtualClock } from '@chaos/config';
import { injectCrash } from '@chaos/faults';
import { describe, expect, it } from 'vitest';
import {
  defineScenario,
  getScenario,
  noItemLost,
  registerScenario,
  taskCompleted,
  type SteadyStateCheck,
  type Workflow,
} from '../src/index.js';

const completed: SteadyStateCheck = {
  name: 'completed',
  check: ({ outcome }) => ({ passed: outcome?.taskCompleted === true, detail: String(outcome?.taskCompleted) }),
};

/** A user's own workflow: one agent that retries after a crash, measuring the recovery. */
const retryingWorkflow = (): Workflow<{ steps: number }, { done: number }> => ({
  async run({ initialState, metrics, clock, runId }) {
    const step = injectCrash({ target: 'worker' })(async () => clock.sleep(100));
    let done = 0;
    while (done < initialState.steps) {
      try {
        await step();
        done += 1;
      } catch {
        await metrics.measureRecovery('worker', runId, 'crash', async () => clock.sleep(250));
      }
    }
    return { taskCompleted: true, output: { done } };
  },
});

describe('defineScenario', () => {
  it('runs a user workflow with its own plan and checks', async () => {
    const scenario = defineScenario({
      name: 'WorkerCrash',
      description: 'the worker crashes on its second step',
      plan: [{ fault: 'crash', target: 'worker', trigger: { on: 'call', call: 2 } }],
      checks: [completed],
      workflowFactory: retryingWorkflow,
      initialState: { steps: 3 },
    });
    const result = await scenario.run({ seed: 'w' });
    expect(result).toMatchObject({ success: true, recovered: true, taskCompleted: true, inconclusive: false });
    expect(result.mttrSeconds).toBe(0.25);
    expect(result.durationSeconds).toBeCloseTo(0.55);
    expect(result.runId).toBe('WorkerCrash#w');
  });

  it('calls a run whose planned fault never fired inconclusive, not a pass', async () => {
    const scenario = defineScenario({
      name: 'NeverFires',
      description: 'aims at an agent that does not exist',
      plan: [{ id: 'ghost', fault: 'crash', target: 'ghost', trigger: { on: 'call', call: 1 } }],
      checks: [completed],
      workflowFactory: retryingWorkflow,
      initialState: { steps: 2 },
    });
    const result = await scenario.run({ seed: 'x' });
    expect(result).toMatchObject({ success: false, inconclusive: true });
    expect(result.error).toBe('inconclusive: planned fault ghost never fired');
  });

  it('records a workflow that throws as a failed run with the reason', async () => {
    const scenario = defineScenario({
      name: 'Throws',
      description: 'the workflow has a bug',
      plan: [],
      checks: [taskCompleted],
      workflowFactory: () => ({
        run: async () => {
          throw new Error('boom');
        },
      }),
    });
    const result = await scenario.run({ seed: 't' });
    expect(result).toMatchObject({ success: false, taskCompleted: false });
    expect(result.error).toBe('the workflow threw Error: boom');
  });

  it('turns a check that throws into a failed verdict', async () => {
    const scenario = defineScenario({
      name: 'BadCheck',
      description: 'a check with a bug',
      plan: [],
      checks: [{ name: 'buggy', check: () => { throw new TypeError('oops'); } }],
      workflowFactory: retryingWorkflow,
      initialState: { steps: 1 },
    });
    const result = await scenario.run({ seed: 'b' });
    expect(result.checks).toEqual([{ name: 'buggy', passed: false, detail: 'the check threw TypeError: oops' }]);
  });

  it('runs a soak scenario on its own probabilities, which run options override', async () => {
    const soak = defineScenario({
      name: 'WorkerSoak',
      description: 'crashes by chance',
      plan: [],
      config: { crashProbability: 0.5 },
      checks: [completed],
      workflowFactory: retryingWorkflow,
      initialState: { steps: 20 },
    });
    const chancy = await soak.run({ seed: 'soak' });
    expect(chancy.faults.length).toBeGreaterThan(3);
    expect(chancy).toMatchObject({ success: true, recovered: true, inconclusive: false });
    const calm = await soak.run({ seed: 'soak', config: { crashProbability: 0 } });
    expect(calm.faults).toEqual([]);
  });

  it('runs on a clock of the caller when given one', async () => {
    const clock = createVirtualClock({ startMs: 5_000 });
    const scenario = defineScenario({
      name: 'OwnClock',
      description: '',
      plan: [],
      checks: [completed],
      workflowFactory: retryingWorkflow,
      initialState: { steps: 2 },
    });
    const result = await scenario.run({ seed: 'c', time: clock });
    expect(result.durationSeconds).toBeCloseTo(0.2);
    expect(clock.now()).toBe(5_200);
  });

  it.each([
    [{ name: '' }, 'Expected `name` to be a non-empty string'],
    [{ checks: [] }, 'a scenario without a steady state proves nothing'],
    [{ plan: 'crash' }, 'Expected `plan` of scenario "S" to be an array'],
    [{ checks: [{ name: 'x' }] }, 'to have a `name` and a `check` function'],
  ])('rejects a malformed spec %j', (change, message) => {
    const spec = { name: 'S', description: '', plan: [], checks: [noItemLost], ...change };
    expect(() => defineScenario(spec as never)).toThrow(message);
  });
});

describe('the registry', () => {
  it('names the known scenarios when asked for an unknown one', () => {
    expect(() => getScenario('ProductCrash')).toThrow(
      /Unknown scenario "ProductCrash"\. Known scenarios: ProductCrashMidUpload, MarketingTimeout, HandoffCorruption, DelayedRecovery, CascadeFailure/,
    );
  });

  it('registers users\' scenarios and refuses a second one with the same name', () => {
    const mine = defineScenario({ name: 'Mine', description: '', plan: [], checks: [completed], workflowFactory: retryingWorkflow });
    registerScenario(mine);
    registerScenario(mine);
    expect(getScenario('Mine')).toBe(mine);
    const other = defineScenario({ name: 'Mine', description: 'another', plan: [], checks: [completed] });
    expect(() => registerScenario(other)).toThrow(
      'Cannot register scenario "Mine" ("another"): the name is taken by the scenario "Mine" (""). Pick another name, or pass `{ replace: true }` to registerScenario to replace it everywhere.',
    );
    expect(getScenario('Mine')).toBe(mine);
  });

  it('refuses a built-in name, naming both scenarios, unless replacement is asked for', () => {
    const builtin = getScenario('DelayedRecovery');
    const mine = defineScenario({ name: 'DelayedRecovery', description: 'my own', plan: [], checks: [completed] });
    expect(() => registerScenario(mine)).toThrow(
      `Cannot register scenario "DelayedRecovery" ("my own"): the name is taken by the built-in scenario "DelayedRecovery" (${JSON.stringify(builtin.description)}).`,
    );
    expect(getScenario('DelayedRecovery')).toBe(builtin);
    try {
      registerScenario(mine, { replace: true });
      expect(getScenario('DelayedRecovery')).toBe(mine);
    } finally {
      registerScenario(builtin, { replace: true });
    }
    expect(getScenario('DelayedRecovery')).toBe(builtin);
  });
});

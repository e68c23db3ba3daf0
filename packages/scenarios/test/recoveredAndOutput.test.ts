import { injectCrash } from '@chaos/faults';
import { describe, expect, it } from 'vitest';
import {
  OUTPUT_LIMIT_BYTES,
  builtinScenarios,
  defineScenario,
  getScenarios,
  listScenarios,
  type SteadyStateCheck,
  type Workflow,
} from '../src/index.js';

const anything: SteadyStateCheck = { name: 'ran', check: () => ({ passed: true, detail: 'ran' }) };

/** One agent that crashes on its second step and is restored with `accuracy`; then maybe throws, then returns `output`. */
function workflow(accuracy: number | undefined, options: { throwAfter?: boolean; output?: unknown } = {}): () => Workflow<unknown, unknown> {
  return () => ({
    async run({ metrics, clock, runId }) {
      const step = injectCrash({ target: 'worker' })(async () => clock.sleep(100));
      for (let done = 0; done < 3; ) {
        try {
          await step();
          done += 1;
        } catch {
          await metrics.measureRecovery('worker', runId, 'crash', async (event) => {
            await clock.sleep(250);
            event.reconstructionAccuracy = accuracy;
          });
        }
      }
      if (options.throwAfter === true) throw new Error('lost the results after recovering');
      return { taskCompleted: true, output: options.output };
    },
  });
}

function scenario(name: string, accuracy: number | undefined, options: { throwAfter?: boolean; output?: unknown } = {}) {
  return defineScenario({
    name,
    description: 'the worker crashes on its second step',
    plan: [{ fault: 'crash', target: 'worker', trigger: { on: 'call', call: 2 } }],
    checks: [anything],
    workflowFactory: workflow(accuracy, options),
  });
}

describe('a run’s `recovered`', () => {
  it('is true when every fault got a recovery at or above the accuracy threshold', async () => {
    expect((await scenario('Exact', 1).run({ seed: 's' })).recovered).toBe(true);
    expect((await scenario('Unscored', undefined).run({ seed: 's' })).recovered).toBe(true);
  });

  it('is false for a run that recovers and then throws', async () => {
    const result = await scenario('RecoversThenThrows', 1, { throwAfter: true }).run({ seed: 's' });
    expect(result.recoveries.map((r) => r.success)).toEqual([true]);
    expect(result).toMatchObject({ recovered: false, success: false });
    expect(result.error).toContain('lost the results after recovering');
  });

  it('is false when a recovery brought the agent back with the wrong state (below the threshold)', async () => {
    const result = await scenario('WrongState', 0.5).run({ seed: 's' });
    expect(result.recoveries.map((r) => [r.success, r.reconstructionAccuracy])).toEqual([[true, 0.5]]);
    expect(result.recovered).toBe(false);
    // The threshold is an option of the run.
    expect((await scenario('WrongState', 0.5).run({ seed: 's', accuracyThreshold: 0.5 })).recovered).toBe(true);
    await expect(scenario('WrongState', 0.5).run({ accuracyThreshold: 2 })).rejects.toThrow('Expected `accuracyThreshold` to be a number in [0, 1], got `2`');
  });
});

describe('a run’s kept output', () => {
  it('keeps a small, plain output as JSON data', async () => {
    const result = await scenario('Small', 1, { output: { done: 3, when: new Date(0) } }).run({ seed: 's' });
    expect(result.output).toEqual({ done: 3, when: '1970-01-01T00:00:00.000Z' });
    expect(result.outputOmitted).toBeUndefined();
  });

  it('leaves out an output over the limit, or one JSON cannot hold, and says why', async () => {
    const big = await scenario('Big', 1, { output: { text: 'x'.repeat(OUTPUT_LIMIT_BYTES) } }).run({ seed: 's' });
    expect(big.output).toBeUndefined();
    expect(big.outputOmitted).toMatch(/^the output is 16\d{3} bytes of JSON, over the 16384-byte limit$/);
    const fn = await scenario('Fn', 1, { output: { render: () => 'x' } }).run({ seed: 's' });
    expect(fn.outputOmitted).toContain('not structured-cloneable');
    const map = await scenario('WithMap', 1, { output: new Map([['a', 1]]) }).run({ seed: 's' });
    expect(map.outputOmitted).toBe('the output cannot be kept as JSON: it holds a Map, which JSON cannot keep');
  });

  it('keeps the reference workflow’s output, well under the limit', async () => {
    const result = await builtinScenarios[0].run({ seed: 'ref' });
    expect(result.outputOmitted).toBeUndefined();
    expect(result.output).toMatchObject({ uploads: expect.any(Array) });
    expect(Buffer.byteLength(JSON.stringify(result.output))).toBeLessThan(OUTPUT_LIMIT_BYTES / 2);
  });
});

describe('listScenarios and getScenarios', () => {
  it('lists the names, as the seed does; the objects come from getScenarios()', () => {
    expect(listScenarios()).toEqual(getScenarios().map((s) => s.name));
    expect(listScenarios().every((name) => typeof name === 'string')).toBe(true);
    expect(getScenarios().slice(0, 5)).toEqual([...builtinScenarios]);
  });
});

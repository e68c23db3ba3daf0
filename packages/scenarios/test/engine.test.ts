import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineScenario as defineEngineScenario } from '../src/core/defineScenario.js';
import { ScenarioRegistry } from '../src/core/ScenarioRegistry.js';
import {
  type AnyScenario,
  builtinScenarios,
  cascadeFailure,
  type CommerceReport,
  type CommerceState,
  defineScenario,
  getScenario,
  isBuiltinScenario,
  noItemDuplicated,
  noItemLost,
  registerScenario,
  type SteadyStateCheck,
  taskCompleted,
  type Workflow,
} from '../src/index.js';

const ran: SteadyStateCheck = { name: 'ran', check: ({ outcome }) => ({ passed: outcome !== undefined, detail: '' }) };

describe('the scenario engine', () => {
  it('imports nothing of the example scenarios, the observation contract or the reference system', () => {
    const core = fileURLToPath(new URL('../src/core/', import.meta.url));
    const imports = readdirSync(core).flatMap((file) =>
      [...readFileSync(join(core, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => `${file}: ${match[1]}`),
    );
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((line) => !/: (\.\/|@chaos\/(config|faults|metrics|format)$)/.test(line))).toEqual([]);
  });

  it('refuses to run a scenario that names no workflow, when the run gives none either, saying how to give one', async () => {
    const bare = defineEngineScenario({ name: 'Bare', description: 'no workflow of its own', plan: [], checks: [ran] });
    await expect(bare.run({ seed: 'x' })).rejects.toThrow(
      'Scenario "Bare" has no workflow to run: give it a `workflowFactory` (and its `initialState`), or pass them to run() or to the runner',
    );
    const workflow: Workflow = { run: async () => ({ taskCompleted: true, output: undefined }) };
    await expect(bare.run({ seed: 'x', workflowFactory: () => workflow })).resolves.toMatchObject({ success: true });
  });

  it('keeps a registry of its own: built-in scenarios first, made on first use, a name meaning one scenario', () => {
    let made = 0;
    const first = defineEngineScenario({ name: 'First', description: 'one', plan: [], checks: [ran] });
    const registry = new ScenarioRegistry(() => {
      made += 1;
      return [first];
    });
    expect(made).toBe(0);
    const second = registry.register(defineEngineScenario({ name: 'Second', description: 'two', plan: [], checks: [ran] }));
    expect(registry.names()).toEqual(['First', 'Second']);
    expect(registry.scenarios()).toEqual([first, second]);
    expect(registry.isBuiltin(first)).toBe(true);
    expect(registry.isBuiltin(second)).toBe(false);
    expect(() => registry.register(defineEngineScenario({ name: 'First', description: 'another', plan: [], checks: [ran] }))).toThrow(
      'Cannot register scenario "First" ("another"): the name is taken by the built-in scenario "First" ("one").',
    );
    expect(() => registry.get('Third')).toThrow('Unknown scenario "Third". Known scenarios: First, Second');
    expect(made).toBe(1);
  });
});

describe('the package entry', () => {
  it('has the built-in scenarios in its registry, and says which scenarios are built in', () => {
    expect(builtinScenarios.every((scenario) => isBuiltinScenario(scenario) && getScenario(scenario.name) === scenario)).toBe(true);
    const mine = defineScenario({ name: 'CascadeFailure', description: 'my own', plan: [], checks: [taskCompleted] });
    expect(isBuiltinScenario(mine)).toBe(false);
    registerScenario(mine, { replace: true });
    try {
      // The built-in object is still built in; the one in its place is not.
      expect(isBuiltinScenario(getScenario('CascadeFailure'))).toBe(false);
      expect(isBuiltinScenario(cascadeFailure)).toBe(true);
    } finally {
      registerScenario(cascadeFailure, { replace: true });
    }
  });

  it('runs a spec that names no workflow against the reference system (the deprecated fallback)', async () => {
    const legacy = defineScenario({
      name: 'LegacyCrash',
      description: 'the product agent crashes on its second upload',
      plan: [{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 2 } }],
      checks: [noItemLost, noItemDuplicated, taskCompleted],
    });
    const result = await legacy.run({ seed: 'legacy' });
    expect(result).toMatchObject({ success: true, recovered: true });
    expect(result.output).toMatchObject({ uploads: expect.arrayContaining(['SKU-0001', 'SKU-0012']) });
  });

  it('holds scenarios of any state and output as AnyScenario, with no cast', () => {
    const typed = defineScenario<{ readonly steps: number }, { readonly done: number }>({
      name: 'Typed',
      description: 'typed state and output',
      plan: [],
      checks: [{ name: 'done', check: ({ outcome }) => ({ passed: outcome?.output.done === 3, detail: '' }) }],
    });
    const all: AnyScenario[] = [typed, ...builtinScenarios];
    expect(all.map((s) => s.name)).toContain('Typed');
  });
});

/**
 * A small e-commerce system of a user's own, sharing no code with the reference one: it
 * uploads the catalogue, retrying a crashed upload (`duplicate` retries one that had
 * in fact gone through), and reports the observation contract.
 */
function ownShop(duplicate: boolean): () => Workflow<CommerceState, CommerceReport> {
  return () => ({
    async run({ initialState, clock, metrics, runId }) {
      const uploads: string[] = [];
      for (const [index, { sku }] of initialState.products.entries()) {
        const crashes = index === 1;
        if (crashes) {
          await metrics.measureRecovery('product', runId, 'crash', () => clock.sleep(500));
          if (duplicate) uploads.push(sku);
        }
        await clock.sleep(100);
        uploads.push(sku);
      }
      const report: CommerceReport = {
        uploads,
        campaign: { skus: initialState.products.map((p) => p.sku) },
        handoffSent: { count: uploads.length },
        handoffAccepted: { count: uploads.length },
        handoffDeliveries: 1,
        handoffRejections: [],
        restarts: [],
        abortedBecause: undefined,
      };
      return { taskCompleted: true, output: report };
    },
  });
}

describe('the observation contract', () => {
  const catalogue: CommerceState = { products: [{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }] };

  it('is all the built-in checks read: they judge a system that shares no code with the reference', async () => {
    const spec = { description: 'an own shop', plan: [], checks: [noItemLost, noItemDuplicated, taskCompleted], initialState: catalogue };
    const sound = await defineScenario({ name: 'OwnShop', ...spec, workflowFactory: ownShop(false) }).run({ seed: 'own' });
    expect(sound.checks.map((c) => [c.name, c.passed])).toEqual([
      ['no item lost', true],
      ['no item duplicated', true],
      ['task completed', true],
    ]);
    const sloppy = await defineScenario({ name: 'OwnSloppyShop', ...spec, workflowFactory: ownShop(true) }).run({ seed: 'own' });
    expect(sloppy.success).toBe(false);
    expect(sloppy.error).toBe('no item duplicated: uploaded more than once: B');
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import {
  type AnyScenario,
  type CommerceCheck,
  type CommerceReport,
  type CommerceState,
  createReferenceWorkflow,
  defineScenario,
  getScenario,
  getScenarios,
  noItemLost,
  productCrashMidUpload,
  type ReferenceOutput,
  type ReferenceState,
  type Scenario,
  type Workflow,
} from '../src/index.js';

describe('scenario types', () => {
  it('give the built-in scenarios the observation contract as their state and output', () => {
    expectTypeOf(productCrashMidUpload).toEqualTypeOf<Scenario<CommerceState, CommerceReport>>();
    expectTypeOf(noItemLost).toEqualTypeOf<CommerceCheck>();
    expectTypeOf<ReferenceOutput>().toExtend<CommerceReport>();
    expectTypeOf<ReferenceState>().toExtend<CommerceState>();
    expectTypeOf(createReferenceWorkflow()).toEqualTypeOf<Workflow<ReferenceState, ReferenceOutput>>();
  });

  it('hold scenarios of any types as AnyScenario', () => {
    const typed = defineScenario<{ readonly items: readonly string[] }, { readonly paid: boolean }>({
      name: 'Typed',
      description: 'typed',
      plan: [],
      checks: [{ name: 'paid', check: ({ outcome }) => ({ passed: outcome?.output.paid === true, detail: '' }) }],
    });
    const all: AnyScenario[] = [typed, productCrashMidUpload];
    expectTypeOf(all[0]).toEqualTypeOf<AnyScenario | undefined>();
    expectTypeOf(getScenario('Typed')).toEqualTypeOf<AnyScenario>();
    expectTypeOf(getScenarios()).toEqualTypeOf<AnyScenario[]>();
  });
});

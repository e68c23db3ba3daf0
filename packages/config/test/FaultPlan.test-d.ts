import { describe, expectTypeOf, it } from 'vitest';
import { FAULT_KINDS, type FaultKind, type FaultRule, type FaultRuleOf, createFaultPlan } from '../src/index.js';

describe('FaultRule types', () => {
  it('types each rule’s options by its fault', () => {
    const rules: FaultRule[] = [
      { fault: 'delay', target: 'product', trigger: { on: 'every' }, options: { delayMs: 500, jitterMs: 50 } },
      { fault: 'hallucination', target: 'llm', trigger: { on: 'next' }, options: { strategy: ['number', 'entity'] } },
      { fault: 'model.streamCut', target: '*', trigger: { on: 'call', call: 2 }, options: { mode: 'hang', afterChunks: 3 } },
      { fault: 'tool.empty', target: 'search', trigger: { on: 'every' }, options: { value: [] } },
      { fault: 'crash', target: 'product', trigger: { on: 'every' } },
    ];
    expectTypeOf(createFaultPlan(rules).take('delay', 'product')).toEqualTypeOf<FaultRule | undefined>();
    expectTypeOf<FaultRuleOf<'timeout'>['options']>().toEqualTypeOf<{ readonly timeoutSeconds?: number } | undefined>();
  });

  it('rejects a misspelt option, a value of the wrong type, and options of another fault', () => {
    createFaultPlan([
      // @ts-expect-error: `delayMS` is not an option of `delay` (it is `delayMs`)
      { fault: 'delay', target: 'product', trigger: { on: 'every' }, options: { delayMS: 500 } },
    ]);
    createFaultPlan([
      // @ts-expect-error: `timeoutSeconds` is a number
      { fault: 'timeout', target: 'product', trigger: { on: 'every' }, options: { timeoutSeconds: '30' } },
    ]);
    createFaultPlan([
      // @ts-expect-error: a crash takes no option
      { fault: 'crash', target: 'product', trigger: { on: 'every' }, options: { delayMs: 1 } },
    ]);
    createFaultPlan([
      // @ts-expect-error: `explode` is not a mode of `model.streamCut`
      { fault: 'model.streamCut', target: '*', trigger: { on: 'every' }, options: { mode: 'explode' } },
    ]);
    createFaultPlan([
      // @ts-expect-error: `model.rateLimits` is not a fault kind
      { fault: 'model.rateLimits', target: '*', trigger: { on: 'every' } },
    ]);
  });

  it('derives FaultKind from FAULT_KINDS', () => {
    expectTypeOf<(typeof FAULT_KINDS)[number]>().toEqualTypeOf<FaultKind>();
  });
});

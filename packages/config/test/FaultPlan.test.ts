import { describe, expect, it } from 'vitest';
import { createFaultPlan, type FaultKind, type FaultRule } from '../src/index.js';

/** Calls `take` n times and returns the 1-based calls on which a rule fired. */
function firingCalls(plan: ReturnType<typeof createFaultPlan>, n: number, fault: FaultKind = 'crash', target = 'product'): number[] {
  const fired: number[] = [];
  for (let call = 1; call <= n; call++) if (plan.take(fault, target) !== undefined) fired.push(call);
  return fired;
}

describe('createFaultPlan', () => {
  it('fires on the N-th call of its target, once', () => {
    const plan = createFaultPlan([{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 3 } }]);
    expect(firingCalls(plan, 10)).toEqual([3]);
    expect(plan.status()).toEqual([expect.objectContaining({ id: 'crash@product', fired: 1 })]);
  });

  it('counts calls per fault and target', () => {
    const plan = createFaultPlan([{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 2 } }]);
    expect(plan.take('crash', 'marketing')).toBeUndefined();
    expect(plan.take('delay', 'product')).toBeUndefined();
    expect(plan.take('crash', 'product')).toBeUndefined();
    expect(plan.take('crash', 'product')?.fault).toBe('crash');
  });

  it('fires from call N on, up to `times`', () => {
    const plan = createFaultPlan([{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 2 }, times: 3 }]);
    expect(firingCalls(plan, 10)).toEqual([2, 3, 4]);
  });

  it('fires on the first call after the target reports the given progress', () => {
    const plan = createFaultPlan([{ fault: 'crash', target: 'product', trigger: { on: 'progress', progress: 0.5 } }]);
    const fired: number[] = [];
    for (let item = 0; item < 10; item++) {
      if (plan.take('crash', 'product') !== undefined) fired.push(item);
      plan.reportProgress('product', (item + 1) / 10);
    }
    // Progress reaches 0.5 after item 4, so the call for item 5 crashes.
    expect(fired).toEqual([5]);
    expect(plan.progressOf('product')).toBe(1);
    expect(plan.progressOf('nobody')).toBe(0);
  });

  it('fires on the next call after a rule is added mid-run', () => {
    const plan = createFaultPlan();
    expect(plan.empty).toBe(true);
    firingCalls(plan, 4, 'corruption', 'handoff');
    plan.add({ fault: 'corruption', target: 'handoff', trigger: { on: 'next' } });
    expect(plan.empty).toBe(false);
    expect(firingCalls(plan, 3, 'corruption', 'handoff')).toEqual([1]);
  });

  it('fires on every call with `every`, and `*` matches any target', () => {
    const plan = createFaultPlan([{ fault: 'delay', target: '*', trigger: { on: 'every' } }]);
    expect(firingCalls(plan, 5, 'delay', 'a')).toEqual([1, 2, 3, 4, 5]);
    expect(plan.take('delay', 'b')).toBeDefined();
  });

  it('lets the first matching rule fire and keeps the others for later', () => {
    const plan = createFaultPlan([
      { id: 'first', fault: 'crash', target: 'product', trigger: { on: 'call', call: 1 } },
      { id: 'second', fault: 'crash', target: 'product', trigger: { on: 'next' } },
    ]);
    expect(plan.take('crash', 'product')?.id).toBe('first');
    expect(plan.take('crash', 'product')?.id).toBe('second');
    expect(plan.take('crash', 'product')).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown fault', { fault: 'explode' }, 'Expected `fault`'],
    ['an empty target', { target: '' }, 'Expected `target`'],
    ['call 0', { trigger: { on: 'call', call: 0 } }, 'Expected `trigger.call`'],
    ['progress 1.5', { trigger: { on: 'progress', progress: 1.5 } }, 'Expected `trigger.progress`'],
    ['an unknown trigger', { trigger: { on: 'sometimes' } }, 'Expected `trigger.on`'],
    ['times 0', { times: 0 }, 'Expected `times`'],
  ])('rejects a rule with %s, naming the field', (_, change, message) => {
    const rule = { fault: 'crash', target: 'product', trigger: { on: 'next' }, ...change } as unknown as FaultRule;
    expect(() => createFaultPlan([rule])).toThrow(message);
  });

  it('rejects progress outside [0, 1]', () => {
    const plan = createFaultPlan();
    expect(() => plan.reportProgress('product', 2)).toThrow('Expected progress of `product` to be a number in [0, 1], got `2`');
    expect(() => plan.reportProgress('product', Number.NaN)).toThrow(RangeError);
  });
});

describe('fault plan rule tags', () => {
  it('keeps a rule’s tags, for the fault events it fires', () => {
    const plan = createFaultPlan([{ fault: 'crash', target: 'product', trigger: { on: 'next' }, tags: { reflex: 'restart' } }]);
    expect(plan.take('crash', 'product')?.tags).toEqual({ reflex: 'restart' });
  });

  it('rejects tags that are not an object of strings, naming the rule', () => {
    const rule = { id: 'r1', fault: 'crash', target: 'product', trigger: { on: 'next' }, tags: { reflex: 3 } } as unknown as FaultRule;
    expect(() => createFaultPlan([rule])).toThrow('Expected `tags` of fault plan rule #1 "r1" (crash@product) to be an object of string values, got `{"reflex":3}`');
  });
});

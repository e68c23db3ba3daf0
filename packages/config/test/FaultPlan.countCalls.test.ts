import { describe, expect, it } from 'vitest';
import { createFaultPlan } from '../src/index.js';

describe('createFaultPlan with countCalls', () => {
  it('counts calls per fault and target even with no rule, and says so through callOf', () => {
    const plan = createFaultPlan([], { countCalls: true });
    expect(plan.empty).toBe(false);
    expect(plan.take('crash', 'product')).toBeUndefined();
    expect(plan.take('crash', 'product')).toBeUndefined();
    plan.take('delay', 'product');
    expect(plan.callOf?.('crash', 'product')).toBe(2);
    expect(plan.callOf?.('delay', 'product')).toBe(1);
    expect(plan.callOf?.('crash', 'marketing')).toBe(0);
  });

  it('knows no call index without countCalls, and stays empty', () => {
    const plan = createFaultPlan([]);
    expect(plan.empty).toBe(true);
    expect(plan.callOf?.('crash', 'product')).toBeUndefined();
  });

  it('fires its rules on the same calls whether it counts or not', () => {
    const rule = { fault: 'crash', target: 'product', trigger: { on: 'call', call: 3 } } as const;
    const counting = createFaultPlan([rule], { countCalls: true });
    const plain = createFaultPlan([rule]);
    const fired = (plan: typeof plain) => [1, 2, 3, 4].map(() => plan.take('crash', 'product') !== undefined);
    expect(fired(counting)).toEqual([false, false, true, false]);
    expect(fired(plain)).toEqual([false, false, true, false]);
  });
});

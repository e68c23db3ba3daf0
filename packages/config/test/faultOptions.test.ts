import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, type FaultRule, OPTION_CHECKS, checkOption, checkOptions, createFaultPlan, faultOptionChecks, registerFaultOptionChecks, strategyCheck } from '../src/index.js';

/** A rule the compiler would refuse, as a plan read from JSON can hold it. */
const untyped = (rule: object): FaultRule => rule as FaultRule;
const every = { on: 'every' } as const;

describe('fault plan options, checked when the plan is made', () => {
  it('accepts the options each fault takes', () => {
    const plan = createFaultPlan([
      { fault: 'delay', target: 'a', trigger: every, options: { delayMs: 10, jitterMs: 2 } },
      { fault: 'timeout', target: 'a', trigger: every, options: { timeoutSeconds: 0 } },
      { fault: 'hallucination', target: 'a', trigger: every, options: { strategy: 'number', hallucinate: (value) => ({ value, strategy: 'x', description: '' }) } },
      { fault: 'corruption', target: 'a', trigger: every, options: { fields: ['items.0'], argIndex: 1 } },
      { fault: 'model.rateLimit', target: '*', trigger: every, options: { retryAfterMs: null, message: 'slow down' } },
      { fault: 'model.serverError', target: '*', trigger: every, options: { statusCode: 503 } },
      { fault: 'model.contentFilter', target: '*', trigger: every, options: { as: 'finish', keep: 0.5 } },
      { fault: 'tool.empty', target: 'search', trigger: every, options: { value: null } },
    ]);
    expect(plan.status()).toHaveLength(8);
  });

  it('refuses a misspelt option, naming the rule by place, id, fault and target, and the options allowed', () => {
    const rules: FaultRule[] = [
      { fault: 'crash', target: 'a', trigger: every },
      untyped({ id: 'slow-upload', fault: 'delay', target: 'upload', trigger: every, options: { delayMS: 5 } }),
    ];
    expect(() => createFaultPlan(rules)).toThrow(
      new TypeError('Unknown option `delayMS` of fault plan rule #2 "slow-upload" (delay@upload): expected one of `delayMs`, `jitterMs`'),
    );
  });

  it('refuses an option given to a fault that takes none', () => {
    expect(() => createFaultPlan([untyped({ fault: 'crash', target: 'a', trigger: every, options: { delayMs: 1 } })])).toThrow(
      'Unknown option `delayMs` of fault plan rule #1 "crash@a": it takes none',
    );
  });

  it.each([
    [{ fault: 'delay', options: { delayMs: -1 } }, 'Expected `options.delayMs` of fault plan rule #1 "delay@t" to be a finite number >= 0, got `-1`'],
    [{ fault: 'delay', options: { jitterMs: '5' } }, 'Expected `options.jitterMs` of fault plan rule #1 "delay@t" to be a finite number >= 0, got `"5"`'],
    [{ fault: 'timeout', options: { timeoutSeconds: Infinity } }, 'Expected `options.timeoutSeconds` of fault plan rule #1 "timeout@t" to be a finite number >= 0, got `Infinity`'],
    [{ fault: 'hallucination', options: { strategy: 'lies' } }, 'Expected `options.strategy` of fault plan rule #1 "hallucination@t" to be one of "number", "entity", "claim", "negate", "date", "drop", "duplicate", or a non-empty array of them, got `"lies"`'],
    [{ fault: 'hallucination', options: { hallucinate: 'yes' } }, 'Expected `options.hallucinate` of fault plan rule #1 "hallucination@t" to be a function, got `"yes"`'],
    [{ fault: 'corruption', options: { fields: ['ok', ''] } }, 'Expected `options.fields` of fault plan rule #1 "corruption@t" to be an array of non-empty dotted paths, got `["ok",""]`'],
    [{ fault: 'corruption', options: { argIndex: 1.5 } }, 'Expected `options.argIndex` of fault plan rule #1 "corruption@t" to be an integer >= 0, got `1.5`'],
    [{ fault: 'delay', options: [1] }, 'Expected the options of fault plan rule #1 "delay@t" to be an object, got `[1]`'],
  ])('refuses %j, saying what was expected', (rule, message) => {
    expect(() => createFaultPlan([untyped({ target: 't', trigger: every, ...rule })])).toThrow(new TypeError(message));
  });

  it('refuses an unknown fault kind, listing the kinds it knows', () => {
    expect(() => createFaultPlan([untyped({ fault: 'crashh', target: 't', trigger: every })])).toThrow(
      'Expected `fault` of fault plan rule #1 "crashh@t" to be one of crash, delay, timeout, hallucination, corruption, got `"crashh"`',
    );
    expect(() => createFaultPlan([untyped({ fault: 'agent.crash', target: 't', trigger: every })])).toThrow('Expected `fault` of fault plan rule #1 "agent.crash@t" to be one of');
    // The kinds of an integration not loaded are taken by name; it checks them when it loads.
    expect(createFaultPlan([{ fault: 'model.rateLimit', target: '*', trigger: every }]).empty).toBe(false);
  });

  it('checks an integration’s kinds once it has registered their checks', () => {
    const rule = untyped({ fault: 'tool.slow', target: 'search', trigger: every, options: { delayMS: 5 } });
    // Not registered (the integration is not loaded): the name of the kind is checked, not its options.
    expect(faultOptionChecks('tool.slow')).toBeUndefined();
    expect(createFaultPlan([rule]).status()).toHaveLength(1);
    registerFaultOptionChecks({ 'tool.slow': { delayMs: OPTION_CHECKS.duration, jitterMs: OPTION_CHECKS.duration } });
    expect(() => createFaultPlan([rule])).toThrow('Unknown option `delayMS` of fault plan rule #1 "tool.slow@search": expected one of `delayMs`, `jitterMs`');
  });

  it('checks a rule added during the run the same way, and keeps the plan as it was', () => {
    const plan = createFaultPlan([{ fault: 'crash', target: 'a', trigger: every }]);
    expect(() => plan.add(untyped({ fault: 'timeout', target: 'b', trigger: every, options: { timeoutSecs: 3 } }))).toThrow(
      'Unknown option `timeoutSecs` of fault plan rule #2 "timeout@b": expected one of `timeoutSeconds`',
    );
    expect(plan.status()).toHaveLength(1);
  });
});

describe('checkOptions', () => {
  it('returns the options given, lists frozen and without repeats', () => {
    const checks = { probability: OPTION_CHECKS.probability, ...faultOptionChecks('hallucination') };
    const checked = checkOptions({ strategy: ['number', 'number', 'date'], probability: 0.5 }, checks, 'x');
    expect(checked).toEqual({ probability: 0.5, strategy: ['number', 'date'] });
    expect(Object.isFrozen(checked['strategy'])).toBe(true);
    expect(checkOptions({ fields: ['a'], argIndex: undefined }, faultOptionChecks('corruption') ?? {}, 'x')).toEqual({ fields: ['a'] });
  });

  it('refuses an unknown option before any value, naming the owner and what it takes', () => {
    expect(() => checkOptions({ delayMs: -1, delayMS: 5 }, faultOptionChecks('delay') ?? {}, 'myStep')).toThrow(
      new TypeError('Unknown option `delayMS` of myStep: expected one of `delayMs`, `jitterMs`'),
    );
    expect(() => checkOptions('fast', faultOptionChecks('delay') ?? {}, 'myStep')).toThrow('Expected the options of myStep to be an object, got `"fast"`');
  });

  it('names the option as the caller does', () => {
    expect(() => checkOption('delayMs', -1, OPTION_CHECKS.duration)).toThrow('Expected `delayMs` to be a finite number >= 0, got `-1`');
    expect(() => checkOption('hallucinationStrategy', 7, strategyCheck)).toThrow('Expected `hallucinationStrategy` to be one of');
    expect(() => checkOptions({ jitterMs: -1 }, faultOptionChecks('delay') ?? {}, 'x', { prefix: 'slow.' })).toThrow(
      'Expected `slow.jitterMs` to be a finite number >= 0, got `-1`',
    );
    expect(checkOption('x', undefined, OPTION_CHECKS.text)).toBeUndefined();
  });

  it('knows the options of every core fault kind', () => {
    expect(Object.keys(faultOptionChecks('delay') ?? {})).toEqual(['delayMs', 'jitterMs']);
    expect(faultOptionChecks('crash')).toEqual({});
    for (const kind of ['crash', 'delay', 'timeout', 'hallucination', 'corruption'] as const) expect(faultOptionChecks(kind)).toBeTypeOf('object');
    expect(new Set(FAULT_KINDS).size).toBe(FAULT_KINDS.length);
  });

});

import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, type FaultRule, checkFaultOptions, createFaultPlan, faultOptionNames } from '../src/index.js';

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
    expect(() => createFaultPlan([untyped({ fault: 'model.emptyResponse', target: '*', trigger: every, options: { text: '' } })])).toThrow(
      'Unknown option `text` of fault plan rule #1 "model.emptyResponse@*": it takes none',
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
    [{ fault: 'model.serverError', options: { statusCode: 429 } }, 'Expected `options.statusCode` of fault plan rule #1 "model.serverError@t" to be an integer in 500–599, got `429`'],
    [{ fault: 'model.streamCut', options: { mode: 'explode' } }, 'Expected `options.mode` of fault plan rule #1 "model.streamCut@t" to be one of "error", "drop", "hang", got `"explode"`'],
    [{ fault: 'model.truncate', options: { keep: 1 } }, 'Expected `options.keep` of fault plan rule #1 "model.truncate@t" to be a number in (0, 1), got `1`'],
    [{ fault: 'model.corruptChunks', options: { rate: 2 } }, 'Expected `options.rate` of fault plan rule #1 "model.corruptChunks@t" to be a number in [0, 1], got `2`'],
    [{ fault: 'tool.error', options: { message: '' } }, 'Expected `options.message` of fault plan rule #1 "tool.error@t" to be a non-empty string, got `""`'],
    [{ fault: 'delay', options: [1] }, 'Expected `options` of fault plan rule #1 "delay@t" to be an object, got `[1]`'],
  ])('refuses %j, saying what was expected', (rule, message) => {
    expect(() => createFaultPlan([untyped({ target: 't', trigger: every, ...rule })])).toThrow(new TypeError(message));
  });

  it('refuses an unknown fault kind, listing the kinds', () => {
    expect(() => createFaultPlan([untyped({ fault: 'crashh', target: 't', trigger: every })])).toThrow(
      `Expected \`fault\` of fault plan rule #1 "crashh@t" to be one of ${FAULT_KINDS.join(', ')}, got \`"crashh"\``,
    );
  });

  it('checks a rule added during the run the same way, and keeps the plan as it was', () => {
    const plan = createFaultPlan([{ fault: 'crash', target: 'a', trigger: every }]);
    expect(() => plan.add(untyped({ fault: 'timeout', target: 'b', trigger: every, options: { timeoutSecs: 3 } }))).toThrow(
      'Unknown option `timeoutSecs` of fault plan rule #2 "timeout@b": expected one of `timeoutSeconds`',
    );
    expect(plan.status()).toHaveLength(1);
  });
});

describe('checkFaultOptions', () => {
  it('returns the options given, lists frozen and without repeats, and ignores other keys', () => {
    const checked = checkFaultOptions('hallucination', { strategy: ['number', 'number', 'date'], probability: 0.5 });
    expect(checked).toEqual({ strategy: ['number', 'date'] });
    expect(Object.isFrozen(checked['strategy'])).toBe(true);
    expect(checkFaultOptions('corruption', { fields: ['a'] })['fields']).toEqual(['a']);
  });

  it('names the option as the caller does', () => {
    expect(() => checkFaultOptions('delay', { delayMs: -1 })).toThrow('Expected `delayMs` to be a finite number >= 0, got `-1`');
    expect(() => checkFaultOptions('hallucination', { strategy: 7 }, { names: { strategy: 'hallucinationStrategy' } })).toThrow(
      'Expected `hallucinationStrategy` to be one of',
    );
    expect(() => checkFaultOptions('model.rateLimit', { retryAfterMs: -1 }, { prefix: 'rateLimit.' })).toThrow(
      'Expected `rateLimit.retryAfterMs` to be a finite number >= 0, got `-1`',
    );
  });

  it('lists the options of every fault kind', () => {
    expect(faultOptionNames('delay')).toEqual(['delayMs', 'jitterMs']);
    expect(faultOptionNames('crash')).toEqual([]);
    for (const kind of FAULT_KINDS) expect(Array.isArray(faultOptionNames(kind))).toBe(true);
    expect(new Set(FAULT_KINDS).size).toBe(FAULT_KINDS.length);
  });
});

import { describe, expect, it } from 'vitest';
import {
  injectCrash,
  injectDelay,
  injectHallucination,
  injectMessageCorruption,
  injectTimeout,
  withChaos,
} from '../src/index.js';

type Factory = (options?: never) => unknown;

const factories: [string, Factory][] = [
  ['injectCrash', injectCrash as Factory],
  ['injectDelay', injectDelay as Factory],
  ['injectTimeout', injectTimeout as Factory],
  ['injectHallucination', injectHallucination as Factory],
  ['injectMessageCorruption', injectMessageCorruption as Factory],
];

function make(factory: Factory, options: Record<string, unknown>): unknown {
  return factory(options as never);
}

describe('option validation, at factory time', () => {
  it.each(factories)('%s rejects a probability outside [0, 1], naming option, value and range', (_name, factory) => {
    expect(() => make(factory, { probability: 1.5 })).toThrow(
      new TypeError('Expected `probability` to be a number in [0, 1], got `1.5`'),
    );
    expect(() => make(factory, { probability: -0.1 })).toThrow('got `-0.1`');
    expect(() => make(factory, { probability: Number.NaN })).toThrow('got `NaN`');
    expect(() => make(factory, { probability: '0.5' })).toThrow('got `"0.5"`');
  });

  it.each(factories)('%s rejects an empty or non-string target', (_name, factory) => {
    expect(() => make(factory, { target: '' })).toThrow('Expected `target` to be a non-empty string, got `""`');
    expect(() => make(factory, { target: 42 })).toThrow('Expected `target` to be a non-empty string, got `42`');
  });

  it.each(factories)('%s rejects an unknown option, listing the known ones', (name, factory) => {
    expect(() => make(factory, { crashProb: 0.2 })).toThrow(new RegExp(`^Unknown option \`crashProb\` of ${name}: expected one of \`probability\`, \`target\``));
  });

  it.each(factories)('%s accepts no options at all, and the edges 0 and 1', (_name, factory) => {
    expect(() => factory()).not.toThrow();
    expect(() => make(factory, { probability: 0 })).not.toThrow();
    expect(() => make(factory, { probability: 1 })).not.toThrow();
  });

  it('checks each fault’s own options', () => {
    expect(() => injectDelay({ delayMs: -5 })).toThrow('Expected `delayMs` to be a finite number >= 0, got `-5`');
    expect(() => injectDelay({ delayMs: Infinity })).toThrow('Expected `delayMs` to be a finite number >= 0, got `Infinity`');
    expect(() => injectDelay({ jitterMs: -1 })).toThrow('Expected `jitterMs` to be a finite number >= 0, got `-1`');
    expect(() => injectDelay({ signal: 'x' as never })).toThrow(
      'Expected `signal` to be an AbortSignal or a function returning one, got `"x"`',
    );
    expect(() => injectTimeout({ timeoutSeconds: -1 })).toThrow('Expected `timeoutSeconds` to be a finite number >= 0, got `-1`');
    expect(() => injectHallucination({ hallucinate: 'x' as never })).toThrow('Expected `hallucinate` to be a function, got `"x"`');
    expect(() => injectMessageCorruption({ fields: 'items' as never })).toThrow(
      'Expected `fields` to be an array of non-empty dotted paths, got `"items"`',
    );
    expect(() => injectMessageCorruption({ fields: ['ok', ''] })).toThrow('got `["ok",""]`');
    expect(() => injectMessageCorruption({ argIndex: 1.5 })).toThrow('Expected `argIndex` to be an integer >= 0, got `1.5`');
    expect(() => injectMessageCorruption({ corrupt: {} as never })).toThrow('Expected `corrupt` to be a function, got `{}`');
  });

  it('checks withChaos options by their own names', () => {
    expect(() => withChaos({ crashProb: 2 })).toThrow('Expected `crashProb` to be a number in [0, 1], got `2`');
    expect(() => withChaos({ hallucinationProb: -1 })).toThrow('Expected `hallucinationProb` to be a number in [0, 1], got `-1`');
    expect(() => withChaos({ timeoutSeconds: -1 })).toThrow('Expected `timeoutSeconds` to be a finite number >= 0, got `-1`');
    expect(() => withChaos({ probability: 0.5 } as never)).toThrow(/^Unknown option `probability` of withChaos: expected one of `corruptionProb`/);
  });

  it('rejects options that are not an object', () => {
    expect(() => injectCrash(null as never)).toThrow('Expected the options of injectCrash to be an object, got `null`');
  });

  it('rejects wrapping something that is not a function', () => {
    expect(() => injectCrash()(42 as never)).toThrow('Expected injectCrash(…) to be applied to a function or a method, got `42`');
  });

  it('rejects decorating anything but a method', () => {
    const context = { kind: 'getter', name: 'x' } as unknown as ClassMethodDecoratorContext;
    expect(() => injectDelay()(async () => 1, context as never)).toThrow(
      'injectDelay(…) decorates methods only, got a decorator context of kind `"getter"`',
    );
  });
});

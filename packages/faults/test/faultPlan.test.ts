import { describe, expect, it } from 'vitest';
import type { FaultRule } from '@chaos/config';
import {
  AgentCrashError,
  injectCrash,
  injectDelay,
  injectHallucination,
  injectMessageCorruption,
  injectTimeout,
  reportProgress,
} from '../src/index.js';
import { testScope } from './helpers.js';

/** Calls `fn` `n` times in the scope; returns the 1-based calls that threw a crash. */
function crashedCalls(run: <T>(fn: () => T) => T, fn: () => unknown, n: number, between?: (call: number) => void): number[] {
  const crashed: number[] = [];
  for (let call = 1; call <= n; call++) {
    try {
      run(fn);
    } catch (error: unknown) {
      if (error instanceof AgentCrashError) crashed.push(call);
      else throw error;
    }
    between?.(call);
  }
  return crashed;
}

describe('fault plans', () => {
  it('crash `product` on its 3rd call, once, whatever the probability', () => {
    const chaos = testScope({ plan: [{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 3 } }] });
    const step = injectCrash({ probability: 0, target: 'product' })(() => 'ok');
    expect(crashedCalls(chaos.run, step, 6)).toEqual([3]);
    expect(chaos.faults()).toMatchObject([{ fault: 'crash', target: 'product', source: 'plan', ruleId: 'crash@product' }]);
  });

  it('crash when the reported progress reaches 50 %', () => {
    const chaos = testScope({
      plan: [{ id: 'mid-upload', fault: 'crash', target: 'upload', trigger: { on: 'progress', progress: 0.5 } }],
    });
    // The target is the function's name (bundlers may rename a function that shadows
    // another binding, so code that plans faults best gives `target` explicitly).
    const step = injectCrash({ probability: 0 })(function upload() {
      return 'uploaded';
    });
    const items = 6;
    const crashed = crashedCalls(chaos.run, step, items, (call) => chaos.run(() => reportProgress('upload', call / items)));
    expect(crashed).toEqual([4]); // progress is 3/6 after call 3
    const [event] = chaos.faults();
    expect(event).toMatchObject({ source: 'plan', ruleId: 'mid-upload' });
  });

  it('corrupt the next `handoff` after the rule is added mid-run', () => {
    const chaos = testScope();
    const received: unknown[] = [];
    const send = injectMessageCorruption({ probability: 0, fields: ['body'], target: 'handoff' })((message: { body: string }) =>
      received.push(message),
    );
    chaos.run(() => send({ body: 'one' }));
    chaos.runtime.plan.add({ fault: 'corruption', target: 'handoff', trigger: { on: 'next' } });
    chaos.run(() => send({ body: 'two' }));
    chaos.run(() => send({ body: 'three' }));
    expect(received[0]).toEqual({ body: 'one' });
    expect(received[1]).not.toEqual({ body: 'two' });
    expect(received[2]).toEqual({ body: 'three' });
  });

  it('fire on every call with `every`; `*` matches any target', () => {
    const chaos = testScope({ plan: [{ fault: 'hallucination', target: '*', trigger: { on: 'every' } }] });
    const a = injectHallucination({ probability: 0 })(() => true);
    const b = injectHallucination({ probability: 0 })(() => false);
    expect([chaos.run(a), chaos.run(b), chaos.run(a)]).toEqual([false, true, false]);
  });

  it('lets a rule’s options override the injector’s for that firing', async () => {
    const chaos = testScope({
      plan: [
        { fault: 'delay', target: 'slow', trigger: { on: 'call', call: 2 }, options: { delayMs: 2_000 } },
        { fault: 'timeout', target: 'hang', trigger: { on: 'call', call: 1 }, options: { timeoutSeconds: 3 } },
      ],
    });
    const slow = injectDelay({ probability: 0, delayMs: 100, target: 'slow' })(async () => chaos.clock.now());
    const hang = injectTimeout({ probability: 0, timeoutSeconds: 60, target: 'hang' })(async () => 'never');
    await chaos.run(async () => {
      expect(await slow()).toBe(0);
      expect(await slow()).toBe(2_000);
      await expect(hang()).rejects.toMatchObject({ timeoutSeconds: 3, ruleId: 'timeout@hang' });
      expect(chaos.clock.now()).toBe(5_000);
    });
    expect(chaos.faults().map((event) => [event.fault, event.source, event.details['delayMs'] ?? event.details['timeoutSeconds']])).toEqual([
      ['delay', 'plan', 2_000],
      ['timeout', 'plan', 3],
    ]);
  });

  it('names the rule and the option when a rule’s option is invalid or unknown, before any call', () => {
    const ok: FaultRule = { fault: 'delay', target: 'ok', trigger: { on: 'every' }, options: { delayMs: 5 } };
    // The options are typed by the fault, so these only get past the compiler cast.
    const typo = { id: 'typo', fault: 'delay', target: 'a', trigger: { on: 'every' }, options: { delayMS: 5 } } as unknown as FaultRule;
    const neg: FaultRule = { id: 'neg', fault: 'delay', target: 'b', trigger: { on: 'every' }, options: { delayMs: -1 } };
    const none = { id: 'none', fault: 'crash', target: 'c', trigger: { on: 'every' }, options: { delayMs: 1 } } as unknown as FaultRule;
    expect(() => testScope({ plan: [ok, typo] })).toThrow(
      'Unknown option `delayMS` of fault plan rule #2 "typo" (delay@a): expected one of `delayMs`, `jitterMs`',
    );
    expect(() => testScope({ plan: [neg] })).toThrow(
      'Expected `options.delayMs` of fault plan rule #1 "neg" (delay@b) to be a finite number >= 0, got `-1`',
    );
    expect(() => testScope({ plan: [none] })).toThrow('Unknown option `delayMs` of fault plan rule #1 "none" (crash@c): it takes none');
    // A rule added while the run goes on is checked as it is added.
    const chaos = testScope({ plan: [ok] });
    expect(() => chaos.runtime.plan.add(typo)).toThrow('Unknown option `delayMS` of fault plan rule #2 "typo" (delay@a)');
    expect(chaos.runtime.plan.status()).toHaveLength(1);
  });

  it('still draws the decision number when a rule fires, so later chance decisions do not shift', () => {
    const decisions = (plan: FaultRule[]): boolean[] => {
      const chaos = testScope({ seed: 'shift', plan });
      const step = injectCrash({ probability: 0.5, target: 't' })(() => 1);
      const crashed = crashedCalls(chaos.run, step, 40);
      return Array.from({ length: 40 }, (_, i) => crashed.includes(i + 1));
    };
    const without = decisions([]);
    const withRule = decisions([{ fault: 'crash', target: 't', trigger: { on: 'call', call: 1 } }]);
    expect(withRule[0]).toBe(true);
    expect(withRule.slice(1)).toEqual(without.slice(1));
  });

  it('reportProgress validates its input', () => {
    const chaos = testScope();
    expect(() => chaos.run(() => reportProgress('x', 1.5))).toThrow(RangeError);
    expect(() => chaos.run(() => reportProgress('', 0.5))).toThrow('Expected `target` to be a non-empty string, got `""`');
    chaos.run(() => reportProgress('x', 0.25));
    expect(chaos.runtime.plan.progressOf('x')).toBe(0.25);
  });
});

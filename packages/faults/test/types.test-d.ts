import { describe, expectTypeOf, it } from 'vitest';
import {
  type AgentCrashError,
  type AsyncFaultInjector,
  type SyncFaultInjector,
  injectCrash,
  injectDelay,
  injectHallucination,
  injectMessageCorruption,
  injectTimeout,
  isAgentCrashError,
  withChaos,
} from '../src/index.js';

interface Item {
  readonly sku: string;
}

describe('the sync/async contract in the types', () => {
  it('crash, hallucination and corruption return exactly the wrapped type', () => {
    const sync = (x: number): number => x;
    const async = async (item: Item): Promise<string> => item.sku;
    expectTypeOf(injectCrash()(sync)).toEqualTypeOf<(x: number) => number>();
    expectTypeOf(injectHallucination()(sync)).toEqualTypeOf<(x: number) => number>();
    expectTypeOf(injectMessageCorruption({ fields: ['sku'] })(async)).toEqualTypeOf<(item: Item) => Promise<string>>();
    expectTypeOf(injectCrash()).toEqualTypeOf<SyncFaultInjector>();
  });

  it('keeps generics of a generic function', () => {
    const identity = <T>(value: T): T => value;
    const wrapped = injectCrash()(identity);
    expectTypeOf(wrapped('a')).toEqualTypeOf<string>();
    expectTypeOf(wrapped(1)).toEqualTypeOf<number>();
  });

  it('delay, timeout and withChaos turn any function into a Promise-returning one', () => {
    const sync = (x: number): number => x;
    const async = async (x: number, label: string): Promise<string> => `${label}${x}`;
    expectTypeOf(injectDelay()(sync)).toEqualTypeOf<(this: unknown, x: number) => Promise<number>>();
    expectTypeOf(injectTimeout()(async)).toEqualTypeOf<(this: unknown, x: number, label: string) => Promise<string>>();
    expectTypeOf(withChaos()(sync)).returns.toEqualTypeOf<Promise<number>>();
    expectTypeOf(withChaos()(async)).parameters.toEqualTypeOf<[x: number, label: string]>();
    expectTypeOf(injectDelay()).toEqualTypeOf<AsyncFaultInjector>();
  });

  it('keeps the `this` type', () => {
    function method(this: { base: number }, x: number): number {
      return this.base + x;
    }
    expectTypeOf(injectCrash()(method)).thisParameter.toEqualTypeOf<{ base: number }>();
    expectTypeOf(injectDelay()(method)).thisParameter.toEqualTypeOf<{ base: number }>();
    expectTypeOf(injectDelay()(method)).returns.toEqualTypeOf<Promise<number>>();
  });

  it('the guards narrow unknown', () => {
    const error: unknown = new Error();
    if (isAgentCrashError(error)) {
      expectTypeOf(error).toEqualTypeOf<AgentCrashError>();
      expectTypeOf(error.code).toEqualTypeOf<'CHAOS_AGENT_CRASH'>();
      expectTypeOf(error.fault).toEqualTypeOf<'crash'>();
    }
  });

  it('accepts each fault’s options and rejects the others', () => {
    injectDelay({ delayMs: 1, jitterMs: 1, signal: AbortSignal.abort() });
    injectDelay({ signal: (_input: string, options: { signal: AbortSignal }) => options.signal });
    injectTimeout({ timeoutSeconds: 30 });
    injectMessageCorruption({ fields: ['a.b'], argIndex: 1 });
    withChaos({ crashProb: 0.1, delayProb: 0.2, delayMs: 300, fields: ['items'], hallucinationStrategy: 'number' });
    injectHallucination({ strategy: 'entity' });
    injectHallucination({ strategy: ['number', 'claim'] });
    // @ts-expect-error a strategy is one of the named kinds of error
    injectHallucination({ strategy: 'lie' });
    // @ts-expect-error delayMs is not an option of injectCrash
    injectCrash({ delayMs: 1 });
    // @ts-expect-error withChaos takes per-fault probabilities, not `probability`
    withChaos({ probability: 0.5 });
    // @ts-expect-error probability is a number
    injectCrash({ probability: '0.5' });
  });
});

describe('decorators', () => {
  it('fit sync and async methods with the sync-preserving injectors', () => {
    class Agent {
      @injectCrash({ probability: 0.2 })
      upload(item: Item): number {
        return item.sku.length;
      }

      @injectHallucination()
      @injectMessageCorruption({ fields: ['sku'] })
      async describe(item: Item): Promise<string> {
        return item.sku;
      }

      @injectDelay({ delayMs: 500 })
      @injectTimeout({ timeoutSeconds: 30 })
      @withChaos({ crashProb: 0.1 })
      async publish(item: Item): Promise<string> {
        return item.sku;
      }
    }
    expectTypeOf<Agent['upload']>().returns.toEqualTypeOf<number>();
    expectTypeOf<Agent['publish']>().returns.toEqualTypeOf<Promise<string>>();
  });

  it('a time-based injector on a sync method is a type error', () => {
    class Agent {
      // @ts-expect-error injectDelay would make `count` return a Promise
      @injectDelay({ delayMs: 500 })
      count(): number {
        return 1;
      }

      // @ts-expect-error injectTimeout would make `name` return a Promise
      @injectTimeout()
      name(): string {
        return 'a';
      }

      // @ts-expect-error withChaos would make `size` return a Promise
      @withChaos()
      size(): number {
        return 0;
      }
    }
    expectTypeOf<Agent>().toHaveProperty('count');
  });
});

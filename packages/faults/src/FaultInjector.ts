import type { Tags } from '@chaos/config';

/**
 * A function an injector can wrap: any `this`, any arguments, any result.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the widest function type, for constraints only
export type AnyFunction = (this: any, ...args: any[]) => any;

/**
 * Where a time-based fault (delay, timeout) gets its `AbortSignal` from: a signal, or a
 * function of the call's arguments (called with the call's `this`) that returns one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- receives the wrapped function's arguments, whatever they are
export type SignalSource = AbortSignal | ((...args: any[]) => AbortSignal | undefined);

/** Options every injector takes. */
export interface InjectorOptions {
  /**
   * Chance in [0, 1] that the fault fires on a call. Left out, it is read from the
   * active config (`crashProbability`, `delayProbability`, …) at each call, so
   * `configureChaos` and scopes change it without re-wrapping.
   * @defaultValue the active config's probability for this fault
   */
  readonly probability?: number;
  /**
   * The name plan rules aim at, and the label of the fault's random streams.
   * @defaultValue the method name (decorator), else the function's `name`, else `'anonymous'`
   */
  readonly target?: string;
  /**
   * Labels carried by every fault this injector fires (`event.tags`): the model, the
   * prompt version… Recoveries from the fault inherit them, and `@chaos/metrics`
   * breaks recoveries down by them (`byTag`). A plan rule's `tags` add to them.
   * @defaultValue none
   */
  readonly tags?: Tags;
}

/**
 * An injector that keeps a sync function sync (crash, hallucination, corruption). One
 * object, two uses:
 *
 * - a wrapper: `injectCrash({ probability: 0.2 })(agentStep)` returns a function of the
 *   same type;
 * - a TS 5 standard method decorator: `@injectCrash({ probability: 0.2 }) step() {…}`.
 */
export interface SyncFaultInjector {
  /** Wraps `fn`; the result has exactly `fn`'s type. */
  <F extends AnyFunction>(fn: F): F;
  /** Decorates a method (TC39 / TS 5 decorators); the target defaults to the method name. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the constraint of ClassMethodDecoratorContext
  <This, F extends (this: This, ...args: any) => any>(method: F, context: ClassMethodDecoratorContext<This, F>): F;
}

/**
 * An injector whose fault takes time (delay, timeout, `withChaos`): the wrapped function
 * always returns a Promise, and its type says so. As a decorator it therefore only fits
 * a method that already returns a Promise; on a sync method it is a type error.
 */
export interface AsyncFaultInjector {
  /** Wraps `fn`; the result takes the same `this` and arguments and returns `Promise<Awaited<R>>`. */
  <This, Args extends unknown[], R>(fn: (this: This, ...args: Args) => R): (this: This, ...args: Args) => Promise<Awaited<R>>;
  /** Decorates a Promise-returning method (TC39 / TS 5 decorators). */
  <This, Args extends unknown[], R>(
    method: (this: This, ...args: Args) => Promise<R>,
    context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Promise<R>>,
  ): (this: This, ...args: Args) => Promise<R>;
}

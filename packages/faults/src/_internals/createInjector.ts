import { type Tags, formatValue, validateTags } from '@chaos/config';
import type { AnyFunction } from '../FaultInjector.js';
import { checkTarget } from './validate.js';

/**
 * Marks the functions this package makes that always return a Promise (delay, timeout,
 * `withChaos`), so an outer sync-preserving injector treats them as async and rejects
 * rather than throws. `Symbol.for`, so it holds across installed copies.
 */
const RETURNS_PROMISE = Symbol.for('@chaos/faults.returnsPromise');

const AsyncFunction = (async () => {}).constructor;

/**
 * True for an `async function` (by its constructor or tag, never by calling it) and for
 * this package's own Promise-returning wrappers.
 */
export function isAsyncFunction(fn: AnyFunction): boolean {
  return (
    fn.constructor === AsyncFunction ||
    Object.prototype.toString.call(fn) === '[object AsyncFunction]' ||
    (fn as unknown as Record<symbol, unknown>)[RETURNS_PROMISE] === true
  );
}

/** Builds the wrapper for `fn`, whose target is now known. */
export type Wrap = (fn: AnyFunction, target: string, tags: Tags | undefined) => AnyFunction;

/**
 * Makes the one object that is both a wrapper and a TC39 method decorator. The wrap
 * step runs once per function or method (at wrap or class-definition time), never per
 * call. Target: `options.target`, else the method name, else the function's name, else
 * `'anonymous'`. `options.target` and `options.tags` are checked here, at once.
 *
 * @throws `TypeError` when `target` or `tags` is invalid
 */
export function createInjector(
  owner: string,
  options: { readonly target?: string | undefined; readonly tags?: Tags | undefined },
  returnsPromise: boolean,
  wrap: Wrap,
): (fn: AnyFunction, context?: ClassMethodDecoratorContext) => AnyFunction {
  const targetOption = checkTarget('target', options.target);
  const tags = validateTags(options.tags, 'tags');
  return function injector(fn: AnyFunction, context?: ClassMethodDecoratorContext): AnyFunction {
    if (typeof fn !== 'function') {
      throw new TypeError(`Expected ${owner}(…) to be applied to a function or a method, got \`${formatValue(fn)}\``);
    }
    let target = targetOption;
    if (context !== undefined) {
      const kind = (context as { kind?: unknown } | null)?.kind;
      if (kind !== 'method') {
        throw new TypeError(`${owner}(…) decorates methods only, got a decorator context of kind \`${formatValue(kind)}\``);
      }
      target ??= String(context.name);
    } else {
      target ??= fn.name === '' ? 'anonymous' : fn.name;
    }
    const wrapped = wrap(fn, target, tags);
    for (const key of ['name', 'length'] as const) Object.defineProperty(wrapped, key, { value: fn[key], configurable: true });
    if (returnsPromise) Object.defineProperty(wrapped, RETURNS_PROMISE, { value: true });
    return wrapped;
  };
}

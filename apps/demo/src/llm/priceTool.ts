import { cancellableSleep, type Clock } from '@chaos/config';
import { chaosTool } from '@chaos/faults/ai-sdk';
import { jsonSchema, type Tool, tool } from 'ai';
import { PRICE_TOOL } from './scriptedLlm.js';

/** What the price tool takes: the products the copy is about, by name. */
export interface PriceLookup {
  readonly products: string[];
}

/** What it gives: the campaign price of each product, by name, and where the prices came from. */
export interface PriceList {
  readonly prices: Record<string, string>;
  readonly source: 'live' | 'brief';
}

/** What {@link priceTool} works with. */
export interface PriceToolOptions {
  readonly clock: Clock;
  /** The shop's live campaign price of a product, by name. */
  readonly livePrice: (name: string) => string | undefined;
  /** The price the brief states for a product: the fallback. */
  readonly briefPrice: (name: string) => string | undefined;
  /** How long a lookup may take before the fallback; `undefined` waits for ever. */
  readonly deadlineMs: number | undefined;
  readonly onActivity: () => void;
  /** Called when a lookup missed its deadline and the brief's prices were used. */
  readonly onFallback: () => void;
}

const SCHEMA = jsonSchema<PriceLookup>(
  { type: 'object', properties: { products: { type: 'array', items: { type: 'string' } } }, required: ['products'], additionalProperties: false },
  {
    // A call without its list of names is refused, so the SDK marks it invalid.
    validate: (value) => {
      const products = (value as { products?: unknown } | null)?.products;
      return Array.isArray(products) && products.every((p) => typeof p === 'string')
        ? { success: true, value: { products } }
        : { success: false, error: new TypeError(`expected { products: string[] }, got ${JSON.stringify(value)}`) };
    },
  },
);

const LATE = Symbol('late');

/**
 * The copy agent's `lookupPrices` tool: the live campaign price of each product. Its
 * faults (`tool.timeout`, `tool.error`…) come from the fault plan (`chaosTool`, aimed
 * at {@link PRICE_TOOL}); around them, when `deadlineMs` is set, a deadline on the
 * run's clock: a lookup that misses it is abandoned (its abort signal fires) and the
 * brief's prices are used instead.
 */
export function priceTool(options: PriceToolOptions): Tool<PriceLookup, PriceList> {
  const live = tool<PriceLookup, PriceList>({
    description: 'The live campaign price of each product, by name',
    inputSchema: SCHEMA,
    execute: async ({ products }) => {
      options.onActivity();
      return { prices: Object.fromEntries(products.map((name) => [name, options.livePrice(name) ?? 'unknown'])), source: 'live' };
    },
  });
  const faulted = chaosTool(live, { target: PRICE_TOOL });
  const { deadlineMs } = options;
  const execute = faulted.execute;
  if (deadlineMs === undefined || execute === undefined) return faulted;
  return {
    ...faulted,
    execute: async (input, call) => {
      const lookup = new AbortController();
      const onAbort = (): void => lookup.abort(call.abortSignal?.reason);
      call.abortSignal?.addEventListener('abort', onAbort, { once: true });
      const deadline = cancellableSleep(options.clock, deadlineMs);
      const late = deadline.done.then(
        () => LATE,
        () => undefined,
      );
      try {
        const work = Promise.resolve(execute(input, { ...call, abortSignal: lookup.signal }) as PriceList | PromiseLike<PriceList>);
        work.catch(() => undefined);
        const first = await Promise.race([work, late]);
        if (first !== LATE) return first as PriceList;
        lookup.abort(new Error(`${PRICE_TOOL} missed its ${deadlineMs} ms deadline`));
        options.onFallback();
        return { prices: Object.fromEntries(input.products.map((name) => [name, options.briefPrice(name) ?? 'unknown'])), source: 'brief' };
      } finally {
        deadline.cancel(new Error(`${PRICE_TOOL} lookup settled`));
        call.abortSignal?.removeEventListener('abort', onAbort);
      }
    },
  };
}

import { describe, expect, it } from 'vitest';
import { chaosTool, chaosTools, isToolFaultError } from '../../src/ai-sdk.js';
import { testScope } from '../helpers.js';
import { scriptedModel } from './script.js';
import { generateText, jsonSchema, stepCountIs, tool } from './sdk.js';

const results = { query: 'mugs', results: [{ name: 'Blue mug', price: 19.99 }], total: 1 };

function searchTool(calls: unknown[] = []) {
  return tool({
    description: 'Searches the catalogue',
    inputSchema: jsonSchema<{ query: string }>({ type: 'object', properties: { query: { type: 'string' } }, required: ['query'] }),
    execute: async (input) => {
      calls.push(input);
      return { ...results, query: input.query };
    },
  });
}

const options = { toolCallId: 'call-1', messages: [] };

/** An agent turn: the model calls `search`, then answers with what the tool gave. */
function agentModel() {
  return scriptedModel((prompt) => {
    const last = prompt.at(-1) as { role: string; content: { output?: { type: string; value: unknown } }[] };
    if (last.role !== 'tool') return { toolCalls: [{ toolName: 'search', input: { query: 'mugs' } }] };
    return { text: `tool said: ${JSON.stringify(last.content[0]?.output)}` };
  });
}

describe('tool faults', () => {
  it('error: throws a ToolFaultError before the tool runs, which the SDK hands to the model', async () => {
    const chaos = testScope();
    const calls: unknown[] = [];
    const search = chaosTool(searchTool(calls), { target: 'search', error: { probability: 1, message: 'catalogue down' } });
    const result = await chaos.run(() => generateText({ model: agentModel(), prompt: 'find mugs', tools: { search }, stopWhen: stepCountIs(3), maxRetries: 0 }));
    expect(calls).toEqual([]);
    const toolError = result.steps[0]?.content.find((part) => part.type === 'tool-error') as { error: unknown } | undefined;
    expect(isToolFaultError(toolError?.error)).toBe(true);
    expect(toolError?.error).toMatchObject({ code: 'CHAOS_TOOL_FAULT', fault: 'tool.error', target: 'search', message: 'catalogue down' });
    expect(result.text).toContain('catalogue down');
    expect(chaos.faults()).toEqual([expect.objectContaining({ fault: 'tool.error', target: 'search', details: expect.objectContaining({ call: 1 }) })]);
  });

  it('timeout: hangs timeoutSeconds on the scope clock, then fails with a ToolFaultError', async () => {
    const chaos = testScope();
    const calls: unknown[] = [];
    const search = chaosTool(searchTool(calls), { target: 'search', timeout: { probability: 1, timeoutSeconds: 12 } });
    const error = await chaos.run(() => Promise.resolve(search.execute?.({ query: 'mugs' }, options))).catch((caught: unknown) => caught);
    expect(chaos.clock.now()).toBe(12_000);
    expect(error).toMatchObject({ fault: 'tool.timeout', timeoutSeconds: 12, target: 'search' });
    expect(calls).toEqual([]);
  });

  it("timeout: ends with the abort reason when the call's signal aborts first", async () => {
    const chaos = testScope();
    const search = chaosTool(searchTool(), { target: 'search', timeout: 1 });
    const controller = new AbortController();
    const reason = new Error('cancelled');
    const call = chaos.run(() => {
      void chaos.clock.sleep(2000).then(() => controller.abort(reason));
      return search.execute?.({ query: 'mugs' }, { ...options, abortSignal: controller.signal });
    }) as Promise<unknown>;
    await expect(call).rejects.toBe(reason);
    expect(chaos.clock.now()).toBe(2000);
    expect(chaos.clock.pendingTimers).toBe(0);
  });

  it('slow: waits delayMs, then runs the tool', async () => {
    const chaos = testScope();
    const search = chaosTool(searchTool(), { target: 'search', slow: { probability: 1, delayMs: 700 } });
    const output = await chaos.run(() => search.execute?.({ query: 'mugs' }, options));
    expect(output).toEqual(results);
    expect(chaos.clock.now()).toBe(700);
  });

  it('empty: runs the tool and returns its result with nothing in it, the same shape', async () => {
    const chaos = testScope();
    const search = chaosTool(searchTool(), { target: 'search', empty: 1 });
    expect(await chaos.run(() => search.execute?.({ query: 'mugs' }, options))).toEqual({ query: '', results: [], total: 0 });
    const given = chaosTool(searchTool(), { target: 'search', empty: { probability: 1, value: null } });
    expect(await chaos.run(() => given.execute?.({ query: 'mugs' }, options))).toBeNull();
    expect(chaos.faults()[0]).toMatchObject({ fault: 'tool.empty', details: { before: results, after: { query: '', results: [], total: 0 } } });
  });

  it('mutate: returns a plausible wrong result, never mutating the original', async () => {
    const chaos = testScope({ seed: 'mutate' });
    const original = structuredClone(results);
    const frozen = Object.freeze({ ...results, results: Object.freeze(results.results.map((item) => Object.freeze({ ...item }))) });
    const search = chaosTool({ execute: async (_input: unknown, _options: unknown) => frozen }, { target: 'search', mutate: { probability: 1, strategy: 'number' } });
    const output = (await chaos.run(() => search.execute?.({ query: 'mugs' }, options))) as typeof results;
    expect(output).not.toEqual(results);
    expect(results).toEqual(original);
    expect(chaos.faults()[0]).toMatchObject({ fault: 'tool.mutate', details: { changed: true, before: frozen, after: output } });
  });

  it('applies the empty and mutate faults to the last result of a tool that yields', async () => {
    const chaos = testScope();
    const progress = chaosTool(
      {
        async *execute(_input: unknown, _options: unknown) {
          yield { status: 'searching', results: [] as string[] };
          yield { status: 'done', results: ['Blue mug'] };
        },
      },
      { target: 'progress', empty: 1 },
    );
    const seen: unknown[] = [];
    await chaos.run(async () => {
      for await (const value of progress.execute?.({}, options) as AsyncIterable<unknown>) seen.push(value);
    });
    expect(seen).toEqual([{ status: 'searching', results: [] }, { status: '', results: [] }]);
  });

  it('returns a copy of the tool, and calls execute straight through with chaos disabled', async () => {
    const original = searchTool();
    const wrapped = chaosTool(original, { target: 'search', error: 1 });
    expect(wrapped).not.toBe(original);
    expect(wrapped.description).toBe(original.description);
    expect(await wrapped.execute?.({ query: 'mugs' }, options)).toEqual(results);
  });

  it("carries the wrapper's tags, and a plan rule's on top, on every fault event", async () => {
    const chaos = testScope({ plan: [{ fault: 'tool.error', target: 'checkout', trigger: { on: 'call', call: 1 }, tags: { cause: 'planned' } }] });
    const tools = chaosTools(
      { search: searchTool(), checkout: tool({ description: 'pays', inputSchema: jsonSchema({}), execute: async () => 'paid' }) },
      { tags: { release: 'v2' }, tools: { search: { error: 1 } } },
    );
    const search = chaosTool(searchTool(), { target: 'lookup', tags: { release: 'v3' }, slow: 1 });
    await chaos.run(async () => {
      await Promise.resolve(tools.checkout.execute?.({} as never, options)).catch(() => undefined);
      await Promise.resolve(tools.search.execute?.({ query: 'x' }, options)).catch(() => undefined);
      await search.execute?.({ query: 'x' }, options);
    });
    expect(chaos.events.map((e) => [(e as { target?: string }).target, (e as { tags?: unknown }).tags])).toEqual([
      ['checkout', { release: 'v2', cause: 'planned' }],
      ['search', { release: 'v2' }],
      ['lookup', { release: 'v3' }],
    ]);
    expect(() => chaosTool(searchTool(), { target: 'search', tags: { release: 2 } as never })).toThrow(TypeError);
  });

  it('fires tool.* rules of the scope plan at the tool name', async () => {
    const chaos = testScope({ plan: [{ fault: 'tool.error', target: 'checkout', trigger: { on: 'call', call: 2 } }] });
    const tools = chaosTools({ search: searchTool(), checkout: tool({ description: 'pays', inputSchema: jsonSchema({}), execute: async () => 'paid' }) });
    const run = (name: 'search' | 'checkout') => chaos.run(() => Promise.resolve(tools[name].execute?.({ query: 'x' } as never, options)).then(() => 'ok', () => 'error'));
    expect([await run('checkout'), await run('search'), await run('search'), await run('checkout')]).toEqual(['ok', 'ok', 'ok', 'error']);
  });

  it('gives each tool of a set its own faults under tools, the shared ones otherwise', async () => {
    const chaos = testScope();
    const tools = chaosTools(
      { search: searchTool(), checkout: tool({ description: 'pays', inputSchema: jsonSchema({}), execute: async () => 'paid' }), ask: tool({ description: 'asks the user', inputSchema: jsonSchema({}) }) },
      { slow: { probability: 1, delayMs: 100 }, tools: { checkout: { error: 1 } } },
    );
    await chaos.run(() => tools.search.execute?.({ query: 'x' }, options));
    expect(chaos.clock.now()).toBe(100);
    await expect(chaos.run(() => tools.checkout.execute?.({}, options))).rejects.toMatchObject({ fault: 'tool.error', target: 'checkout' });
    expect(tools.ask.execute).toBeUndefined();
  });

  it('refuses an unknown tool.* rule when the plan is made', () => {
    expect(() => testScope({ plan: [{ fault: 'tool.crash' as 'tool.error', target: 'search', trigger: { on: 'every' } }] })).toThrow(
      /^Expected `fault` of fault plan rule #1 "tool.crash@search" to be one of .*tool.error, .*, got `"tool.crash"`$/,
    );
  });
});

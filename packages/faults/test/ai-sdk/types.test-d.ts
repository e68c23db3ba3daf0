import { describe, expectTypeOf, it } from 'vitest';
import { chaosMiddleware, chaosModel, chaosTool, chaosTools, retryMiddleware } from '../../src/ai-sdk.js';
import { MockLanguageModel } from './sdk.js';
import { generateText, jsonSchema, tool, wrapLanguageModel } from './sdk.js';

const search = tool({
  description: 'search',
  inputSchema: jsonSchema<{ query: string }>({ type: 'object', properties: { query: { type: 'string' } }, required: ['query'] }),
  execute: async ({ query }) => ({ query, results: [] as string[] }),
});

describe('the types users see, on the installed AI SDK', () => {
  it("fits the SDK's wrapLanguageModel, alone or with the retry middleware", () => {
    const model = wrapLanguageModel({ model: new MockLanguageModel(), middleware: [retryMiddleware(), chaosMiddleware({ rateLimit: 0.1 })] });
    expectTypeOf(generateText).toBeCallableWith({ model, prompt: 'hi', maxRetries: 0 });
  });

  it('gives back the model and the tools with their own types', () => {
    const base = new MockLanguageModel();
    expectTypeOf(chaosModel(base, { streamCut: 0.1 })).toEqualTypeOf<typeof base>();
    expectTypeOf(chaosTool(search, { target: 'search', timeout: 0.1 })).toEqualTypeOf<typeof search>();
    const tools = chaosTools({ search }, { tools: { search: { empty: 0.5 } } });
    expectTypeOf(tools.search).toEqualTypeOf<typeof search>();
    expectTypeOf(generateText).toBeCallableWith({ model: chaosModel(base), prompt: 'hi', tools });
  });

  it('refuses unknown faults and tool names at compile time', () => {
    // @ts-expect-error — a tool fault is not a model fault
    chaosMiddleware({ mutate: 0.1 });
    // @ts-expect-error — `tools` names tools of the set
    chaosTools({ search }, { tools: { serch: { error: 1 } } });
  });
});

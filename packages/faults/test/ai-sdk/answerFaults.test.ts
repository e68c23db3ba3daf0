import { describe, expect, it } from 'vitest';
import { chaosModel } from '../../src/ai-sdk.js';
import { testScope } from '../helpers.js';
import { type Turn, fixedModel, readAll } from './script.js';
import { generateObject, generateText, jsonSchema, streamObject, streamText, tool } from './sdk.js';

const answer = 'The blue mug costs $19.99 and ships from Paris in 3 days.';

/** The same call, generated and streamed, through the same options and seed. */
async function both(turn: Turn, options: Parameters<typeof chaosModel>[1], seed = 'answer-seed') {
  const generated = testScope({ seed });
  const streamed = testScope({ seed });
  const generate = await generated.run(() => generateText({ model: chaosModel(fixedModel(turn), options), prompt: 'q', maxRetries: 0 }));
  const stream = await streamed.run(async () => {
    const result = streamText({ model: chaosModel(fixedModel(turn), options), prompt: 'q', maxRetries: 0, onError: () => undefined });
    const parts = await readAll(result.fullStream);
    return { parts, text: await result.text, finishReason: await result.finishReason, toolCalls: await result.toolCalls };
  });
  const streamedText = stream.parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');
  return { generate, stream, streamedText, generated, streamed };
}

describe('hallucination', () => {
  it('alters the text the same way generated and streamed, and the streamed deltas add up to the final text', async () => {
    const { generate, stream, streamedText, generated, streamed } = await both({ text: answer }, { hallucination: 1 });
    expect(generate.text).not.toBe(answer);
    expect(stream.text).toBe(generate.text);
    expect(streamedText).toBe(stream.text);
    const event = generated.faults()[0];
    expect(event).toMatchObject({ fault: 'model.hallucination', details: { element: 'text', changed: true, before: answer, after: generate.text } });
    expect(streamed.faults()[0]?.details).toEqual(event?.details);
  });

  it('keeps the stream in as many deltas, along the original boundaries outside the edit', async () => {
    const { stream } = await both({ text: answer }, { hallucination: { probability: 1, strategy: 'claim' } });
    const deltas = stream.parts.filter((part) => part.type === 'text-delta');
    expect(deltas).toHaveLength(answer.split(' ').length);
    expect(stream.text.startsWith(answer)).toBe(true);
  });

  it('follows the strategy option', async () => {
    const { generate } = await both({ text: answer }, { hallucination: { probability: 1, strategy: 'number' } });
    expect(generate.text.replace(/[\d.]+/g, '#')).toBe(answer.replace(/[\d.]+/g, '#'));
  });

  it('alters a field of a generateObject result, which still parses and validates', async () => {
    const chaos = testScope({ seed: 'object' });
    const product = { name: 'Blue mug', price: 19.99, tags: ['kitchen', 'gift'] };
    const model = chaosModel(fixedModel({ text: JSON.stringify(product) }), { hallucination: { probability: 1, strategy: 'number' } });
    const schema = jsonSchema<{ name: string; price: number; tags: string[] }>({
      type: 'object',
      properties: { name: { type: 'string' }, price: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } },
      required: ['name', 'price', 'tags'],
    });
    const { object } = await chaos.run(() => generateObject({ model, schema, prompt: 'q', maxRetries: 0 }));
    expect(object.name).toBe(product.name);
    expect(object.tags).toEqual(product.tags);
    expect(object.price).not.toBe(product.price);
    expect(chaos.faults()[0]?.details).toMatchObject({ element: 'text', strategy: 'object:field', after: JSON.stringify(object) });
  });

  it('alters a streamObject result the same way as generateObject', async () => {
    const product = { name: 'Blue mug', price: 19.99 };
    const schema = jsonSchema<{ name: string; price: number }>({
      type: 'object',
      properties: { name: { type: 'string' }, price: { type: 'number' } },
      required: ['name', 'price'],
    });
    const options = { hallucination: { probability: 1, strategy: 'number' as const } };
    const generated = await testScope({ seed: 'obj' }).run(() =>
      generateObject({ model: chaosModel(fixedModel({ text: JSON.stringify(product) }), options), schema, prompt: 'q', maxRetries: 0 }),
    );
    const streamed = await testScope({ seed: 'obj' }).run(async () => {
      const result = streamObject({ model: chaosModel(fixedModel({ text: JSON.stringify(product) }), options), schema, prompt: 'q', maxRetries: 0 });
      await readAll(result.partialObjectStream);
      return result.object;
    });
    expect(streamed).toEqual(generated.object);
    expect(streamed.price).not.toBe(product.price);
  });

  it("alters a tool call's arguments when the answer is a tool call", async () => {
    const turn = { toolCalls: [{ toolName: 'lookup', input: { sku: 'MUG-BLUE', quantity: 3 } }] };
    const { generate, stream, generated } = await both(turn, { hallucination: { probability: 1, strategy: 'number' } });
    const input = generate.toolCalls[0]?.input as { sku: string; quantity: number };
    expect(input.sku).toBe('MUG-BLUE');
    expect(input.quantity).not.toBe(3);
    expect(stream.toolCalls[0]?.input).toEqual(input);
    expect(generated.faults()[0]?.details).toMatchObject({ element: 'tool-call', changed: true });
  });
});

describe('truncate', () => {
  it('cuts a generated text at keep and finishes with length', async () => {
    const { generate, generated } = await both({ text: answer }, { truncate: { probability: 1, keep: 0.5 } });
    expect(generate.finishReason).toBe('length');
    expect(answer.startsWith(generate.text)).toBe(true);
    expect(generate.text.length).toBeLessThanOrEqual(answer.length / 2);
    expect(generated.faults()[0]?.details).toMatchObject({ finishReason: 'length', keptChars: generate.text.length, changed: true });
  });

  it('stops a stream after afterChunks text deltas, closing the text and finishing with length', async () => {
    const { stream, streamed } = await both({ text: answer }, { truncate: { probability: 1, afterChunks: 3 } });
    expect(stream.text).toBe(answer.split(' ').slice(0, 3).join(' ') + ' ');
    expect(stream.finishReason).toBe('length');
    expect(stream.parts.filter((part) => part.type === 'text-end')).toHaveLength(1);
    expect(streamed.faults()[0]?.details).toMatchObject({ keptChunks: 3, changed: true });
  });

  it('halves the last delta of a stream shorter than afterChunks', async () => {
    const { stream } = await both({ text: ['Blue ', 'mug'] }, { truncate: { probability: 1, afterChunks: 5 } });
    expect(stream.text).toBe('Blue m');
    expect(stream.finishReason).toBe('length');
  });

  it('drops the tool calls after the cut', async () => {
    const turn = { text: answer, toolCalls: [{ toolName: 'lookup', input: { sku: 'MUG-1' } }] };
    const { generate, stream } = await both(turn, { truncate: { probability: 1, keep: 0.3, afterChunks: 2 } });
    expect(generate.toolCalls).toEqual([]);
    expect(stream.toolCalls).toEqual([]);
  });
});

describe('contentFilter as finish', () => {
  it('stops the answer early with finish reason content-filter', async () => {
    const { generate, stream } = await both({ text: answer }, { contentFilter: { probability: 1, as: 'finish' } });
    expect(generate.finishReason).toBe('content-filter');
    expect(stream.finishReason).toBe('content-filter');
    expect(answer.startsWith(stream.text)).toBe(true);
  });
});

describe('emptyResponse', () => {
  it('leaves no text and no tool call, generated or streamed', async () => {
    const turn = { text: answer, toolCalls: [{ toolName: 'lookup', input: { sku: 'MUG-1' } }] };
    const { generate, stream, generated } = await both(turn, { emptyResponse: 1 });
    expect(generate.text).toBe('');
    expect(generate.toolCalls).toEqual([]);
    expect(generate.finishReason).toBe('stop');
    expect(stream.text).toBe('');
    expect(stream.toolCalls).toEqual([]);
    expect(stream.finishReason).toBe('stop');
    expect(generated.faults()[0]).toMatchObject({ fault: 'model.emptyResponse', details: { droppedParts: 2, changed: true } });
  });

  it('makes generateObject fail as it does on an empty answer', async () => {
    const chaos = testScope();
    const model = chaosModel(fixedModel({ text: '{"a":1}' }), { emptyResponse: 1 });
    const schema = jsonSchema<{ a: number }>({ type: 'object', properties: { a: { type: 'number' } }, required: ['a'] });
    const error = await chaos.run(() => generateObject({ model, schema, prompt: 'q', maxRetries: 0 })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AI_NoObjectGeneratedError' });
  });
});

describe('malformedToolCall', () => {
  // The schema validates its input as zod or valibot would: a call without `sku` fails.
  const lookup = tool({
    description: 'Looks a product up',
    inputSchema: jsonSchema<{ sku: string; quantity: number }>(
      { type: 'object', properties: { sku: { type: 'string' }, quantity: { type: 'number' } }, required: ['sku'] },
      {
        validate: (value) =>
          typeof (value as { sku?: unknown }).sku === 'string'
            ? { success: true, value: value as { sku: string; quantity: number } }
            : { success: false, error: new Error('sku is required') },
      },
    ),
    execute: async ({ sku }) => ({ sku, price: 19.99 }),
  });
  const turn = { toolCalls: [{ toolName: 'lookup', input: { sku: 'MUG-1', quantity: 2 } }] };

  it.each([
    ['invalidJson', 'AI_InvalidToolInputError'],
    ['missingField', 'AI_InvalidToolInputError'],
    ['unknownTool', 'AI_NoSuchToolError'],
  ] as const)('%s: the SDK marks the call invalid (%s) and runs no tool, generated and streamed', async (damage, errorName) => {
    const seed = `malformed-${damage}`;
    const run = async (streamed: boolean) => {
      const chaos = testScope({ seed });
      const model = chaosModel(fixedModel(turn), { malformedToolCall: { probability: 1, damage } });
      const content = await chaos.run(async () => {
        if (!streamed) return (await generateText({ model, prompt: 'q', tools: { lookup }, maxRetries: 0 })).content;
        const result = streamText({ model, prompt: 'q', tools: { lookup }, maxRetries: 0, onError: () => undefined });
        return result.content;
      });
      return { content, chaos };
    };
    for (const streamed of [false, true]) {
      const { content, chaos } = await run(streamed);
      const call = content.find((part) => part.type === 'tool-call') as { invalid?: boolean; error?: { name: string } } | undefined;
      expect(call).toMatchObject({ invalid: true, error: { name: errorName } });
      expect(content.some((part) => part.type === 'tool-error')).toBe(true);
      expect(content.some((part) => part.type === 'tool-result')).toBe(false);
      expect(chaos.faults()[0]).toMatchObject({ fault: 'model.malformedToolCall', details: { damage, changed: true } });
    }
  });

  it('leaves out a required field when the schema has one', async () => {
    const chaos = testScope();
    const model = chaosModel(fixedModel(turn), { malformedToolCall: { probability: 1, damage: 'missingField' } });
    await chaos.run(() => generateText({ model, prompt: 'q', tools: { lookup }, maxRetries: 0 }));
    expect(chaos.faults()[0]?.details).toMatchObject({ after: { toolName: 'lookup', input: '{"quantity":2}' } });
  });

  it('reports an answer without a tool call as unchanged', async () => {
    const chaos = testScope();
    const model = chaosModel(fixedModel({ text: answer }), { malformedToolCall: 1 });
    const result = await chaos.run(() => generateText({ model, prompt: 'q', maxRetries: 0 }));
    expect(result.text).toBe(answer);
    expect(chaos.faults()[0]?.details).toMatchObject({ changed: false });
  });
});

import { describe, expect, it } from 'vitest';
import { chaosModel } from '../../src/ai-sdk.js';
import { testScope } from '../helpers.js';
import { fixedModel, readAll } from './script.js';
import { APICallError, generateText, streamText } from './sdk.js';

const sentence = 'one two three four five six seven eight nine ten';
const words = sentence.split(' ').map((word, i, all) => (i < all.length - 1 ? `${word} ` : word));

/** Streams `sentence` through `options`; what the caller sees, timed on the scope clock. */
async function stream(options: Parameters<typeof chaosModel>[1], seed = 'test-seed') {
  const chaos = testScope({ seed });
  const model = chaosModel(fixedModel({ text: words }), options);
  const errors: unknown[] = [];
  const deltaTimes: number[] = [];
  let thrown: unknown;
  const parts = await chaos.run(async () => {
    const result = streamText({ model, prompt: 'count', maxRetries: 0, onError: ({ error }) => void errors.push(error) });
    const seen = [];
    try {
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') deltaTimes.push(chaos.clock.now());
        seen.push(part);
      }
    } catch (error: unknown) {
      thrown = error;
    }
    return seen;
  });
  const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.text] : [])).join('');
  const finish = parts.find((part) => part.type === 'finish');
  return { chaos, parts, text, errors, deltaTimes, finish, thrown };
}

describe('slowFirstToken', () => {
  it('waits delayMs on the scope clock before the first part, then streams at full speed', async () => {
    const { deltaTimes, text, chaos } = await stream({ slowFirstToken: { probability: 1, delayMs: 1200 } });
    expect(text).toBe(sentence);
    expect(deltaTimes.every((time) => time === 1200)).toBe(true);
    expect(chaos.faults()).toEqual([expect.objectContaining({ fault: 'model.slowFirstToken', at: 0, details: expect.objectContaining({ delayMs: 1200 }) })]);
  });

  it('delays a generateText answer as a whole', async () => {
    const chaos = testScope();
    const model = chaosModel(fixedModel({ text: 'ok' }), { slowFirstToken: { probability: 1, delayMs: 300, jitterMs: 100 } });
    const result = await chaos.run(() => generateText({ model, prompt: 'x', maxRetries: 0 }));
    expect(result.text).toBe('ok');
    const delayMs = chaos.faults()[0]?.details['delayMs'] as number;
    expect(delayMs).toBeGreaterThanOrEqual(200);
    expect(delayMs).toBeLessThanOrEqual(400);
    expect(chaos.clock.now()).toBe(delayMs);
  });
});

describe('slowTokens', () => {
  it('waits delayMs before each delta, and reports the total when the stream ends', async () => {
    const { deltaTimes, text, chaos } = await stream({ slowTokens: { probability: 1, delayMs: 80 } });
    expect(text).toBe(sentence);
    expect(deltaTimes).toEqual(words.map((_, i) => (i + 1) * 80));
    expect(chaos.faults()).toEqual([
      expect.objectContaining({
        fault: 'model.slowTokens',
        at: 800,
        details: expect.objectContaining({ delayMs: 80, delayedChunks: 10, totalDelayMs: 800, changed: true }),
      }),
    ]);
  });

  it('is never drawn for a generateText call', async () => {
    const chaos = testScope();
    const model = chaosModel(fixedModel({ text: 'ok' }), { slowTokens: 1 });
    await chaos.run(() => generateText({ model, prompt: 'x', maxRetries: 0 }));
    expect(chaos.faults()).toEqual([]);
    expect(chaos.draws.get('model.slowTokens:mock-model-id')).toBeUndefined();
  });
});

describe('streamCut', () => {
  it("as 'error': an error part after afterChunks deltas, then the stream ends", async () => {
    const { text, errors, chaos, parts } = await stream({ streamCut: { probability: 1, afterChunks: 4 } });
    expect(text).toBe(words.slice(0, 4).join(''));
    expect(errors).toHaveLength(1);
    expect(APICallError.isInstance(errors[0])).toBe(true);
    expect(errors[0]).toMatchObject({ statusCode: 500, isRetryable: true });
    expect(parts.filter((part) => part.type === 'error')).toHaveLength(1);
    expect(chaos.faults()).toEqual([
      expect.objectContaining({ fault: 'model.streamCut', details: expect.objectContaining({ mode: 'error', afterChunks: 4, deliveredChunks: 4, changed: true }) }),
    ]);
  });

  it("as 'drop': the stream fails as a reset connection", async () => {
    const { text, thrown } = await stream({ streamCut: { probability: 1, afterChunks: 2, mode: 'drop' } });
    expect(text).toBe(words.slice(0, 2).join(''));
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).toMatchObject({ message: 'terminated', cause: { code: 'UND_ERR_SOCKET' } });
  });

  it("as 'hang': a dead stream until timeoutSeconds on the scope clock, then the reset", async () => {
    const { text, thrown, chaos } = await stream({ streamCut: { probability: 1, afterChunks: 3, mode: 'hang', timeoutSeconds: 20 } });
    expect(text).toBe(words.slice(0, 3).join(''));
    expect(chaos.clock.now()).toBe(20_000);
    expect(thrown).toMatchObject({ message: 'terminated' });
  });

  it("as 'hang': ends when the caller's own deadline on the scope clock aborts the call", async () => {
    const chaos = testScope();
    const model = chaosModel(fixedModel({ text: words }), { streamCut: { probability: 1, afterChunks: 1, mode: 'hang' } });
    const controller = new AbortController();
    const reason = new Error('deadline');
    const seen: string[] = [];
    const thrown = await chaos.run(async () => {
      void chaos.clock.sleep(5000).then(() => controller.abort(reason));
      const result = streamText({ model, prompt: 'count', maxRetries: 0, abortSignal: controller.signal, onError: () => undefined });
      try {
        for await (const part of result.fullStream) seen.push(part.type);
      } catch (error: unknown) {
        return error;
      }
      return undefined;
    });
    // AI SDK 6 throws the reason from the stream; AI SDK 7 ends it with an `abort` part.
    expect(thrown === reason || (thrown === undefined && seen.at(-1) === 'abort')).toBe(true);
    expect(seen.filter((type) => type === 'text-delta')).toHaveLength(1);
    expect(chaos.clock.now()).toBe(5000);
    expect(chaos.clock.pendingTimers).toBe(0);
    expect(chaos.faults()[0]).toMatchObject({ fault: 'model.streamCut', at: 0, details: { mode: 'hang', changed: true } });
  });

  it('cuts before the finish when the answer is shorter than afterChunks', async () => {
    const { text, errors, finish } = await stream({ streamCut: { probability: 1, afterChunks: 50 } });
    expect(text).toBe(sentence);
    expect(errors).toHaveLength(1);
    expect(finish).toMatchObject({ finishReason: 'error' });
  });

  it('draws afterChunks from 1-8 when left out, the same for the same seed', async () => {
    const first = await stream({ streamCut: 1 }, 'cut-seed');
    const again = await stream({ streamCut: 1 }, 'cut-seed');
    const cutAfter = first.chaos.faults()[0]?.details['afterChunks'] as number;
    expect(cutAfter).toBeGreaterThanOrEqual(1);
    expect(cutAfter).toBeLessThanOrEqual(8);
    expect(again.text).toBe(first.text);
    expect(first.text).toBe(words.slice(0, cutAfter).join(''));
  });
});

describe('corruptChunks', () => {
  it('garbles, drops or repeats text deltas, and reports each change', async () => {
    const { text, chaos } = await stream({ corruptChunks: { probability: 1, rate: 1 } }, 'corrupt');
    const details = chaos.faults()[0]?.details as { damaged: number; changes: { chunk: number; damage: string; after: string | null }[] };
    expect(details.damaged).toBe(10);
    const rebuilt = details.changes.map((change) => change.after ?? '').join('');
    expect(text).toBe(rebuilt);
    expect(new Set(details.changes.map((change) => change.damage)).size).toBeGreaterThan(1);
  });

  it('garbles with U+FFFD, as a bad decoder does, when asked for garble only', async () => {
    const { text } = await stream({ corruptChunks: { probability: 1, rate: 1, damage: 'garble' } });
    expect(text).toContain('\uFFFD');
    expect(text.length).toBe(sentence.length);
  });

  it('damages each delta with chance rate', async () => {
    const { chaos } = await stream({ corruptChunks: { probability: 1, rate: 0 } });
    expect(chaos.faults()[0]?.details).toMatchObject({ damaged: 0, changed: false, textChunks: 10 });
  });
});

/**
 * Models driven by a script: each call answers what the script says for its prompt,
 * as a `generate` result or as stream parts, with no timer and no network.
 */
import { MockLanguageModel } from './sdk.js';

type Part = { type: string; [key: string]: unknown };

/** One answer of a scripted model. */
export interface Turn {
  /** The answer's text, as the deltas it streams in (a string streams word by word). */
  readonly text?: string | readonly string[];
  /** Tool calls, each with its arguments as an object. */
  readonly toolCalls?: readonly { readonly toolName: string; readonly input: unknown; readonly id?: string }[];
}

export const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

function chunksOf(text: string | readonly string[]): readonly string[] {
  return typeof text === 'string' ? (text.match(/\S+\s*|\s+/g) ?? []) : text;
}

/** The `generate` result of a turn. */
export function generateResult(turn: Turn): Record<string, unknown> {
  const content: Part[] = [];
  if (turn.text !== undefined) content.push({ type: 'text', text: chunksOf(turn.text).join('') });
  for (const [i, call] of (turn.toolCalls ?? []).entries()) {
    content.push({ type: 'tool-call', toolCallId: call.id ?? `call-${i + 1}`, toolName: call.toolName, input: JSON.stringify(call.input) });
  }
  const toolCalls = turn.toolCalls !== undefined && turn.toolCalls.length > 0;
  return { content, finishReason: { unified: toolCalls ? 'tool-calls' : 'stop', raw: toolCalls ? 'tool_calls' : 'stop' }, usage, warnings: [] };
}

/** The stream parts of a turn, as a provider sends them. */
export function streamParts(turn: Turn): Part[] {
  const parts: Part[] = [{ type: 'stream-start', warnings: [] }, { type: 'response-metadata', id: 'resp-1', modelId: 'scripted', timestamp: new Date(0) }];
  if (turn.text !== undefined) {
    parts.push({ type: 'text-start', id: 't1' });
    for (const delta of chunksOf(turn.text)) parts.push({ type: 'text-delta', id: 't1', delta });
    parts.push({ type: 'text-end', id: 't1' });
  }
  for (const [i, call] of (turn.toolCalls ?? []).entries()) {
    const id = call.id ?? `call-${i + 1}`;
    const input = JSON.stringify(call.input);
    parts.push({ type: 'tool-input-start', id, toolName: call.toolName });
    for (let at = 0; at < input.length; at += 8) parts.push({ type: 'tool-input-delta', id, delta: input.slice(at, at + 8) });
    parts.push({ type: 'tool-input-end', id });
    parts.push({ type: 'tool-call', toolCallId: id, toolName: call.toolName, input });
  }
  const toolCalls = turn.toolCalls !== undefined && turn.toolCalls.length > 0;
  parts.push({ type: 'finish', finishReason: { unified: toolCalls ? 'tool-calls' : 'stop', raw: toolCalls ? 'tool_calls' : 'stop' }, usage });
  return parts;
}

/** A stream of `parts` with no timer: each part when it is read. */
export function streamOf<T>(parts: readonly T[]): ReadableStream<T> {
  let index = 0;
  return new ReadableStream<T>({
    pull(controller) {
      if (index < parts.length) controller.enqueue(parts[index++] as T);
      else controller.close();
    },
  });
}

/** A mock model that answers `script(prompt, call)` to every call, generated or streamed. */
export function scriptedModel(script: (prompt: readonly { role: string; content: unknown }[], call: number) => Turn, modelId = 'scripted-model') {
  let calls = 0;
  return new MockLanguageModel({
    modelId,
    doGenerate: async (options) => generateResult(script(options.prompt as never, ++calls)) as never,
    doStream: async (options) => ({ stream: streamOf(streamParts(script(options.prompt as never, ++calls))) }) as never,
  });
}

/** A mock model that always gives the same answer. */
export function fixedModel(turn: Turn, modelId = 'mock-model-id') {
  return scriptedModel(() => turn, modelId);
}

/** Reads a whole stream. */
export async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const parts: T[] = [];
  for await (const part of stream as unknown as AsyncIterable<T>) parts.push(part);
  return parts;
}

/**
 * The language model behind the demo's copy agent: the AI SDK's own mock model
 * (`MockLanguageModelV3` of `ai/test`) driven by a deterministic script, so the agent
 * runs offline, instantly and reproducibly — and meets every fault a hosted model
 * would, through `@chaos/faults/ai-sdk`.
 *
 * The script behaves as a careful copywriter model: given a brief that lists products
 * (`- Name at $price`), it first asks the `lookupPrices` tool for their live campaign
 * prices; given the tool's answer, it writes a headline and one line per product at
 * the price the tool gave. When the tool failed, it asks the tool again.
 */
import { MockLanguageModelV3 } from 'ai/test';
import { copyLine, headlineFor } from '../model.js';

/** The id the model reports: the target of `model.<fault>` plan rules, and the agent its faults are recorded for. */
export const MODEL_ID = 'model';

/** The tool the model asks for prices. */
export const PRICE_TOOL = 'lookupPrices';

/** One answer of the script: text, or a call of the price tool. */
type Turn = { readonly text: string } | { readonly prices: readonly string[] };

type Part = { readonly type: string; readonly [key: string]: unknown };

interface PromptMessage {
  readonly role: string;
  readonly content: string | readonly { readonly type: string; readonly text?: string; readonly output?: { readonly type: string; readonly value?: unknown } }[];
}

const usage = {
  inputTokens: { total: 40, noCache: 40, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 60, text: 60, reasoning: undefined },
};

/** The products of a brief, as its `- Name at $price` lines state them. */
export function briefProducts(brief: string): { readonly name: string; readonly price: string }[] {
  return brief
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => {
      const at = line.lastIndexOf(' at ');
      return at < 0 ? { name: line.slice(2), price: '' } : { name: line.slice(2, at), price: line.slice(at + 4) };
    });
}

/** The campaign copy for `products` at `prices` (by name): a headline, then one line each. */
export function campaignCopy(products: readonly { readonly name: string; readonly price: string }[], prices: Readonly<Record<string, unknown>>): string {
  const lines = products.map((p) => copyLine(`${p.name} at ${typeof prices[p.name] === 'string' ? (prices[p.name] as string) : p.price}`));
  return [headlineFor(products.length), ...lines].join('\n');
}

function briefOf(prompt: readonly PromptMessage[]): string {
  const user = prompt.find((m) => m.role === 'user');
  if (user === undefined) return '';
  return typeof user.content === 'string' ? user.content : user.content.map((part) => part.text ?? '').join('');
}

/** What the script answers to a prompt. */
function answer(prompt: readonly PromptMessage[]): Turn {
  const products = briefProducts(briefOf(prompt));
  const last = prompt.at(-1);
  const result = last?.role === 'tool' && typeof last.content !== 'string' ? last.content.at(-1)?.output : undefined;
  // No tool answer yet, or the tool failed: ask it (again).
  if (result === undefined || result.type.startsWith('error')) return { prices: products.map((p) => p.name) };
  const value = (result.value ?? {}) as { prices?: Record<string, unknown> };
  return { text: campaignCopy(products, value.prices ?? {}) };
}

/**
 * The deltas the text streams in: a line at a time (with its newline). A provider
 * streams tokens; lines keep the campaign's streams short, which is what they cost.
 */
function deltas(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function finishOf(turn: Turn): { unified: string; raw: string } {
  return 'text' in turn ? { unified: 'stop', raw: 'stop' } : { unified: 'tool-calls', raw: 'tool_calls' };
}

function generated(turn: Turn, call: number): Record<string, unknown> {
  const content =
    'text' in turn
      ? [{ type: 'text', text: turn.text }]
      : [{ type: 'tool-call', toolCallId: `call-${call}`, toolName: PRICE_TOOL, input: JSON.stringify({ products: turn.prices }) }];
  return { content, finishReason: finishOf(turn), usage, warnings: [] };
}

function streamed(turn: Turn, call: number): Part[] {
  const parts: Part[] = [{ type: 'stream-start', warnings: [] }, { type: 'response-metadata', id: `resp-${call}`, modelId: MODEL_ID, timestamp: new Date(0) }];
  if ('text' in turn) {
    parts.push({ type: 'text-start', id: 't1' });
    for (const delta of deltas(turn.text)) parts.push({ type: 'text-delta', id: 't1', delta });
    parts.push({ type: 'text-end', id: 't1' });
  } else {
    const id = `call-${call}`;
    const input = JSON.stringify({ products: turn.prices });
    parts.push({ type: 'tool-input-start', id, toolName: PRICE_TOOL });
    for (let at = 0; at < input.length; at += 64) parts.push({ type: 'tool-input-delta', id, delta: input.slice(at, at + 64) });
    parts.push({ type: 'tool-input-end', id }, { type: 'tool-call', toolCallId: id, toolName: PRICE_TOOL, input });
  }
  parts.push({ type: 'finish', finishReason: finishOf(turn), usage });
  return parts;
}

/** A stream with no timer: each part as it is read. */
function streamOf(parts: readonly Part[]): ReadableStream<Part> {
  let index = 0;
  return new ReadableStream<Part>({
    pull(controller) {
      if (index < parts.length) controller.enqueue(parts[index++] as Part);
      else controller.close();
    },
  });
}

/** A fresh scripted model (one per agent: its call numbers name its tool calls). */
export function scriptedLlm(): MockLanguageModelV3 {
  let calls = 0;
  return new MockLanguageModelV3({
    provider: 'demo-script',
    modelId: MODEL_ID,
    doGenerate: async (options) => generated(answer(options.prompt as unknown as PromptMessage[]), ++calls) as never,
    doStream: async (options) => ({ stream: streamOf(streamed(answer(options.prompt as unknown as PromptMessage[]), ++calls)) }) as never,
  });
}

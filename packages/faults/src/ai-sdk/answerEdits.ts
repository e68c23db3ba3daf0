import { type HallucinationResult, type HallucinationStrategy, type Hallucinator, type RandomSource, type ToolCallDamage, formatValue } from '@chaos/config';
import { isPlainObject } from '../corruption/deepCopy.js';
import { defaultHallucinator } from '../hallucination/hallucinate.js';

/*
 * What the answer faults do to a text or a tool call, the same for `generate` results
 * and streams, so a streamed answer and a generated one suffer the same fault alike.
 */

/** A part of a result or a stream, as far as these faults look into it. */
export type Part = { readonly type: string; readonly [key: string]: unknown };

/** The finish reason of the current specifications (`{ unified, raw }`). */
export function finishReason(unified: 'length' | 'content-filter' | 'stop'): { unified: string; raw: string } {
  return { unified, raw: unified === 'content-filter' ? 'content_filter' : unified };
}

/** Kept part of `text` at `keep` (0..1), ending at a word boundary when there is one. */
export function truncateText(text: string, keep: number): string {
  const cut = Math.max(1, Math.floor(text.length * keep));
  const space = text.lastIndexOf(' ', cut);
  return (space > 0 ? text.slice(0, space) : text.slice(0, cut)).trimEnd();
}

/** The fraction of text a cut keeps when the options do not say: in [0.25, 0.75). */
export function drawKeep(random: RandomSource): number {
  return 0.25 + random.next() * 0.5;
}

/** The deltas before a stream cut when the options do not say: 1–8. */
export function drawAfterChunks(random: RandomSource): number {
  return 1 + random.nextInt(8);
}

/** What `hallucinateAnswer` did, for the fault event. */
export interface AnswerHallucination {
  readonly text: string;
  readonly strategy: string;
  readonly description: string;
  readonly changed: boolean;
}

/**
 * A plausible but wrong version of an answer. `json`: the text is parsed and the value
 * altered (a field of an object, an element of an array), then written back; text that
 * does not parse is altered as text.
 *
 * @throws `TypeError` when a custom `hallucinate` returns something else than a result
 */
export function hallucinateAnswer(
  text: string,
  json: boolean,
  random: RandomSource,
  hallucinate: Hallucinator | undefined,
  strategy: readonly HallucinationStrategy[] | undefined,
): AnswerHallucination {
  let value: unknown = text;
  let parsed = false;
  if (json) {
    try {
      value = JSON.parse(text);
      parsed = true;
    } catch {
      // Not JSON after all: the text is altered as text.
    }
  }
  const result: HallucinationResult = (hallucinate ?? defaultHallucinator)(value, random, strategy);
  if (typeof result !== 'object' || result === null || typeof result.strategy !== 'string') {
    throw new TypeError(`Expected \`hallucinate\` to return { value, strategy, description }, got \`${formatValue(result)}\``);
  }
  const altered = parsed ? JSON.stringify(result.value) : String(result.value);
  return { text: altered, strategy: result.strategy, description: result.description, changed: altered !== text };
}

/**
 * Splits `after` (an edit of `before`) into as many pieces as `before` was split into,
 * along the same boundaries outside the edited middle: the stream keeps its shape and
 * the pieces concatenate to `after`. A piece may be empty (its text was cut out).
 */
export function resplit(before: readonly string[], after: string): string[] {
  const whole = before.join('');
  const limit = Math.min(whole.length, after.length);
  let prefix = 0;
  while (prefix < limit && whole[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && whole[whole.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const shift = after.length - whole.length;
  const pieces: string[] = [];
  let start = 0;
  let boundary = 0;
  for (let i = 0; i < before.length; i++) {
    boundary += (before[i] as string).length;
    // Inner boundaries keep their place before the edit, move with the text after it,
    // and those inside the edit go to its end: the edit lands in one piece.
    const end = i === before.length - 1 ? after.length : boundary <= prefix ? boundary : boundary >= whole.length - suffix ? boundary + shift : after.length - suffix;
    pieces.push(after.slice(start, Math.max(start, end)));
    start = Math.max(start, end);
  }
  return pieces;
}

/** A tool the request offered, as far as a tool-call fault needs it. */
interface OfferedTool {
  readonly name?: unknown;
  readonly inputSchema?: unknown;
}

/** What `malformToolCall` did. */
export interface ToolCallMalformation {
  readonly toolName: string;
  readonly input: string;
  readonly damage: ToolCallDamage;
  readonly description: string;
}

function requiredFields(tools: readonly OfferedTool[], toolName: string): string[] {
  const schema = tools.find((tool) => tool.name === toolName)?.inputSchema;
  const required = isPlainObject(schema) ? schema['required'] : undefined;
  return Array.isArray(required) ? required.filter((field): field is string => typeof field === 'string') : [];
}

function parseObject(input: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(input);
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Breaks a tool call the way models do: arguments cut off mid-JSON, a required field
 * left out (a field the tool's schema requires, else any), or a tool name the request
 * never offered. The damage is drawn among `allowed` that apply.
 */
export function malformToolCall(
  toolName: string,
  input: string,
  tools: readonly OfferedTool[],
  allowed: readonly ToolCallDamage[],
  random: RandomSource,
): ToolCallMalformation {
  const object = parseObject(input);
  const fields = object === undefined ? [] : Object.keys(object);
  const applicable = allowed.filter((damage) => damage !== 'missingField' || fields.length > 0);
  const damage = applicable.length === 0 ? 'invalidJson' : random.pick(applicable);
  if (damage === 'missingField' && object !== undefined) {
    const required = requiredFields(tools, toolName).filter((field) => fields.includes(field));
    const field = random.pick(required.length > 0 ? required : fields);
    const { [field]: _left, ...rest } = object;
    return { toolName, input: JSON.stringify(rest), damage, description: `left out field ${JSON.stringify(field)} of ${toolName}` };
  }
  if (damage === 'unknownTool') {
    const offered = new Set(tools.map((tool) => tool.name));
    const candidates = [`${toolName}V2`, `get_${toolName}`, `${toolName}_tool`, `${toolName}_lookup`].filter((name) => !offered.has(name));
    const name = random.pick(candidates.length > 0 ? candidates : [`${toolName}_${random.nextInt(1_000_000)}`]);
    return { toolName: name, input, damage, description: `called unknown tool ${JSON.stringify(name)} instead of ${JSON.stringify(toolName)}` };
  }
  // Cut where a model runs out: before the end, so the JSON never closes.
  let broken = input.slice(0, Math.max(1, Math.floor(input.length * (0.4 + random.next() * 0.4))));
  if (isJson(broken)) broken = `${broken}{`;
  return { toolName, input: broken, damage: 'invalidJson', description: `cut the arguments of ${toolName} to ${JSON.stringify(broken)}` };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const EVERY_DAMAGE: readonly ToolCallDamage[] = ['invalidJson', 'missingField', 'unknownTool'];

/** The damages allowed by the settings (`damage`), every one when left out. */
export function allowedDamage(settings: Readonly<Record<string, unknown>>): readonly ToolCallDamage[] {
  return (settings['damage'] as readonly ToolCallDamage[] | undefined) ?? EVERY_DAMAGE;
}

/** The tools a call offered (`params.tools`), or none. */
export function offeredTools(params: { readonly tools?: unknown }): readonly OfferedTool[] {
  return Array.isArray(params.tools) ? (params.tools as OfferedTool[]) : [];
}

/** True when the call asked for JSON (`generateObject`, structured output). */
export function wantsJson(params: { readonly responseFormat?: unknown }): boolean {
  return (params.responseFormat as { type?: unknown } | undefined)?.type === 'json';
}

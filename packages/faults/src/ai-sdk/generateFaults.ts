import type { ChaosRuntime, HallucinationStrategy, Hallucinator } from '@chaos/config';
import type { FaultDecider, FiredFault } from './_internals/FaultDecider.js';
import {
  type Part,
  allowedDamage,
  drawKeep,
  finishReason,
  hallucinateAnswer,
  malformToolCall,
  offeredTools,
  truncateText,
  wantsJson,
} from './answerEdits.js';
import type { ModelFaultSpec } from './modelFaults.js';

/** A `generate` result, as far as the answer faults look into it. */
export interface GenerateResultLike {
  readonly content: readonly Part[];
  readonly finishReason: unknown;
  readonly structuredOutputText?: string;
}

/** The call the faults apply to. */
export interface AnswerContext {
  readonly runtime: ChaosRuntime;
  readonly decider: FaultDecider<ModelFaultSpec>;
  readonly params: { readonly tools?: unknown; readonly responseFormat?: unknown };
}

/** The faults that change what the model answers, in the order they apply. */
export const ANSWER_FAULTS = ['emptyResponse', 'truncate', 'contentFilter', 'hallucination', 'malformedToolCall'] as const;

/** True for a fired fault that changes the answer (a `contentFilter` only as `finish`). */
export function isAnswerFault(fired: FiredFault<ModelFaultSpec>): boolean {
  const name = fired.spec.name;
  if (name === 'contentFilter') return fired.settings['as'] === 'finish';
  return (ANSWER_FAULTS as readonly string[]).includes(name);
}

const isText = (part: Part): boolean => part.type === 'text' && typeof part['text'] === 'string' && part['text'] !== '';

/**
 * Applies the fired answer faults to a `generate` result. The model's result and its
 * parts are never mutated: changed ones are copies. Each fault emits its event.
 */
export function applyToGenerateResult<R extends GenerateResultLike>(context: AnswerContext, fired: readonly FiredFault<ModelFaultSpec>[], result: R): R {
  let current: GenerateResultLike = result;
  for (const name of ANSWER_FAULTS) {
    const fault = fired.find((candidate) => candidate.spec.name === name && isAnswerFault(candidate));
    if (fault !== undefined) current = applyOne(context, fault, current);
  }
  return current as R;
}

function applyOne(context: AnswerContext, fired: FiredFault<ModelFaultSpec>, result: GenerateResultLike): GenerateResultLike {
  const { runtime, decider } = context;
  const random = runtime.stream(fired.site.detailLabel);
  switch (fired.spec.name) {
    case 'emptyResponse': {
      decider.emit(runtime, fired, { droppedParts: result.content.length, changed: result.content.length > 0 });
      const { structuredOutputText: _dropped, ...rest } = result;
      return { ...rest, content: [], finishReason: finishReason('stop') };
    }
    case 'truncate':
    case 'contentFilter': {
      const reason = fired.spec.name === 'truncate' ? 'length' : 'content-filter';
      const keep = (fired.settings['keep'] as number | undefined) ?? drawKeep(random);
      const index = result.content.findIndex(isText);
      if (index < 0) {
        decider.emit(runtime, fired, { finishReason: reason, changed: false, reason: 'the answer has no text' });
        return { ...result, finishReason: finishReason(reason) };
      }
      const part = result.content[index] as Part;
      const text = part['text'] as string;
      const kept = truncateText(text, keep);
      decider.emit(runtime, fired, {
        finishReason: reason,
        keep,
        keptChars: kept.length,
        droppedChars: text.length - kept.length,
        droppedParts: result.content.length - index - 1,
        changed: true,
      });
      const content = [...result.content.slice(0, index), { ...part, text: kept }];
      const { structuredOutputText: _dropped, ...rest } = result;
      return { ...rest, content, finishReason: finishReason(reason) };
    }
    case 'hallucination':
      return hallucinateResult(context, fired, result, random);
    case 'malformedToolCall': {
      const index = result.content.findIndex((part) => part.type === 'tool-call');
      if (index < 0) {
        decider.emit(runtime, fired, { changed: false, reason: 'the answer has no tool call' });
        return result;
      }
      const part = result.content[index] as Part;
      const broken = malformToolCall(part['toolName'] as string, part['input'] as string, offeredTools(context.params), allowedDamage(fired.settings), random);
      decider.emit(runtime, fired, {
        toolCallId: part['toolCallId'],
        damage: broken.damage,
        description: broken.description,
        before: { toolName: part['toolName'], input: part['input'] },
        after: { toolName: broken.toolName, input: broken.input },
        changed: true,
      });
      const content = result.content.map((other, i) => (i === index ? { ...other, toolName: broken.toolName, input: broken.input } : other));
      return { ...result, content };
    }
    default:
      return result;
  }
}

/**
 * Alters the answer: the structured output when there is one, else the first text or
 * tool call, whichever comes first (a tool call's arguments are JSON).
 */
function hallucinateResult(
  context: AnswerContext,
  fired: FiredFault<ModelFaultSpec>,
  result: GenerateResultLike,
  random: ReturnType<ChaosRuntime['stream']>,
): GenerateResultLike {
  const { runtime, decider } = context;
  const hallucinate = fired.settings['hallucinate'] as Hallucinator | undefined;
  const strategy = fired.settings['strategy'] as readonly HallucinationStrategy[] | undefined;
  if (typeof result.structuredOutputText === 'string') {
    const altered = hallucinateAnswer(result.structuredOutputText, true, random, hallucinate, strategy);
    decider.emit(runtime, fired, { element: 'structuredOutputText', ...eventOf(altered, result.structuredOutputText) });
    return { ...result, structuredOutputText: altered.text };
  }
  const index = result.content.findIndex((part) => isText(part) || part.type === 'tool-call');
  if (index < 0) {
    decider.emit(runtime, fired, { changed: false, reason: 'the answer has no text and no tool call' });
    return result;
  }
  const part = result.content[index] as Part;
  const isTool = part.type === 'tool-call';
  const before = (isTool ? part['input'] : part['text']) as string;
  const altered = hallucinateAnswer(before, isTool || wantsJson(context.params), random, hallucinate, strategy);
  decider.emit(runtime, fired, { element: isTool ? 'tool-call' : 'text', ...eventOf(altered, before) });
  const content = result.content.map((other, i) => (i === index ? { ...other, [isTool ? 'input' : 'text']: altered.text } : other));
  return { ...result, content };
}

/** The details of a hallucination event. */
export function eventOf(altered: { text: string; strategy: string; description: string; changed: boolean }, before: string): Record<string, unknown> {
  return { strategy: altered.strategy, description: altered.description, changed: altered.changed, before, after: altered.text };
}

import type { HallucinationStrategy, Hallucinator } from '@chaos/config';
import {
  type Part,
  allowedDamage,
  drawAfterChunks,
  finishReason,
  hallucinateAnswer,
  malformToolCall,
  offeredTools,
  resplit,
  wantsJson,
} from '../answerEdits.js';
import { eventOf } from '../generateFaults.js';
import { CONTENT_PARTS, Stage } from './faultStream.js';

/*
 * The answer faults on a stream: what the model says. They change the same things as
 * on a `generate` result, part by part.
 */

/** `emptyResponse`: every content part is dropped; the stream still starts and finishes. */
export class EmptyResponseStage extends Stage {
  private dropped = 0;

  part(part: Part, out: Part[]): void {
    if (CONTENT_PARTS.has(part.type)) this.dropped++;
    else out.push(part.type === 'finish' ? { ...part, finishReason: finishReason('stop') } : part);
  }

  protected override summary(): Record<string, unknown> {
    return { droppedParts: this.dropped, changed: this.dropped > 0 };
  }
}

/**
 * `truncate` (finish reason `length`) and `contentFilter` as `finish` (finish reason
 * `content-filter`): the text stops after `afterChunks` deltas, and nothing of the
 * answer comes after. When the text is shorter, its last delta is cut in half: the
 * stage holds one delta (and what follows it) back until it knows another comes.
 */
export class TruncateStage extends Stage {
  private readonly afterChunks = this.setting<number>('afterChunks') ?? drawAfterChunks(this.random);
  private readonly reason = this.fired.spec.name === 'truncate' ? 'length' : 'content-filter';
  private passed = 0;
  private dropped = 0;
  private halved = false;
  private cut = false;
  private held: Part | undefined;
  private tail: Part[] = [];
  private readonly open = new Set<unknown>();

  part(part: Part, out: Part[]): void {
    if (this.cut) {
      if (part.type === 'finish') out.push(this.finished(part));
      else if (!CONTENT_PARTS.has(part.type)) out.push(part);
      else if (part.type === 'text-delta') this.dropped++;
      return;
    }
    if (part.type === 'text-delta') {
      if (this.held !== undefined) this.release(out);
      if (this.passed >= this.afterChunks) {
        this.dropped++;
        this.cutHere(out);
      } else {
        this.held = part;
      }
    } else if (part.type === 'finish') {
      this.cutShort(out);
      out.push(this.finished(part));
    } else if (this.held !== undefined) {
      this.tail.push(part);
    } else {
      this.pass(part, out);
    }
  }

  override end(out: Part[]): void {
    if (!this.cut) this.cutShort(out);
    super.end(out);
  }

  protected override summary(): Record<string, unknown> {
    return {
      finishReason: this.reason,
      afterChunks: this.afterChunks,
      keptChunks: this.passed,
      droppedChunks: this.dropped,
      halvedLastChunk: this.halved,
      changed: this.dropped > 0 || this.halved,
    };
  }

  private finished(part: Part): Part {
    return { ...part, finishReason: finishReason(this.reason) };
  }

  /** Passes a part on, keeping track of the text blocks left open. */
  private pass(part: Part, out: Part[]): void {
    if (part.type === 'text-start') this.open.add(part['id']);
    else if (part.type === 'text-end') this.open.delete(part['id']);
    out.push(part);
  }

  private release(out: Part[]): void {
    out.push(this.held as Part);
    this.passed++;
    this.held = undefined;
    for (const part of this.tail) this.pass(part, out);
    this.tail = [];
  }

  /** The answer was shorter than `afterChunks`: cut its last delta in half. */
  private cutShort(out: Part[]): void {
    const held = this.held;
    if (held !== undefined) {
      const delta = held['delta'] as string;
      const half = delta.slice(0, Math.floor(delta.length / 2));
      if (half !== '') out.push({ ...held, delta: half });
      this.halved = true;
      this.held = undefined;
    }
    this.cutHere(out);
    // What followed the held delta: the frame goes on, the content is gone.
    for (const part of this.tail) if (!CONTENT_PARTS.has(part.type)) out.push(part);
    this.tail = [];
  }

  private cutHere(out: Part[]): void {
    this.cut = true;
    for (const id of this.open) out.push({ type: 'text-end', id });
    this.open.clear();
  }
}

/**
 * Edits the answer's first text or tool call (whichever comes first), as on a
 * `generate` result. The edited block is held back until it ends, then delivered
 * along its original delta boundaries, so the streamed text and the final text agree;
 * a tool call's `tool-call` part carries the same arguments as its input deltas.
 */
abstract class AnswerEditStage extends Stage {
  private state: 'search' | 'text' | 'tool' | 'done' = 'search';
  private id: unknown;
  private toolName = '';
  private buffer: Part[] = [];
  private pieces: string[] = [];
  private replacement: { readonly id: unknown; readonly toolName: string; readonly input: string } | undefined;

  /** Whether a text block is the answer this stage edits (else only tool calls are). */
  protected abstract readonly editsText: boolean;
  /** The edited text (the stage reports). */
  protected abstract editText(text: string): string;
  /** The edited tool call (the stage reports). */
  protected abstract editToolCall(toolCallId: unknown, toolName: string, input: string): { toolName: string; input: string };

  part(part: Part, out: Part[]): void {
    if (this.state === 'text' || this.state === 'tool') {
      this.hold(part, out);
    } else if (this.state === 'done') {
      const replacement = this.replacement;
      if (replacement !== undefined && part.type === 'tool-call' && part['toolCallId'] === replacement.id) {
        out.push({ ...part, toolName: replacement.toolName, input: replacement.input });
        this.replacement = undefined;
      } else {
        out.push(part);
      }
    } else if (part.type === 'text-start' && this.editsText) {
      this.start('text', part);
    } else if (part.type === 'tool-input-start') {
      this.start('tool', part);
      this.toolName = part['toolName'] as string;
    } else if (part.type === 'tool-call') {
      this.state = 'done';
      const edited = this.editToolCall(part['toolCallId'], part['toolName'] as string, part['input'] as string);
      out.push({ ...part, ...edited });
    } else {
      out.push(part);
    }
  }

  override end(out: Part[]): void {
    // The source ended inside the block: it goes out as it came.
    out.push(...this.buffer);
    this.buffer = [];
    super.end(out);
  }

  protected override summary(): Record<string, unknown> {
    return { changed: false, reason: 'the answer had no text and no tool call' };
  }

  private start(state: 'text' | 'tool', part: Part): void {
    this.state = state;
    this.id = part['id'];
    this.buffer = [part];
    this.pieces = [];
  }

  private hold(part: Part, out: Part[]): void {
    const own = part['id'] === this.id;
    const deltaType = this.state === 'text' ? 'text-delta' : 'tool-input-delta';
    const endType = this.state === 'text' ? 'text-end' : 'tool-input-end';
    this.buffer.push(part);
    if (own && part.type === deltaType) this.pieces.push(part['delta'] as string);
    if (!own || part.type !== endType) return;
    const before = this.pieces.join('');
    const buffer = this.buffer;
    this.buffer = [];
    if (this.state === 'text' && before === '') {
      // An empty text block is not the answer: look further.
      this.state = 'search';
      out.push(...buffer);
      return;
    }
    if (this.state === 'text') {
      this.state = 'done';
      this.deliver(buffer, deltaType, resplit(this.pieces, this.editText(before)), out);
      return;
    }
    this.state = 'done';
    const edited = this.editToolCall(this.id, this.toolName, before);
    this.replacement = { id: this.id, ...edited };
    const rebuilt = buffer.map((held) => (held.type === 'tool-input-start' && held['id'] === this.id ? { ...held, toolName: edited.toolName } : held));
    // Arguments may be cut anywhere by the edit: they go out as one delta.
    this.deliver(rebuilt, deltaType, [edited.input, ...this.pieces.slice(1).map(() => '')], out);
  }

  /** The held block with its deltas replaced, in order, by `pieces` (empty ones left out). */
  private deliver(buffer: readonly Part[], deltaType: string, pieces: readonly string[], out: Part[]): void {
    let index = 0;
    for (const part of buffer) {
      if (part.type !== deltaType || part['id'] !== this.id) {
        out.push(part);
        continue;
      }
      const piece = pieces[index++] ?? '';
      if (piece !== '') out.push({ ...part, delta: piece });
    }
  }
}

/** `hallucination` on a stream: the answer's text, JSON object or tool arguments. */
export class HallucinationStage extends AnswerEditStage {
  protected readonly editsText = true;

  protected editText(text: string): string {
    return this.hallucinate('text', text, wantsJson(this.env.params));
  }

  protected editToolCall(_toolCallId: unknown, toolName: string, input: string): { toolName: string; input: string } {
    return { toolName, input: this.hallucinate('tool-call', input, true) };
  }

  private hallucinate(element: string, before: string, json: boolean): string {
    const altered = hallucinateAnswer(
      before,
      json,
      this.random,
      this.setting<Hallucinator>('hallucinate'),
      this.setting<readonly HallucinationStrategy[]>('strategy'),
    );
    this.report({ element, ...eventOf(altered, before) });
    return altered.text;
  }
}

/** `malformedToolCall` on a stream: the first tool call. */
export class MalformedToolCallStage extends AnswerEditStage {
  protected readonly editsText = false;

  protected editText(text: string): string {
    return text;
  }

  protected editToolCall(toolCallId: unknown, toolName: string, input: string): { toolName: string; input: string } {
    const broken = malformToolCall(toolName, input, offeredTools(this.env.params), allowedDamage(this.fired.settings), this.random);
    this.report({
      toolCallId,
      damage: broken.damage,
      description: broken.description,
      before: { toolName, input },
      after: { toolName: broken.toolName, input: broken.input },
      changed: true,
    });
    return { toolName: broken.toolName, input: broken.input };
  }

  protected override summary(): Record<string, unknown> {
    return { changed: false, reason: 'the answer had no tool call' };
  }
}

import type { RandomSource } from '@chaos/config';
import type { FiredFault } from '../_internals/FaultDecider.js';
import type { Part } from '../answerEdits.js';
import type { ErrorContext } from '../apiErrors.js';
import type { AnswerContext } from '../generateFaults.js';
import type { ModelFaultSpec } from '../modelFaults.js';

/** What the stages of one faulted stream share. */
export interface StreamEnv extends AnswerContext {
  /** The call's abort signal: every wait of a stage ends with it. */
  readonly signal: AbortSignal | undefined;
  readonly errorContext: ErrorContext;
  /** Set by a stage to end the stream once the current part's output is delivered. */
  closed: boolean;
}

/** The parts that carry the answer; the rest (`stream-start`, `finish`, …) frame it. */
export const CONTENT_PARTS: ReadonlySet<string> = new Set([
  'text-start',
  'text-delta',
  'text-end',
  'reasoning-start',
  'reasoning-delta',
  'reasoning-end',
  'reasoning-file',
  'tool-input-start',
  'tool-input-delta',
  'tool-input-end',
  'tool-call',
  'tool-result',
  'tool-approval-request',
  'file',
  'source',
  'custom',
]);

/** The parts a model streams token by token. */
export const DELTA_PARTS: ReadonlySet<string> = new Set(['text-delta', 'reasoning-delta', 'tool-input-delta']);

/**
 * One fault applied to a stream, part by part. It reports its fault event once: when
 * it has done its work (in `end`, or earlier where the effect is a moment, such as a
 * cut), or, if the stream ends first, with what it had done by then.
 */
export abstract class Stage {
  private reported = false;

  constructor(
    protected readonly env: StreamEnv,
    protected readonly fired: FiredFault<ModelFaultSpec>,
  ) {}

  /** Handles one part, pushing what goes on (nothing, the part, or other parts) to `out`. */
  abstract part(part: Part, out: Part[]): void | Promise<void>;

  /** The source ended: push what is still held, and report. */
  end(_out: Part[]): void | Promise<void> {
    this.report(this.summary());
  }

  /** The stream ended early (cut, cancelled or failed): report what was done. */
  settle(reason: string): void {
    this.report({ ...this.summary(), interrupted: reason });
  }

  /** The details of the fault event, as far as the stage got. */
  protected summary(): Record<string, unknown> {
    return {};
  }

  protected report(details: Record<string, unknown>): void {
    if (this.reported) return;
    this.reported = true;
    this.env.decider.emit(this.env.runtime, this.fired, details);
  }

  /** The fault's detail stream: jitter, cut points, damage. */
  protected get random(): RandomSource {
    return this.env.runtime.stream(this.fired.site.detailLabel);
  }

  protected setting<T>(name: string): T | undefined {
    return this.fired.settings[name] as T | undefined;
  }

  /** Waits `ms` on the scope's clock; rejects with the reason of the call's abort signal. */
  protected sleep(ms: number): Promise<void> {
    return this.env.runtime.clock.sleep(ms, this.env.signal);
  }
}

/**
 * Takes `part` through the stages from `index` on, depth first: each part a stage lets
 * through meets the later stages before the stage's next output does, so a wait or a
 * cut happens where that part is, as it would on the wire. Stops once a stage closed
 * the stream.
 */
async function through(stages: readonly Stage[], index: number, part: Part, env: StreamEnv, out: Part[]): Promise<void> {
  if (index === stages.length) {
    out.push(part);
    return;
  }
  // Once closed, no stage takes a part; what the closing stage released still goes out.
  if (env.closed) return;
  const next: Part[] = [];
  const pending = (stages[index] as Stage).part(part, next);
  if (pending !== undefined) await pending;
  for (const released of next) await through(stages, index + 1, released, env, out);
}

/** Ends each stage in turn; what a stage releases at its end goes through the later ones. */
async function endStages(stages: readonly Stage[], env: StreamEnv, out: Part[]): Promise<void> {
  for (let index = 0; index < stages.length && !env.closed; index++) {
    const released: Part[] = [];
    const pending = (stages[index] as Stage).end(released);
    if (pending !== undefined) await pending;
    for (const part of released) await through(stages, index + 1, part, env, out);
  }
}

function ignore(): void {}

/**
 * The model's stream as the caller sees it through the fired stream faults: a new
 * stream that pulls the source part by part through `stages`. Cancelling it cancels
 * the source; a failing source fails it; no event is lost either way.
 */
export function faultStream(source: ReadableStream<Part>, stages: readonly Stage[], env: StreamEnv): ReadableStream<Part> {
  const reader = source.getReader();
  let over = false;
  const settle = (reason: string): void => {
    for (const stage of stages) stage.settle(reason);
  };
  return new ReadableStream<Part>({
    async pull(controller) {
      try {
        for (;;) {
          if (over) return;
          const next = await reader.read();
          const out: Part[] = [];
          if (next.done) await endStages(stages, env, out);
          else await through(stages, 0, next.value, env, out);
          if (over) return;
          for (const part of out) controller.enqueue(part);
          if (next.done || env.closed) {
            over = true;
            if (!next.done) {
              settle('the stream was cut');
              reader.cancel().catch(ignore);
            }
            controller.close();
            return;
          }
          if (out.length > 0) return;
        }
      } catch (error: unknown) {
        if (over) return;
        over = true;
        settle('the stream failed');
        reader.cancel(error).catch(ignore);
        controller.error(error);
      }
    },
    cancel(reason) {
      if (over) return undefined;
      over = true;
      settle('the reader cancelled the stream');
      return reader.cancel(reason);
    },
  });
}

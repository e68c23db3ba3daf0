import { type Part, drawAfterChunks } from '../answerEdits.js';
import { apiError, connectionResetError } from '../apiErrors.js';
import type { ChunkDamage, StreamCutMode } from '@chaos/config';
import { drawLatency } from '../_internals/latency.js';
import { DELTA_PARTS, Stage } from './faultStream.js';

/** The wait before each delta of `slowTokens` when the settings do not say. */
const SLOW_TOKEN_MS = 100;

/*
 * The stream faults: how the answer travels. They run after the answer faults, on the
 * parts as the caller will receive them.
 */

const EVERY_DAMAGE: readonly ChunkDamage[] = ['garble', 'drop', 'duplicate'];

/** `corruptChunks`: text deltas garbled (U+FFFD), lost or repeated, each with chance `rate`. */
export class CorruptChunksStage extends Stage {
  private readonly rate = this.setting<number>('rate') ?? 0.25;
  private readonly damages = this.setting<readonly ChunkDamage[]>('damage') ?? EVERY_DAMAGE;
  private chunk = 0;
  private readonly changes: { chunk: number; damage: ChunkDamage; before: string; after: string | null }[] = [];

  part(part: Part, out: Part[]): void {
    if (part.type !== 'text-delta') {
      out.push(part);
      return;
    }
    const chunk = this.chunk++;
    const random = this.random;
    // One draw per delta whatever happens, so the damage of one never moves another's.
    if (!(random.next() < this.rate)) {
      out.push(part);
      return;
    }
    const damage = random.pick(this.damages);
    const delta = part['delta'] as string;
    if (damage === 'drop') {
      this.changes.push({ chunk, damage, before: delta, after: null });
    } else if (damage === 'duplicate') {
      out.push(part, part);
      this.changes.push({ chunk, damage, before: delta, after: delta + delta });
    } else {
      const chars = [...delta];
      for (let n = Math.min(chars.length, 1 + random.nextInt(3)); n > 0; n--) chars[random.nextInt(chars.length)] = '\uFFFD';
      const after = chars.join('');
      out.push({ ...part, delta: after });
      this.changes.push({ chunk, damage, before: delta, after });
    }
  }

  protected override summary(): Record<string, unknown> {
    return { rate: this.rate, textChunks: this.chunk, damaged: this.changes.length, changes: this.changes, changed: this.changes.length > 0 };
  }
}

/** `slowFirstToken`: a wait before the stream's first part. */
export class SlowFirstTokenStage extends Stage {
  private waited = false;

  part(part: Part, out: Part[]): void | Promise<void> {
    if (this.waited) {
      out.push(part);
      return undefined;
    }
    this.waited = true;
    const latency = drawLatency(this.fired.settings, this.env.runtime.config.delayMs, this.random);
    this.report({ ...latency });
    return this.sleep(latency.delayMs).then(() => {
      out.push(part);
    });
  }

  protected override summary(): Record<string, unknown> {
    return { changed: false, reason: 'the stream had no part' };
  }
}

/** `slowTokens`: a wait before each delta (text, reasoning, tool input). */
export class SlowTokensStage extends Stage {
  private delayed = 0;
  private totalMs = 0;

  part(part: Part, out: Part[]): void | Promise<void> {
    if (!DELTA_PARTS.has(part.type)) {
      out.push(part);
      return undefined;
    }
    const { delayMs } = drawLatency(this.fired.settings, SLOW_TOKEN_MS, this.random);
    this.delayed++;
    this.totalMs += delayMs;
    return this.sleep(delayMs).then(() => {
      out.push(part);
    });
  }

  protected override summary(): Record<string, unknown> {
    return {
      delayMs: this.setting<number>('delayMs') ?? SLOW_TOKEN_MS,
      jitterMs: this.setting<number>('jitterMs') ?? 0,
      delayedChunks: this.delayed,
      totalDelayMs: this.totalMs,
      changed: this.delayed > 0,
    };
  }
}

/**
 * `streamCut`: after `afterChunks` deltas (or before `finish`, for a shorter answer)
 * the stream ends: with an `error` part, as a reset connection, or as a dead stream
 * that never sends again.
 */
export class StreamCutStage extends Stage {
  private readonly mode = this.setting<StreamCutMode>('mode') ?? 'error';
  private readonly afterChunks = this.setting<number>('afterChunks') ?? drawAfterChunks(this.random);
  private delivered = 0;

  part(part: Part, out: Part[]): void | Promise<void> {
    if (part.type === 'finish' || (DELTA_PARTS.has(part.type) && this.delivered >= this.afterChunks)) return this.cut(out);
    if (DELTA_PARTS.has(part.type)) this.delivered++;
    out.push(part);
    return undefined;
  }

  override end(out: Part[]): void | Promise<void> {
    // A source that ended without `finish` is cut at its end.
    return this.cut(out);
  }

  protected override summary(): Record<string, unknown> {
    return { mode: this.mode, afterChunks: this.afterChunks, deliveredChunks: this.delivered, changed: false };
  }

  private cut(out: Part[]): void | Promise<void> {
    this.report({ mode: this.mode, afterChunks: this.afterChunks, deliveredChunks: this.delivered, changed: true });
    switch (this.mode) {
      case 'error':
        out.push({ type: 'error', error: apiError('serverError', {}, this.env.errorContext) });
        this.env.closed = true;
        return undefined;
      case 'drop':
        throw connectionResetError();
      case 'hang': {
        const seconds = this.setting<number>('timeoutSeconds') ?? this.env.runtime.config.timeoutSeconds;
        return this.sleep(seconds * 1000).then(() => {
          throw connectionResetError();
        });
      }
    }
  }
}

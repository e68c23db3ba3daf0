import { type Clock, realClock } from '@chaos/config';
import { duration } from '@chaos/format';
import type { RunProgress } from './types.js';

/** Where progress goes: a stream with `write`. */
export interface ProgressSink {
  write(text: string): unknown;
}

/** Draws campaign progress: a redrawn bar on a terminal, plain lines every 10 % otherwise. */
export interface ProgressReporter {
  update(progress: RunProgress): void;
  /** Ends the bar with a newline (terminal); idempotent. */
  finish(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/**
 * A progress reporter writing to `sink`. On a terminal (`tty`) it redraws one line
 * (carriage return + erase line) at most every 100 ms of wall time; otherwise it
 * writes a plain line each time another 10 % of the campaign is done, with no escape
 * codes. Wall time comes from `clock` (default: the real clock).
 *
 * @example
 * ```ts
 * const progress = createProgressReporter(process.stderr, process.stderr.isTTY === true);
 * await new ChaosRunner({ onProgress: (p) => progress.update(p) }).runAll();
 * progress.finish();
 * ```
 */
export function createProgressReporter(sink: ProgressSink, tty: boolean, clock: Clock = realClock): ProgressReporter {
  let lastDraw = -Infinity;
  let lastDecile = -1;
  let drawn = false;
  let last: RunProgress | undefined;
  const text = (p: RunProgress): string => {
    const pct = p.total === 0 ? 100 : (100 * p.done) / p.total;
    const eta = p.etaMs === null ? '' : `, ETA ${duration(p.etaMs / 1000)}`;
    return `${p.done}/${p.total} runs (${pct.toFixed(0)}%), elapsed ${duration(p.elapsedMs / 1000)}${eta}`;
  };
  const draw = (p: RunProgress): void => {
    const filled = p.total === 0 ? BAR_WIDTH : Math.round((BAR_WIDTH * p.done) / p.total);
    sink.write(`\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${text(p)}`);
    drawn = true;
  };
  return {
    update(progress: RunProgress): void {
      last = progress;
      if (tty) {
        const now = clock.now();
        if (now - lastDraw >= REDRAW_MS || progress.done === progress.total) {
          lastDraw = now;
          draw(progress);
        }
        return;
      }
      const decile = progress.total === 0 ? 10 : Math.floor((10 * progress.done) / progress.total);
      if (decile > lastDecile) {
        lastDecile = decile;
        sink.write(`progress: ${text(progress)}\n`);
      }
    },
    finish(): void {
      if (tty && drawn) {
        if (last !== undefined) draw(last);
        sink.write('\n');
        drawn = false;
      }
    },
  };
}

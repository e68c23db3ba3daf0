import { FIGURES } from '../objectives.js';

/** A change to detect: `mttr -10%` is MTTR-A 10 % lower. */
export interface Change {
  readonly text: string;
  /** The figure, as the objective language names it. */
  readonly figure: string;
  /** Relative change, -0.1 for -10 %. */
  readonly relative: number;
}

/** Figures whose change a plan can simulate: MTTR-A, from the pilot's recovery times. */
const PLANNABLE = new Set(['mttr', 'mttr.mean']);

/**
 * Reads `--detect`: a figure of the objective language and a relative change, `mttr -10%`
 * or `mttr +25%`.
 *
 * @throws `RangeError` saying what is wrong and what is expected
 */
export function parseChange(text: string): Change {
  const match = /^\s*([A-Za-z][\w.]*)\s*([-+]\s*\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  if (match === null) throw new RangeError(`${JSON.stringify(text)} is not a change to detect: expected a figure and a relative change, e.g. "mttr -10%" or "mttr +20%"`);
  const [, figure = '', amount = ''] = match;
  if (!FIGURES.some((f) => f.name === figure)) {
    throw new RangeError(`${JSON.stringify(text)} names an unknown figure "${figure}". Known figures: ${FIGURES.map((f) => f.name).join(', ')}`);
  }
  if (!PLANNABLE.has(figure)) throw new RangeError(`${JSON.stringify(text)}: only a change of MTTR-A (mttr) can be planned from a pilot's recovery times, not ${figure}`);
  const relative = Number(amount.replace(/\s+/g, '')) / 100;
  if (relative === 0 || relative <= -1) throw new RangeError(`${JSON.stringify(text)}: the change must be non-zero and above -100 %`);
  return { text: text.trim(), figure, relative };
}

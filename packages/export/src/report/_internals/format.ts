import {
  fraction as fractionOf,
  interval as intervalOf,
  MISSING,
  percent as percentOf,
  points as pointsOf,
  seconds as secondsOf,
  secondsBare as secondsBareOf,
  type NumberStyle,
} from '@chaos/format';
import type { Interval } from '@chaos/metrics';

/**
 * The report's figures: `@chaos/format`'s wording (the terminal's too) in its HTML
 * typography — a non-breaking space before units, a real minus sign, an em dash for a
 * missing value — plus what only the report writes (p-values, counts, timestamps).
 */

const HTML: NumberStyle = { typography: 'html' };
const HTML_PLUS: NumberStyle = { typography: 'html', plus: true };

/** A non-breaking space between a number and its unit. */
export const NBSP = '\u00a0';
/** What is shown where a value cannot be computed. */
export const NONE = MISSING.html;

/** Seconds: `1.04 s`, `—` for null; `+` before a positive difference with `withPlus`. */
export function seconds(value: number | null | undefined, withPlus = false): string {
  return secondsOf(value, withPlus ? HTML_PLUS : HTML);
}

/** A number of seconds without the unit (axis ticks, intervals). */
export function secondsBare(value: number, withPlus = false): string {
  return secondsBareOf(value, withPlus ? HTML_PLUS : HTML);
}

/** A percentage 0..100: `95.0 %`. */
export function percent(value: number | null | undefined): string {
  return percentOf(value, HTML);
}

/** Percentage points: `+12.5 pp`. */
export function points(value: number | null | undefined): string {
  return pointsOf(value, HTML);
}

/** A plain fraction 0..1 with two decimals. */
export function fraction(value: number | null | undefined): string {
  return fractionOf(value, HTML);
}

/** An interval `[a, b]` with each end formatted by `format`. */
export function interval(value: Interval | null | undefined, format: (v: number) => string): string {
  return intervalOf(value, format, 'html');
}

/**
 * A number with one decimal and a real minus sign (`+` too with `withPlus`): interval
 * ends in % or pp, where the unit is said once after the interval.
 */
export function fixed1(value: number, withPlus = false): string {
  const text = value.toFixed(1);
  if (value < 0) return `\u2212${text.replace(/^-/, '')}`;
  return withPlus && value > 0 ? `+${text}` : text;
}

/** A p-value: `0.0123`, `< 0.0001`. */
export function pValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  return value < 0.0001 ? `<${NBSP}0.0001` : value.toFixed(4);
}

/** A count with thousands separators. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** ISO 8601 UTC to the second: `2026-11-28 08:15:00 UTC`. */
export function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * Width in px of `text` at `fontSize` in the report's sans-serif font, estimated (no DOM
 * to measure on the server) from a character's kind, on the wide side (DejaVu Sans, the
 * widest common fallback): a layout made from it keeps labels inside their chart.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) {
    if (/[0-9]/.test(char)) em += 0.64;
    else if (/[A-Z]/.test(char)) em += 0.7;
    else if (/[mwMW@%]/.test(char)) em += 0.95;
    else if (/[a-z]/.test(char)) em += 0.6;
    else if (/[ .,:;'|!il()[\]]/.test(char)) em += 0.34;
    else em += 0.64;
  }
  return em * fontSize;
}

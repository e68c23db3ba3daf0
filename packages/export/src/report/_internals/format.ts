import type { Interval } from '@chaos/metrics';

/** A non-breaking space between a number and its unit. */
export const NBSP = '\u00a0';
/** The typographic minus sign. */
const MINUS = '\u2212';
/** What is shown where a value cannot be computed. */
export const NONE = '\u2014';

function signed(text: string, value: number, withPlus: boolean): string {
  if (value < 0) return MINUS + text.replace(/^-/, '');
  return withPlus && value > 0 ? `+${text}` : text;
}

/** A number with three significant digits and no exponent: `0.300`, `1.04`, `10.9`, `1234`. */
export function sig3(value: number): string {
  const size = Math.abs(value);
  if (size === 0) return '0';
  if (size >= 1000) return Math.round(value).toLocaleString('en-US');
  if (size < 0.001) return value.toExponential(2);
  return value.toPrecision(3);
}

/** Seconds: `1.04 s`, `—` for null. */
export function seconds(value: number | null | undefined, withPlus = false): string {
  if (value === null || value === undefined) return NONE;
  return `${signed(sig3(value), value, withPlus)}${NBSP}s`;
}

/** A number of seconds without the unit (axis ticks, intervals). */
export function secondsBare(value: number, withPlus = false): string {
  return signed(sig3(value), value, withPlus);
}

/** A percentage 0..100: `95.0 %`. */
export function percent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return NONE;
  return `${signed(value.toFixed(digits), value, false)}${NBSP}%`;
}

/** A number with one decimal and a real minus sign (`+` too with `withPlus`): interval ends in % or pp. */
export function fixed1(value: number, withPlus = false): string {
  return signed(value.toFixed(1), value, withPlus);
}

/** Percentage points: `+12.5 pp`. */
export function points(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  return `${signed(value.toFixed(1), value, true)}${NBSP}pp`;
}

/** An interval `[a, b]` with each end formatted by `format`. */
export function interval(value: Interval | null | undefined, format: (v: number) => string): string {
  if (value === null || value === undefined) return NONE;
  return `[${format(value.low)}, ${format(value.high)}]`;
}

/** A plain fraction 0..1 with two decimals. */
export function fraction(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  return signed(value.toFixed(2), value, false);
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

/** Shortens a label to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}\u2026`;
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

/**
 * Figures for people: seconds, percentages, fractions and intervals, the same way in a
 * terminal table and in the HTML report. Only the typography differs: plain ASCII in
 * text, a non-breaking space before units, a real minus sign and an em dash for a
 * missing value in HTML.
 */

/** `text` for terminals and logs, `html` for the report. */
export type Typography = 'text' | 'html';

/** How a number is written. */
export interface NumberStyle {
  /** @defaultValue `'text'` */
  readonly typography?: Typography;
  /** Write `+` before a positive value (a difference). @defaultValue `false` */
  readonly plus?: boolean;
}

/** What stands where a value could not be computed. */
export const MISSING: Readonly<Record<Typography, string>> = { text: '-', html: '\u2014' };
const UNIT_SPACE: Readonly<Record<Typography, string>> = { text: ' ', html: '\u00a0' };
const PERCENT_SPACE: Readonly<Record<Typography, string>> = { text: '', html: '\u00a0' };
const MINUS = '\u2212';

function signed(text: string, value: number, style: NumberStyle): string {
  if (value < 0 && style.typography === 'html') return MINUS + text.replace(/^-/, '');
  return style.plus === true && value > 0 ? `+${text}` : text;
}

/** A number with three significant digits and no exponent for ordinary sizes: `0.300`, `1.04`, `10.9`, `1,234`. */
export function sig3(value: number): string {
  const size = Math.abs(value);
  if (size === 0) return '0';
  if (size >= 1000) return Math.round(value).toLocaleString('en-US');
  if (size < 0.001) return value.toExponential(2);
  return value.toPrecision(3);
}

/** A measured time in seconds, three significant digits: `1.04 s`. */
export function seconds(value: number | null | undefined, style: NumberStyle = {}): string {
  const typography = style.typography ?? 'text';
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING[typography];
  return `${signed(sig3(value), value, style)}${UNIT_SPACE[typography]}s`;
}

/** Seconds without the unit (axis ticks, interval ends after a unit already said). */
export function secondsBare(value: number, style: NumberStyle = {}): string {
  return signed(sig3(value), value, style);
}

/** A percentage 0..100: `95.0%` in text, `95.0 %` in HTML. */
export function percent(value: number | null | undefined, style: NumberStyle & { readonly digits?: number } = {}): string {
  const typography = style.typography ?? 'text';
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING[typography];
  return `${signed(value.toFixed(style.digits ?? 1), value, style)}${PERCENT_SPACE[typography]}%`;
}

/** Percentage points, always signed: `+12.5 pp`. */
export function points(value: number | null | undefined, style: Omit<NumberStyle, 'plus'> = {}): string {
  const typography = style.typography ?? 'text';
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING[typography];
  return `${signed(value.toFixed(1), value, { ...style, plus: true })}${UNIT_SPACE[typography]}pp`;
}

/** A fraction 0..1 (an accuracy, an uptime), two decimals: `0.95`. */
export function fraction(value: number | null | undefined, style: NumberStyle = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING[style.typography ?? 'text'];
  return signed(value.toFixed(2), value, style);
}

/** An interval `[a, b]`, each end written by `format`. */
export function interval(
  value: { readonly low: number; readonly high: number } | null | undefined,
  format: (end: number) => string,
  typography: Typography = 'text',
): string {
  return value === null || value === undefined ? MISSING[typography] : `[${format(value.low)}, ${format(value.high)}]`;
}

/**
 * An elapsed time for a progress line or a wall-clock total: `0.42 s`, `12.3 s`,
 * `4 min 05 s`. (A measured recovery time is {@link seconds}.)
 */
export function duration(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING.text;
  if (value >= 120) {
    const minutes = Math.floor(value / 60);
    return `${minutes} min ${String(Math.round(value - minutes * 60)).padStart(2, '0')} s`;
  }
  return value >= 10 ? `${value.toFixed(1)} s` : `${value.toFixed(2)} s`;
}

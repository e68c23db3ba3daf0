/**
 * How a message quotes what it was given and what was thrown: one wording for every
 * package, so an error reads the same whichever package raised it.
 */

/** Past this, a quoted value is cut: a message names the value, it does not dump it. */
const MAX_QUOTED = 120;

function cut(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
}

/**
 * A value as an error message quotes it: strings in double quotes, numbers as they
 * are, `12n` for a bigint, `[function name]`, objects as (at most 120 characters of)
 * JSON, and their kind when they have no JSON.
 *
 * @example
 * ```ts
 * `Expected \`probability\` to be a number in [0, 1], got \`${formatValue('1.5')}\``
 * // Expected `probability` to be a number in [0, 1], got `"1.5"`
 * ```
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return cut(JSON.stringify(value));
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json === undefined ? Object.prototype.toString.call(value) : cut(json);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** What was thrown, as `Name: message` (an `Error`) or as text (anything else). */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What was thrown, as its message alone (where the kind of error is already said). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

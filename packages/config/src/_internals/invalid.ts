/** A rejected value for a message: strings quoted, objects as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The `TypeError` of an invalid option, one wording for the whole package:
 * ``Expected `trigger.call` of fault plan rule "crash@product" to be an integer >= 1, got `0` ``.
 *
 * @param where - what the option belongs to, with its leading space (` of fault plan rule "x"`), or `''`
 */
export function invalid(name: string, where: string, expected: string, value: unknown): TypeError {
  return new TypeError(`Expected \`${name}\`${where} to be ${expected}, got \`${formatValue(value)}\``);
}

import { formatValue } from '@chaos/format';

/**
 * The `TypeError` of an invalid option, one wording for the whole package:
 * ``Expected `trigger.call` of fault plan rule "crash@product" to be an integer >= 1, got `0` ``.
 *
 * @param where - what the option belongs to, with its leading space (` of fault plan rule "x"`), or `''`
 */
export function invalid(name: string, where: string, expected: string, value: unknown): TypeError {
  return new TypeError(`Expected \`${name}\`${where} to be ${expected}, got \`${formatValue(value)}\``);
}

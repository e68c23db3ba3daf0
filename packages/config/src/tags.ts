import { invalid } from './_internals/invalid.js';

/**
 * Labels of the user's on faults and recoveries — the model, the prompt version, the
 * recovery reflex — as `key: value` strings. Metrics break recoveries down by them.
 */
export type Tags = Readonly<Record<string, string>>;

/**
 * Checks tags given as an option and returns a frozen copy.
 *
 * @param name - the option's name for the message (`tags`, `options.tags`)
 * @param where - where the option sits, for the message: ` of fault plan rule "crash@product"`
 * @returns `undefined` for `undefined`
 * @throws `TypeError` naming the option when `tags` is not a plain object of non-empty
 * keys and string values
 * @example
 * ```ts
 * validateTags({ model: 'gpt-4o', prompt: 'v2' }, 'tags'); // { model: 'gpt-4o', prompt: 'v2' }
 * ```
 */
export function validateTags(tags: unknown, name: string, where = ''): Tags | undefined {
  if (tags === undefined) return undefined;
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags) || Object.entries(tags).some(([key, value]) => key === '' || typeof value !== 'string')) {
    throw invalid(name, where, 'an object of string values', tags);
  }
  return Object.freeze({ ...(tags as Record<string, string>) });
}

import type { ScenarioResult } from '@chaos/scenarios';

/**
 * Turns values JSON cannot hold into ones it can: an `Error` becomes
 * `{ name, message }`, a bigint its decimal string, a `Map` an object, a `Set` an array.
 */
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), v]));
  if (value instanceof Set) return [...value];
  return value;
}

/**
 * A result as one line of JSON: the journal's form, the worker channel's, and (parsed
 * back) the canonical form every result is kept in, so results compare equal whether
 * they ran in this thread, in a worker, or came back from a journal.
 */
export function serializeResult(result: ScenarioResult): string {
  return JSON.stringify(result, replacer);
}


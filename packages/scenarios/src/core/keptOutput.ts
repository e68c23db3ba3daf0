import { errorMessage } from '@chaos/format';

/**
 * The largest workflow output a result keeps: 16 KiB of JSON text. A result is kept
 * for every run of a campaign, in memory, in the journal and in the full export, so a
 * campaign of 10,000 runs holds at most 160 MiB of outputs; a task's outcome (what was
 * uploaded, the campaign produced, a verdict) fits many times over. The reference
 * workflow's output is about 4 KiB.
 */
export const OUTPUT_LIMIT_BYTES = 16 * 1024;

/** What a result keeps of a workflow's output. */
export interface KeptOutput {
  /** The output as plain JSON data, when kept. */
  readonly output?: unknown;
  /** Why the output was left out, when it was. */
  readonly outputOmitted?: string;
}

/**
 * Keeps a workflow's output when it is structured-cloneable, JSON can hold all of it
 * (no `Map` or `Set`), and its JSON text is at most {@link OUTPUT_LIMIT_BYTES} bytes. It
 * is kept as plain JSON data (a `Date` becomes its ISO string), so results compare equal
 * whether they ran here, in a worker or came back from a journal. Otherwise the result
 * says why it was left out.
 */
export function keepOutput(output: unknown): KeptOutput {
  if (output === undefined) return {};
  try {
    structuredClone(output);
  } catch (error: unknown) {
    return { outputOmitted: `the output is not structured-cloneable (${errorMessage(error)})` };
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(output, (_key, value: unknown) => {
      if (value instanceof Map || value instanceof Set) throw new TypeError(`it holds a ${value.constructor.name}, which JSON cannot keep`);
      return value;
    });
  } catch (error: unknown) {
    return { outputOmitted: `the output cannot be kept as JSON: ${errorMessage(error)}` };
  }
  if (text === undefined) return { outputOmitted: 'the output has no JSON form' };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > OUTPUT_LIMIT_BYTES) {
    return { outputOmitted: `the output is ${bytes} bytes of JSON, over the ${OUTPUT_LIMIT_BYTES}-byte limit` };
  }
  return { output: JSON.parse(text) as unknown };
}

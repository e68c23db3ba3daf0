import type { SoakConfig } from '../../types.js';

/** A knob a sweep can turn: one fault setting of every run. */
export interface Knob {
  readonly name: keyof SoakConfig;
  readonly description: string;
  readonly min: number;
  readonly max: number;
}

/** The knobs, in the order help lists them. */
export const KNOBS: readonly Knob[] = [
  { name: 'crashProbability', description: 'crash probability', min: 0, max: 1 },
  { name: 'delayProbability', description: 'delay probability', min: 0, max: 1 },
  { name: 'delayMs', description: 'delay, ms', min: 0, max: Number.MAX_SAFE_INTEGER },
  { name: 'timeoutProbability', description: 'timeout (hang) probability', min: 0, max: 1 },
  { name: 'timeoutSeconds', description: 'how long a hang lasts, s', min: 0, max: Number.MAX_SAFE_INTEGER },
  { name: 'hallucinationProbability', description: 'wrong-output probability', min: 0, max: 1 },
  { name: 'corruptionProbability', description: 'message-corruption probability', min: 0, max: 1 },
];

/**
 * The knob named `name`.
 *
 * @throws `RangeError` naming the knob and the known ones
 */
export function knobNamed(name: string): Knob {
  const knob = KNOBS.find((k) => k.name === name);
  if (knob === undefined) throw new RangeError(`unknown knob "${name}". Known knobs: ${KNOBS.map((k) => k.name).join(', ')}`);
  return knob;
}

import { CHAOS_ENV_VARIABLES } from '@chaos/config';
import type { SoakConfig } from '../types.js';

/** Quotes a word for a POSIX shell when it needs it. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `NAME=value …` then the words, each quoted as a shell needs: a command to paste. */
export function commandLine(env: Readonly<Record<string, string>>, words: readonly string[]): string {
  return [...Object.entries(env).map(([name, value]) => `${name}=${shellWord(value)}`), ...words.map((w, i) => (i === 0 ? w : shellWord(w)))].join(' ');
}

/** The `CHAOS_*` assignments that give these fault settings. */
export function faultAssignments(faults: SoakConfig | null | undefined): Record<string, string> {
  const assignments: Record<string, string> = {};
  if (faults === null || faults === undefined) return assignments;
  for (const [key, value] of Object.entries(faults)) {
    const variable = (CHAOS_ENV_VARIABLES as Record<string, string | undefined>)[key];
    if (variable !== undefined && value !== undefined) assignments[variable] = String(value);
  }
  return assignments;
}

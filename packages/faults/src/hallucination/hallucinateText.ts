import { show } from './describe.js';
import type { HallucinationResult, HallucinationStrategy, RandomSource } from '@chaos/config';
import { shiftNumber } from './shiftNumber.js';

/**
 * Words a swap keeps within their kind, so "Blue" becomes "Red", not "Tokyo". The last
 * group stands in for any other capitalised word (a name, a company, a place). One
 * string, split once, because the bundle must stay small.
 */
const GROUPS = 'red blue green black white silver|apple samsung sony nike adidas|paris london berlin tokyo madrid|acme contoso globex northwind initech'
  .split('|')
  .map((group) => group.split(' '));

/** Confident, unverifiable, typical of what a model makes up about a product. */
export const CLAIMS = [
  'Clinically proven to last twice as long.',
  'Ranked #1 by independent reviewers.',
  'Endorsed by leading experts.',
  'Backed by a lifetime warranty.',
];

/** Whether `strategy` is among `allowed` (undefined allows all). */
export function isAllowed(allowed: readonly HallucinationStrategy[] | undefined, strategy: HallucinationStrategy): boolean {
  return allowed === undefined || allowed.includes(strategy);
}

/** Where a replacement goes, what it replaces, and how to make it (drawing only if chosen). */
type Edit = readonly [at: number, from: string, to: () => string];

/**
 * A plausible but false version of `text`: a number changed, an entity swapped, or a
 * fabricated claim appended, chosen from `random` among those the text and `allowed`
 * allow (a claim always fits, so even `""` changes when claims are allowed). Runs in
 * time linear in the text.
 *
 * @param path - where the string sits inside a larger value, for the description
 * @returns undefined when no allowed strategy applies
 */
export function hallucinateText(
  text: string,
  random: RandomSource,
  path: string,
  allowed?: readonly HallucinationStrategy[],
): HallucinationResult | undefined {
  const numbers = !isAllowed(allowed, 'number') ? [] : [...text.matchAll(/\d+(\.\d+)?/g)].map((match): Edit => {
    // Keep the written decimals: "$19.99" stays a price with cents.
    const decimals = Math.min((match[1]?.length ?? 1) - 1, 20);
    return [match.index, match[0], () => shiftNumber(Number(match[0]), random, decimals).toFixed(decimals)];
  });
  const first = text.search(/\S/);
  // Group 1 is the end of a sentence right before the word, if there is one.
  const entities = !isAllowed(allowed, 'entity') ? [] : [...text.matchAll(/([.!?:]\s*)?([A-Za-z]+)/g)].flatMap((match): Edit[] => {
    const word = match[2] as string;
    const lower = word.toLowerCase();
    const at = match.index + (match[1]?.length ?? 0);
    // A capitalised word that does not merely start a sentence is most likely a name.
    const named = at !== first && match[1] === undefined && /^[A-Z][a-z]/.test(word);
    const group = GROUPS.find((words) => words.includes(lower)) ?? (named ? GROUPS[3] : undefined);
    return group ? [[at, word, () => matchCase(word, random.pick(group.filter((other) => other !== lower)))]] : [];
  });
  const choices = [numbers, entities].filter((edits) => edits.length > 0);
  const claims = isAllowed(allowed, 'claim') ? 1 : 0;
  if (choices.length + claims === 0) return undefined;
  const edits = choices[random.nextInt(choices.length + claims)];
  if (edits) {
    // Every replacement differs from its word, so the text always changes.
    const [at, from, make] = random.pick(edits);
    const to = make();
    return {
      value: text.slice(0, at) + to + text.slice(at + from.length),
      strategy: edits === numbers ? 'string:number' : 'string:entity',
      description: `changed ${show(from)} to ${show(to)}${path && ` in ${path}`}`,
    };
  }
  const claim = random.pick(CLAIMS);
  const kept = text.trimEnd();
  return {
    value: kept ? `${kept}${/[.!?]$/.test(kept) ? '' : '.'} ${claim}` : claim,
    strategy: 'string:claim',
    description: `appended ${show(claim)}${path && ` to ${path}`}`,
  };
}

/** "RED" -> "BLUE", "Red" -> "Blue", "red" -> "blue". */
function matchCase(model: string, word: string): string {
  if (model.length > 1 && model === model.toUpperCase()) return word.toUpperCase();
  return /^[A-Z]/.test(model) ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

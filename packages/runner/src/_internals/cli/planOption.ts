import type { FaultRule } from '@chaos/config';
import { errorMessage } from '@chaos/format';
import { InvalidArgumentError } from 'commander';

/** `--plan`: a JSON array of fault rules (the form `chaos shrink` prints); the rules themselves are checked when the run starts. */
export function parsePlanOption(value: string): FaultRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error: unknown) {
    throw new InvalidArgumentError(`expected a JSON array of fault rules, got text that is not JSON (${errorMessage(error)})`);
  }
  if (!Array.isArray(parsed) || parsed.some((rule) => typeof rule !== 'object' || rule === null)) {
    throw new InvalidArgumentError('expected a JSON array of fault rules, e.g. [{"fault":"crash","target":"product","trigger":{"on":"call","call":3}}]');
  }
  return parsed as FaultRule[];
}

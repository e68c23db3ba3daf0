import { errorMessage } from '@chaos/format';
import { isChaosConfigError } from '@chaos/config';
import { isJournalError } from '../../JournalError.js';
import { loadUserModule, type LoadedModule } from '../workerModule.js';
import { UsageError } from './usage.js';

/** Imports `--module`; a module that does not load is a usage error. */
export async function loadModule(path: string | undefined): Promise<LoadedModule | undefined> {
  if (path === undefined) return undefined;
  try {
    return await loadUserModule(path);
  } catch (error: unknown) {
    throw new UsageError(errorMessage(error));
  }
}

/** Rethrows a configuration error as a usage error (exit 2), anything else as it is. */
export function rethrowAsUsage(error: unknown): never {
  if (error instanceof TypeError || error instanceof RangeError || isJournalError(error) || isChaosConfigError(error)) throw new UsageError(error.message);
  throw error;
}

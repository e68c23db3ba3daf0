import { isExportError } from '@chaos/export';
import { UsageError } from './usage.js';

/** Turns unreadable or invalid export input into a usage error (exit 2). */
export async function asUsageOnBadInput<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error: unknown) {
    if (isExportError(error) || error instanceof TypeError || error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

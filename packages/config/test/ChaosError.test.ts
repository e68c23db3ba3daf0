import { describe, expect, it } from 'vitest';
import { ChaosConfigError, ChaosError, hasChaosErrorCode, isChaosConfigError, isChaosError } from '../src/index.js';

describe('ChaosError', () => {
  it('carries code, context and cause', () => {
    const cause = new Error('socket closed');
    const error = new ChaosError('CHAOS_AGENT_CRASH', 'product crashed', {
      fault: 'crash',
      target: 'product',
      seed: 'run-1',
      runId: 'r1',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ChaosError', code: 'CHAOS_AGENT_CRASH', fault: 'crash', target: 'product', seed: 'run-1', runId: 'r1' });
    expect(error.cause).toBe(cause);
    expect('cause' in new ChaosError('X', 'no cause')).toBe(false);
  });

  it('carries the fault’s time when given, so a recovery can be measured from it', () => {
    expect(new ChaosError('CHAOS_AGENT_CRASH', 'crashed', { faultAt: 1500 }).faultAt).toBe(1500);
    expect(new ChaosError('X', 'no time').faultAt).toBeUndefined();
  });

  it('is recognised across installed copies by its brand, not its prototype', () => {
    // What an error from another copy of the package looks like to this one.
    const foreign = Object.assign(new Error('from another copy'), { code: 'CHAOS_CONFIG' });
    Object.defineProperty(foreign, Symbol.for('@chaos/error'), { value: true });
    expect(foreign instanceof ChaosError).toBe(false);
    expect(isChaosError(foreign)).toBe(true);
    expect(isChaosConfigError(foreign)).toBe(true);
    expect(hasChaosErrorCode(foreign, 'CHAOS_AGENT_CRASH')).toBe(false);
  });

  it('rejects look-alikes without the brand', () => {
    expect(isChaosError(Object.assign(new Error('x'), { code: 'CHAOS_CONFIG' }))).toBe(false);
    expect(isChaosError(null)).toBe(false);
    expect(isChaosError('CHAOS_CONFIG')).toBe(false);
    expect(isChaosConfigError(new ChaosConfigError({ setting: 's', value: 1, expected: 'x' }))).toBe(true);
  });
});

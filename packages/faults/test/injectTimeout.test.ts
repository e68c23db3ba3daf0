import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { AgentTimeoutError, injectTimeout, isAgentTimeoutError } from '../src/index.js';
import { settledState, testScope } from './helpers.js';

describe('injectTimeout', () => {
  it('hangs `timeoutSeconds` on the scope clock, then rejects with AgentTimeoutError; the step never runs', async () => {
    const chaos = testScope({ seed: 'hang', runId: 'r-2' });
    const step = vi.fn(async () => 'answer');
    const wrapped = injectTimeout({ probability: 1, timeoutSeconds: 30, target: 'marketing' })(step);
    const wallStart = performance.now();
    const error: unknown = await chaos.run(() => wrapped()).catch((caught: unknown) => caught);
    expect(performance.now() - wallStart).toBeLessThan(1_000);
    expect(chaos.clock.now()).toBe(30_000);
    expect(step).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(AgentTimeoutError);
    expect(isAgentTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'AgentTimeoutError',
      code: 'CHAOS_AGENT_TIMEOUT',
      fault: 'timeout',
      target: 'marketing',
      timeoutSeconds: 30,
      seed: 'hang',
      runId: 'r-2',
    });
    expect((error as Error).message).toBe('"marketing" did not respond within 30 s (injected timeout, seed "hang")');
    expect(chaos.faults()).toMatchObject([
      { fault: 'timeout', target: 'marketing', at: 0, runId: 'r-2', source: 'probability', details: { timeoutSeconds: 30, seed: 'hang' } },
    ]);
  });

  it('is still pending just before the deadline', async () => {
    const chaos = testScope();
    const wrapped = injectTimeout({ probability: 1, timeoutSeconds: 10 })(async () => 1);
    const timeline: string[] = [];
    await chaos.run(async () => {
      const result = wrapped();
      const state = settledState(result);
      await chaos.clock.sleep(9_999);
      timeline.push(`${chaos.clock.now()}:${state.state}`);
      await result.catch(() => undefined);
      timeline.push(`${chaos.clock.now()}:${state.state}`);
    });
    expect(timeline).toEqual(['9999:pending', '10000:rejected']);
  });

  it('reads timeoutSeconds from the active config when left out', async () => {
    const chaos = testScope({ config: { timeoutSeconds: 2 } });
    const wrapped = injectTimeout({ probability: 1 })(async () => 1);
    await expect(chaos.run(() => wrapped())).rejects.toMatchObject({ timeoutSeconds: 2 });
    expect(chaos.clock.now()).toBe(2_000);
  });

  it('stops early on abort with the signal reason, and removes its listener', async () => {
    const chaos = testScope();
    const controller = new AbortController();
    const wrapped = injectTimeout({ probability: 1, timeoutSeconds: 30 })(async (_input: string, _options: { signal: AbortSignal }) => 1);
    const result = chaos.run(() => wrapped('x', { signal: controller.signal }));
    await Promise.resolve();
    controller.abort('cancelled');
    await expect(result).rejects.toBe('cancelled');
    expect(chaos.clock.now()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(chaos.clock.pendingTimers).toBe(0);
  });

  it('removes its abort listener when the hang runs its course', async () => {
    const chaos = testScope();
    const controller = new AbortController();
    const wrapped = injectTimeout({ probability: 1, timeoutSeconds: 1, signal: controller.signal })(async () => 1);
    await expect(chaos.run(() => wrapped())).rejects.toBeInstanceOf(AgentTimeoutError);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('calls straight through, with no timer, when the fault does not fire', async () => {
    const chaos = testScope();
    const step = vi.fn(async (x: number) => x + 1);
    const wrapped = injectTimeout({ probability: 0 })(step);
    await expect(chaos.run(() => wrapped(1))).resolves.toBe(2);
    expect(chaos.clock.firedTimers).toBe(0);
    expect(chaos.events).toEqual([]);
  });

  it('returns a promise for a sync function', async () => {
    const wrapped = injectTimeout({ probability: 0 })(() => 'sync');
    const result = testScope().run(() => wrapped());
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe('sync');
  });
});

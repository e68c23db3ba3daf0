import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { injectDelay } from '../src/index.js';
import { settledState, testScope } from './helpers.js';

describe('injectDelay', () => {
  it('waits `delayMs` on the scope clock, then runs the step', async () => {
    const chaos = testScope();
    const startedAt: number[] = [];
    const wrapped = injectDelay({ probability: 1, delayMs: 500 })((x: number) => {
      startedAt.push(chaos.clock.now());
      return x + 1;
    });
    await expect(chaos.run(() => wrapped(1))).resolves.toBe(2);
    expect(startedAt).toEqual([500]);
    expect(chaos.faults()).toMatchObject([
      { fault: 'delay', target: 'anonymous', at: 0, source: 'probability', details: { delayMs: 500, baseDelayMs: 500, jitterMs: 0 } },
    ]);
  });

  it('costs no wall time under virtual time', async () => {
    const chaos = testScope();
    const wrapped = injectDelay({ probability: 1, delayMs: 60_000 })(async () => 'late');
    const wallStart = performance.now();
    await expect(chaos.run(() => wrapped())).resolves.toBe('late');
    expect(chaos.clock.now()).toBe(60_000);
    expect(performance.now() - wallStart).toBeLessThan(1_000);
  });

  it('waits delayMs ± jitterMs, reproducibly for a seed', async () => {
    const delaysFor = async (seed: string): Promise<number[]> => {
      const chaos = testScope({ seed });
      const wrapped = injectDelay({ probability: 1, delayMs: 100, jitterMs: 40, target: 'step' })(() => undefined);
      await chaos.run(async () => {
        for (let i = 0; i < 20; i++) await wrapped();
      });
      return chaos.faults().map((event) => event.details['delayMs'] as number);
    };
    const delays = await delaysFor('jitter');
    expect(delays.every((ms) => ms >= 60 && ms <= 140)).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(10);
    expect(await delaysFor('jitter')).toEqual(delays);
    expect(await delaysFor('other')).not.toEqual(delays);
  });

  it('draws jitter from the detail stream, never from the decision stream', async () => {
    const chaos = testScope();
    const wrapped = injectDelay({ probability: 1, delayMs: 10, jitterMs: 5, target: 'step' })(() => undefined);
    await chaos.run(async () => {
      await wrapped();
      await wrapped();
    });
    expect(Object.fromEntries(chaos.draws)).toEqual({ 'delay:step': 2, 'delay:step:detail': 2 });
  });

  it('reads delayMs from the active config when left out', async () => {
    const chaos = testScope({ config: { delayMs: 1_234 } });
    const wrapped = injectDelay({ probability: 1 })(() => chaos.clock.now());
    await expect(chaos.run(() => wrapped())).resolves.toBe(1_234);
  });

  it('returns a promise for a sync function, enabled or not, and the types say so', async () => {
    const wrapped = injectDelay({ probability: 0 })((x: number) => x * 2);
    const disabled = testScope({ config: { enabled: false } }).run(() => wrapped(2));
    expect(disabled).toBeInstanceOf(Promise);
    await expect(disabled).resolves.toBe(4);
    const enabled = testScope().run(() => wrapped(3));
    expect(enabled).toBeInstanceOf(Promise);
    await expect(enabled).resolves.toBe(6);
  });

  it('turns a sync throw into a rejection', async () => {
    const wrapped = injectDelay({ probability: 0 })((): number => {
      throw new Error('boom');
    });
    await expect(testScope().run(() => wrapped())).rejects.toThrow('boom');
    await expect(testScope({ config: { enabled: false } }).run(() => wrapped())).rejects.toThrow('boom');
  });

  it("returns an async function's own promise when chaos is disabled (no extra promise)", () => {
    const chaos = testScope({ config: { enabled: false } });
    const known = Promise.resolve('known');
    // A plain function marked as returning a promise behaves like one: check identity.
    const asyncStep = Object.assign(async () => 'x', {});
    const passthrough = injectDelay({ probability: 1 })(() => known);
    expect(chaos.run(() => passthrough())).toBe(known);
    expect(chaos.run(() => injectDelay({ probability: 1 })(asyncStep)())).toBeInstanceOf(Promise);
  });

  it('creates no timer unless the fault fires', async () => {
    const chaos = testScope();
    const wrapped = injectDelay({ probability: 0 })(async () => 1);
    const pending = chaos.run(() => wrapped());
    expect(chaos.clock.pendingTimers).toBe(0);
    await pending;
    expect(chaos.clock.firedTimers).toBe(0);
  });

  it('stops early when the signal option aborts: rejects with its reason, the step never runs, listeners removed', async () => {
    const chaos = testScope();
    const controller = new AbortController();
    const step = vi.fn(() => 'ran');
    const wrapped = injectDelay({ probability: 1, delayMs: 10_000, signal: controller.signal })(step);
    const result = chaos.run(() => wrapped());
    const state = settledState(result);
    await Promise.resolve();
    expect(state.state).toBe('pending');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    const reason = new Error('user cancelled');
    controller.abort(reason);
    await expect(result).rejects.toBe(reason);
    expect(step).not.toHaveBeenCalled();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(chaos.clock.pendingTimers).toBe(0);
  });

  it('removes its abort listener when the delay ends normally', async () => {
    const chaos = testScope();
    const controller = new AbortController();
    const wrapped = injectDelay({ probability: 1, delayMs: 100, signal: controller.signal })(() => 'ran');
    await expect(chaos.run(() => wrapped())).resolves.toBe('ran');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects at once with the reason of an already aborted signal', async () => {
    const chaos = testScope();
    const step = vi.fn();
    const wrapped = injectDelay({ probability: 1, delayMs: 10_000, signal: AbortSignal.abort('gone') })(step);
    await expect(chaos.run(() => wrapped())).rejects.toBe('gone');
    expect(step).not.toHaveBeenCalled();
  });

  it('uses the signal of a last argument shaped `{ signal }` when no signal option is given', async () => {
    const chaos = testScope();
    const controller = new AbortController();
    const wrapped = injectDelay({ probability: 1, delayMs: 10_000 })((input: string, _options: { signal: AbortSignal }) => input);
    const result = chaos.run(() => wrapped('x', { signal: controller.signal }));
    controller.abort(new Error('stop'));
    await expect(result).rejects.toThrow('stop');
  });

  it('takes the signal from a function of the arguments, called with `this`', async () => {
    const chaos = testScope();
    const controller = new AbortController();
    const seen: unknown[] = [];
    const signal = vi.fn(function (this: unknown, ...args: unknown[]) {
      seen.push(this, args);
      return controller.signal;
    });
    const agent = {
      name: 'agent',
      run: injectDelay({ probability: 1, delayMs: 10_000, signal })(function (this: { name: string }, job: { id: number }) {
        return `${this.name}:${job.id}`;
      }),
    };
    const result = chaos.run(() => agent.run({ id: 7 }));
    expect(seen).toEqual([agent, [{ id: 7 }]]);
    controller.abort('no');
    await expect(result).rejects.toBe('no');
  });

  it('passes `this` and arguments through after the delay', async () => {
    const chaos = testScope();
    const agent = {
      prefix: 'p',
      run: injectDelay({ probability: 1, delayMs: 5 })(async function (this: { prefix: string }, a: string, b: string) {
        return `${this.prefix}${a}${b}`;
      }),
    };
    await expect(chaos.run(() => agent.run('a', 'b'))).resolves.toBe('pab');
  });

  it('does not look at the arguments (or create a controller) when the fault does not fire', async () => {
    const chaos = testScope();
    const signal = vi.fn(() => undefined);
    const wrapped = injectDelay({ probability: 0, signal })(async () => 1);
    await chaos.run(() => wrapped());
    expect(signal).not.toHaveBeenCalled();
  });

  it('rejects when the signal function returns something else than a signal', async () => {
    const chaos = testScope();
    const wrapped = injectDelay({ probability: 1, signal: () => 'nope' as unknown as AbortSignal })(async () => 1);
    await expect(chaos.run(() => wrapped())).rejects.toThrow(
      'Expected the `signal` function to return an AbortSignal or undefined, got `"nope"`',
    );
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureChaos, createChaosRuntime, resetChaosConfig, runInChaosScope } from '@chaos/config';
import { AgentCrashError, injectCrash, isAgentCrashError } from '../src/index.js';
import { testScope } from './helpers.js';

afterEach(() => {
  resetChaosConfig();
});

describe('injectCrash', () => {
  it('calls the original directly when chaos is disabled: sync stays sync, no random draw', () => {
    const chaos = testScope({ config: { enabled: false } });
    const step = vi.fn((x: number) => x * 2);
    const wrapped = injectCrash({ probability: 1 })(step);
    expect(chaos.run(() => wrapped(21))).toBe(42);
    expect(step).toHaveBeenCalledTimes(1);
    expect(chaos.draws.size).toBe(0);
    expect(chaos.events).toEqual([]);
  });

  it('is disabled by default outside any scope', () => {
    const wrapped = injectCrash({ probability: 1 })((x: number) => x + 1);
    expect(wrapped(1)).toBe(2);
  });

  it('throws an AgentCrashError synchronously before a sync step runs', () => {
    const chaos = testScope({ seed: 'crash-seed', runId: 'run-7' });
    const step = vi.fn(() => 'done');
    const wrapped = injectCrash({ probability: 1, target: 'product' })(step);
    let caught: unknown;
    try {
      chaos.run(() => wrapped());
    } catch (error: unknown) {
      caught = error;
    }
    expect(step).not.toHaveBeenCalled();
    expect(caught).toBeInstanceOf(AgentCrashError);
    expect(isAgentCrashError(caught)).toBe(true);
    expect(caught).toMatchObject({
      name: 'AgentCrashError',
      code: 'CHAOS_AGENT_CRASH',
      fault: 'crash',
      target: 'product',
      seed: 'crash-seed',
      runId: 'run-7',
      ruleId: undefined,
    });
    expect((caught as Error).message).toBe('Injected crash in "product" (seed "crash-seed")');
  });

  it('returns a rejected promise instead of throwing for an async function', async () => {
    const chaos = testScope();
    const step = vi.fn(async () => 'done');
    const wrapped = injectCrash({ probability: 1 })(step);
    let result: Promise<string> | undefined;
    expect(() => {
      result = chaos.run(() => wrapped());
    }).not.toThrow();
    await expect(result).rejects.toBeInstanceOf(AgentCrashError);
    expect(step).not.toHaveBeenCalled();
  });

  it('keeps a sync function sync when the fault does not fire', () => {
    const chaos = testScope();
    const wrapped = injectCrash({ probability: 0 })((a: number, b: number) => a + b);
    expect(chaos.run(() => wrapped(2, 3))).toBe(5);
  });

  it('passes `this` and every argument through unchanged, with no hidden parameter', () => {
    const chaos = testScope();
    const seen: unknown[] = [];
    const receiver = {
      factor: 3,
      scale: injectCrash({ probability: 0 })(function (this: { factor: number }, ...args: unknown[]) {
        seen.push(this, args);
        return this.factor;
      }),
    };
    const payload = { item: 1 };
    expect(chaos.run(() => receiver.scale(payload, undefined, 'x'))).toBe(3);
    expect(seen[0]).toBe(receiver);
    expect(seen[1]).toEqual([payload, undefined, 'x']);
    expect((seen[1] as unknown[])[0]).toBe(payload);
  });

  it("keeps the function's name and length", () => {
    function uploadItem(_item: unknown, _options: unknown): void {}
    const wrapped = injectCrash()(uploadItem);
    expect(wrapped.name).toBe('uploadItem');
    expect(wrapped.length).toBe(2);
  });

  it('aims at the function name, else `anonymous`, unless `target` is given', () => {
    const chaos = testScope();
    function namedStep(): void {}
    chaos.run(() => {
      expect(() => injectCrash({ probability: 1 })(namedStep)()).toThrow(AgentCrashError);
      expect(() => injectCrash({ probability: 1 })([() => {}][0]!)()).toThrow(AgentCrashError);
      expect(() => injectCrash({ probability: 1, target: 'custom' })(namedStep)()).toThrow(AgentCrashError);
    });
    expect(chaos.faults().map((event) => event.target)).toEqual(['namedStep', 'anonymous', 'custom']);
  });

  it('emits a fault event with time, run id, source and seed', async () => {
    const chaos = testScope({ seed: 's-1', runId: 'r-1' });
    const wrapped = injectCrash({ probability: 1, target: 'product' })(() => 1);
    await chaos.run(async () => {
      await chaos.clock.sleep(1_500);
      expect(() => wrapped()).toThrow();
    });
    expect(chaos.events).toEqual([
      {
        kind: 'fault',
        fault: 'crash',
        target: 'product',
        at: 1_500,
        runId: 'r-1',
        source: 'probability',
        details: { seed: 's-1' },
      },
    ]);
  });

  it('names the scope\'s scenario in its fault event', () => {
    const events: unknown[] = [];
    const runtime = createChaosRuntime({ config: { enabled: true }, seed: 's', runId: 'r', scenario: 'Cascade', emit: (e) => events.push(e) });
    const wrapped = injectCrash({ probability: 1, target: 'product' })(() => 1);
    expect(() => runInChaosScope(runtime, () => wrapped())).toThrow(AgentCrashError);
    expect(events).toEqual([expect.objectContaining({ kind: 'fault', scenario: 'Cascade', runId: 'r' })]);
  });

  it('reads the probability from the active config at call time when left out', () => {
    const wrapped = injectCrash()(() => 'ok');
    expect(testScope({ config: { crashProbability: 0 } }).run(() => wrapped())).toBe('ok');
    expect(() => testScope({ config: { crashProbability: 1 } }).run(() => wrapped())).toThrow(AgentCrashError);

    // The process-wide config, changed after wrapping.
    configureChaos({ enabled: true, crashProbability: 0, randomSeed: 'global' });
    expect(wrapped()).toBe('ok');
    configureChaos({ crashProbability: 1 });
    expect(() => wrapped()).toThrow(AgentCrashError);
  });

  it('draws exactly one decision number per call from `crash:<target>`, and nothing else', () => {
    const chaos = testScope();
    const wrapped = injectCrash({ probability: 0.5, target: 't' })(() => 1);
    let crashes = 0;
    for (let i = 0; i < 100; i++) {
      try {
        chaos.run(() => wrapped());
      } catch {
        crashes += 1;
      }
    }
    expect(crashes).toBeGreaterThan(20);
    expect([...chaos.draws]).toEqual([['crash:t', 100]]);
  });
});

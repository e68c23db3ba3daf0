import { afterEach, describe, expect, it } from 'vitest';
import {
  type ChaosEvent,
  type FaultKind,
  configureChaos,
  createChaosRuntime,
  createRandom,
  createVirtualClock,
  currentChaos,
  onChaosEvent,
  realClock,
  resetChaosConfig,
  runInChaosScope,
} from '../src/index.js';

afterEach(() => {
  resetChaosConfig();
});

describe('runInChaosScope', () => {
  it('binds the runtime through awaits, timers and nested scopes', async () => {
    const outer = createChaosRuntime({ seed: 'outer', runId: 'outer' });
    const inner = createChaosRuntime({ seed: 'inner', runId: 'inner' });
    const seen: (string | undefined)[] = [];
    await runInChaosScope(outer, async () => {
      seen.push(currentChaos().runId);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(currentChaos().runId);
      await runInChaosScope(inner, async () => {
        await Promise.resolve();
        seen.push(currentChaos().runId);
      });
      seen.push(currentChaos().runId);
    });
    expect(seen).toEqual(['outer', 'outer', 'inner', 'outer']);
    expect(currentChaos().runId).toBeUndefined();
  });

  it('returns what the function returns, sync stays sync', () => {
    const runtime = createChaosRuntime({ seed: 1 });
    expect(runInChaosScope(runtime, () => 42)).toBe(42);
  });

  it('keeps 50 interleaved scopes apart: faults, clocks and random draws', async () => {
    interface Trace {
      draws: number[];
      firedOnCalls: number[];
      sleptUntil: number[];
      events: ChaosEvent[];
    }
    const scopes = 50;
    const callsPerScope = 12;

    /** One run: sleep, draw, consult the plan, emit — the shape of a real agent loop. */
    async function agentLoop(): Promise<Omit<Trace, 'events'>> {
      const chaos = currentChaos();
      const trace = { draws: [] as number[], firedOnCalls: [] as number[], sleptUntil: [] as number[] };
      for (let call = 1; call <= callsPerScope; call++) {
        const stream = chaos.stream('agent');
        await chaos.clock.sleep(Math.floor(stream.next() * 100));
        trace.sleptUntil.push(chaos.clock.now());
        trace.draws.push(chaos.random.next());
        const rule = chaos.plan.take('crash' as FaultKind, 'agent');
        if (rule !== undefined) {
          trace.firedOnCalls.push(call);
          chaos.emit({ kind: 'fault', at: chaos.clock.now(), runId: chaos.runId });
        }
        await Promise.resolve();
      }
      return trace;
    }

    const makeRuntime = (i: number, events: ChaosEvent[]) =>
      createChaosRuntime({
        config: { enabled: true },
        clock: createVirtualClock(),
        seed: `scope-${i}`,
        runId: `run-${i}`,
        plan: [{ fault: 'crash', target: 'agent', trigger: { on: 'call', call: 1 + (i % callsPerScope) } }],
        emit: (event) => events.push(event),
      });

    const interleaved = await Promise.all(
      Array.from({ length: scopes }, async (_, i): Promise<Trace> => {
        const events: ChaosEvent[] = [];
        const trace = await runInChaosScope(makeRuntime(i, events), agentLoop);
        return { ...trace, events };
      }),
    );
    for (let i = 0; i < scopes; i++) {
      const events: ChaosEvent[] = [];
      const alone = await runInChaosScope(makeRuntime(i, events), agentLoop);
      const together = interleaved[i] as Trace;
      expect(together.draws).toEqual(alone.draws);
      expect(together.sleptUntil).toEqual(alone.sleptUntil);
      expect(together.firedOnCalls).toEqual([1 + (i % callsPerScope)]);
      expect(together.events).toHaveLength(1);
      expect(together.events[0]?.runId).toBe(`run-${i}`);
    }
    // Different seeds really gave different streams.
    expect(new Set(interleaved.map((t) => t.draws[0])).size).toBe(scopes);
  });
});

describe('createChaosRuntime', () => {
  it('rejects a seed and a random source together', () => {
    expect(() => createChaosRuntime({ seed: 's', random: createRandom('r') })).toThrow(
      'Expected either `seed` or `random`, not both',
    );
  });

  it('validates config overrides', () => {
    expect(() => createChaosRuntime({ config: { crashProbability: 3 } })).toThrow('crashProbability=3');
  });

  it('applies overrides on top of the process-wide config', () => {
    configureChaos({ delayMs: 77 });
    const runtime = createChaosRuntime({ config: { enabled: true } });
    expect(runtime.config).toMatchObject({ enabled: true, delayMs: 77 });
    expect(runtime.clock).toBe(realClock);
  });

  it('seeds from config.randomSeed, else a fresh seed it reports', () => {
    configureChaos({ randomSeed: 'from-config' });
    expect(createChaosRuntime().seed).toBe('from-config');
    configureChaos({ randomSeed: undefined });
    const a = createChaosRuntime();
    const b = createChaosRuntime();
    expect(a.seed).not.toBe(b.seed);
    expect(createRandom(a.seed).next()).toBe(createChaosRuntime({ seed: a.seed }).random.next());
  });

  it('makes one stream per label, forked from the root seed', () => {
    const runtime = createChaosRuntime({ seed: 'root' });
    expect(runtime.stream('crash:product')).toBe(runtime.stream('crash:product'));
    expect(runtime.stream('crash:product').seed).toBe('root/crash:product');
  });

  it('sends events to process-wide listeners when it has no sink of its own', () => {
    const received: ChaosEvent[] = [];
    const listening = onChaosEvent((event) => received.push(event));
    createChaosRuntime().emit({ kind: 'milestone', at: 1 });
    createChaosRuntime({ emit: () => undefined }).emit({ kind: 'milestone', at: 2 });
    listening.dispose();
    listening[Symbol.dispose]();
    createChaosRuntime().emit({ kind: 'milestone', at: 3 });
    expect(received).toEqual([{ kind: 'milestone', at: 1 }]);
  });
});

describe('currentChaos outside any scope', () => {
  it('follows the process-wide config and its seed', () => {
    configureChaos({ enabled: true, randomSeed: 'process-seed' });
    const runtime = currentChaos();
    expect(runtime.config.enabled).toBe(true);
    expect(runtime.seed).toBe('process-seed');
    const first = runtime.random.next();
    expect(createRandom('process-seed').next()).toBe(first);
    // Changing another setting keeps the stream where it is.
    configureChaos({ crashProbability: 0.9 });
    expect(currentChaos().config.crashProbability).toBe(0.9);
    expect(currentChaos().random).toBe(runtime.random);
  });

  it('is seeded by CHAOS_RANDOM_SEED', async () => {
    const { vi } = await import('vitest');
    vi.stubEnv('CHAOS_RANDOM_SEED', 'env-seed');
    try {
      resetChaosConfig();
      expect(currentChaos().seed).toBe('env-seed');
      expect(currentChaos().random.next()).toBe(createRandom('env-seed').next());
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

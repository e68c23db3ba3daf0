import { type FaultRule, createChaosRuntime, createVirtualClock, currentChaos, runInChaosScope } from '@chaos/config';
import { ResilienceMetrics, getMetrics, isRecoveryEvent } from '@chaos/metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { configureChaos, injectCrash, injectDelay, injectHallucination, injectMessageCorruption, injectTimeout, resetChaosConfig, withChaos } from '../src/index.js';

/** A run under virtual time whose metrics detect recoveries automatically. */
function detectingRun(plan: readonly FaultRule[], runId = 'run-1') {
  const metrics = new ResilienceMetrics();
  const clock = createVirtualClock();
  const events: unknown[] = [];
  const runtime = createChaosRuntime({
    config: { enabled: true, crashProbability: 0, delayProbability: 0, timeoutProbability: 0, hallucinationProbability: 0, corruptionProbability: 0 },
    clock,
    seed: 'auto',
    runId,
    plan,
    emit: (event) => {
      events.push(event);
      metrics.sink(event);
    },
    recoveries: metrics.detectRecoveries(),
  });
  return {
    metrics,
    clock,
    runtime,
    events,
    run: <T>(fn: () => T): T => runInChaosScope(runtime, fn),
    recoveries: () => [...metrics.iterateRecoveries()],
  };
}

const crashOnFirstCall: FaultRule = { fault: 'crash', target: 'product', trigger: { on: 'call', call: 1 } };

describe('automatic recovery detection', () => {
  afterEach(() => {
    resetChaosConfig();
    getMetrics().reset();
  });

  it('a crash at t = 1 s and the retry succeeding at t = 3.5 s give one recovery of Δt 2.5 s', async () => {
    const chaos = detectingRun([crashOnFirstCall]);
    const step = injectCrash({ target: 'product' })(async (item: string) => {
      await currentChaos().clock.sleep(500);
      return `uploaded ${item}`;
    });
    const value = await chaos.run(async () => {
      await chaos.clock.sleep(1_000);
      await step('a').catch(() => undefined); // crashes at t = 1 s
      await chaos.clock.sleep(2_000); // back-off
      return step('a'); // runs 3 s .. 3.5 s
    });
    expect(value).toBe('uploaded a');
    expect(chaos.recoveries()).toEqual([
      expect.objectContaining({ agentId: 'product', threadId: 'run-1', faultType: 'crash', faultAt: 1_000, detectedAt: 1_000, recoveredAt: 3_500, success: true, faultTimeSource: 'recorded', detection: 'automatic' }),
    ]);
    const summary = chaos.metrics.getSummary();
    expect(summary.mttrAvg).toBe(2.5);
    expect(summary.totalFaults).toBe(1);
    expect(chaos.events.filter((event) => isRecoveryEvent(event as never))).toEqual([expect.objectContaining({ kind: 'recovery', durationMs: 2_500, detection: 'automatic' })]);
  });

  it('records a fault never followed by a success as a failed recovery when the run ends', async () => {
    const chaos = detectingRun([{ fault: 'crash', target: 'product', trigger: { on: 'call', call: 1 }, times: 5 }]);
    const step = injectCrash({ target: 'product' })(() => 'ok');
    chaos.run(() => {
      expect(() => step()).toThrow();
    });
    await chaos.run(() => chaos.clock.sleep(4_000));
    expect(chaos.recoveries()).toEqual([]);
    expect(chaos.metrics.endRun(chaos.runtime)).toBe(1);
    expect(chaos.recoveries()).toEqual([
      expect.objectContaining({ agentId: 'product', faultAt: 0, detectedAt: 0, recoveredAt: 4_000, success: false, detection: 'automatic', error: expect.stringContaining('before the run ended') }),
    ]);
    expect(chaos.metrics.getSummary().failedRecoveries).toBe(1);
    expect(chaos.metrics.endRun(chaos.runtime)).toBe(0);
  });

  it('lets measureRecovery take precedence over the automatic record of the same fault: one record', async () => {
    const chaos = detectingRun([crashOnFirstCall]);
    const step = injectCrash({ target: 'product' })(async () => 'ok');
    await chaos.run(async () => {
      const error = await step().catch((caught: unknown) => caught);
      await chaos.clock.sleep(1_000);
      await chaos.metrics.measureRecovery('product', 'run-1', 'crash', () => step(), { fault: error });
    });
    chaos.metrics.endRun(chaos.runtime);
    const recoveries = chaos.recoveries();
    expect(recoveries).toHaveLength(1);
    expect(recoveries[0]).toMatchObject({ faultAt: 0, recoveredAt: 1_000, success: true });
    expect(recoveries[0]).not.toHaveProperty('detection');
  });

  it('counts one record when measureRecovery names another fault type than the fault it recovers from', async () => {
    const chaos = detectingRun([crashOnFirstCall]);
    const step = injectCrash({ target: 'product' })(async () => 'ok');
    await chaos.run(async () => {
      await step().catch(() => undefined);
      await chaos.clock.sleep(1_000);
      await chaos.metrics.measureRecovery('product', 'run-1', 'restart', () => step());
    });
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ faultType: 'restart', faultAt: 0, faultTimeSource: 'recorded', recoveredAt: 1_000 })]);
  });

  it('replaces the automatic record when the explicit one of the same fault is recorded after it', async () => {
    const chaos = detectingRun([crashOnFirstCall]);
    const step = injectCrash({ target: 'product' })(() => 'ok');
    chaos.run(() => {
      expect(() => step()).toThrow();
    });
    await chaos.run(() => chaos.clock.sleep(2_000));
    chaos.run(() => step());
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ detection: 'automatic', recoveredAt: 2_000 })]);
    chaos.run(() =>
      chaos.metrics.recordRecovery({ agentId: 'product', threadId: 'run-1', faultType: 'crash', faultAt: 0, detectedAt: 500, recoveredAt: 1_500, success: true, reconstructionAccuracy: 1 }),
    );
    const recoveries = chaos.recoveries();
    expect(recoveries).toHaveLength(1);
    expect(recoveries[0]).toMatchObject({ detectedAt: 500, recoveredAt: 1_500, faultTimeSource: 'recorded', reconstructionAccuracy: 1 });
    expect(recoveries[0]).not.toHaveProperty('detection');
    expect(chaos.metrics.faultCount).toBe(1);
  });

  it('takes t_detected from the abandoned hang of an injected timeout', async () => {
    const chaos = detectingRun([{ fault: 'timeout', target: 'marketing', trigger: { on: 'call', call: 1 }, options: { timeoutSeconds: 30 } }]);
    const campaign = injectTimeout({ target: 'marketing' })(async () => 'campaign');
    await chaos.run(async () => {
      await chaos.clock.sleep(1_000);
      await campaign().catch(() => undefined); // hangs 1 s .. 31 s
      await chaos.clock.sleep(4_000);
      await campaign(); // 35 s
    });
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ faultType: 'timeout', faultAt: 1_000, detectedAt: 31_000, recoveredAt: 35_000, success: true })]);
  });

  it('records no recovery for a delay the call absorbed (no false positive)', async () => {
    const chaos = detectingRun([{ fault: 'delay', target: 'marketing', trigger: { on: 'call', call: 1 }, options: { delayMs: 800 } }]);
    const step = injectDelay({ target: 'marketing' })(async () => 'ok');
    await chaos.run(async () => {
      await step();
      await step();
    });
    expect(chaos.metrics.endRun(chaos.runtime)).toBe(0);
    expect(chaos.recoveries()).toEqual([]);
    expect(chaos.runtime.recoveries?.open).toBe(0);
  });

  it('closes a corrupted message with the next successful call at its target, not with the call that carried it', async () => {
    const chaos = detectingRun([{ fault: 'corruption', target: 'handoff', trigger: { on: 'call', call: 1 }, options: { fields: ['items'] } }]);
    const send = injectMessageCorruption({ target: 'handoff' })((message: { items: string[] | null }) => message.items?.length ?? 0);
    chaos.run(() => send({ items: ['a', 'b'] })); // carries the corruption at t = 0
    await chaos.run(() => chaos.clock.sleep(1_000)); // the receiver rejects it; the sender re-sends at 1 s
    expect(chaos.recoveries()).toEqual([]);
    chaos.run(() => send({ items: ['a', 'b'] }));
    expect(chaos.recoveries()).toEqual([expect.objectContaining({ faultType: 'corruption', agentId: 'handoff', faultAt: 0, detectedAt: 1_000, recoveredAt: 1_000 })]);
  });

  it('works for withChaos, a hallucinating step, and decorated methods alike', async () => {
    const chaos = detectingRun([
      { fault: 'crash', target: 'writer', trigger: { on: 'call', call: 1 } },
      { fault: 'hallucination', target: 'pricer', trigger: { on: 'call', call: 1 } },
      { fault: 'crash', target: 'upload', trigger: { on: 'call', call: 1 } },
    ]);
    const write = withChaos({ target: 'writer' })(async () => 'text');
    const price = injectHallucination({ target: 'pricer' })(() => 10);
    class Agent {
      @injectCrash()
      async upload(): Promise<string> {
        return 'done';
      }
    }
    const agent = new Agent();
    await chaos.run(async () => {
      await write().catch(() => undefined);
      price();
      await agent.upload().catch(() => undefined);
      await chaos.clock.sleep(1_000);
      await write();
      price();
      await agent.upload();
    });
    expect(chaos.recoveries().map((r) => [r.agentId, r.faultType, r.recoveredAt, r.detection])).toEqual([
      ['writer', 'crash', 1_000, 'automatic'],
      ['pricer', 'hallucination', 1_000, 'automatic'],
      ['upload', 'crash', 1_000, 'automatic'],
    ]);
  });

  it('keeps runs and threads apart', async () => {
    const metrics = new ResilienceMetrics();
    const detector = metrics.detectRecoveries();
    const clock = createVirtualClock();
    const make = (runId: string, plan: FaultRule[]) =>
      createChaosRuntime({ config: { enabled: true, crashProbability: 0 }, clock, seed: runId, runId, plan, emit: metrics.sink, recoveries: detector });
    const a = make('a', [crashOnFirstCall]);
    const b = make('b', []);
    const step = injectCrash({ target: 'product' })(() => 'ok');
    runInChaosScope(a, () => expect(() => step()).toThrow());
    runInChaosScope(b, () => step());
    expect([...metrics.iterateRecoveries()]).toEqual([]);
    runInChaosScope(a, () => step());
    expect([...metrics.iterateRecoveries()]).toEqual([expect.objectContaining({ runId: 'a', success: true })]);
  });

  it('detects recoveries process-wide once the process metrics opt in', () => {
    configureChaos({ enabled: true, crashProbability: 1 });
    const metrics = getMetrics();
    metrics.detectRecoveries();
    const step = injectCrash({ target: 'solo' })(() => 'ok');
    expect(() => step()).toThrow();
    configureChaos({ crashProbability: 0 });
    expect(step()).toBe('ok');
    expect([...metrics.iterateRecoveries()]).toEqual([expect.objectContaining({ agentId: 'solo', threadId: 'default', success: true, detection: 'automatic' })]);
  });

  it('leaves results untouched and watches nothing when detection is off', () => {
    const runtime = createChaosRuntime({ config: { enabled: true, crashProbability: 1 }, emit: () => undefined });
    expect(runtime.recoveries).toBeUndefined();
    const step = injectCrash({ target: 'product' })(() => 'ok');
    expect(() => runInChaosScope(runtime, step)).toThrow();
  });
});

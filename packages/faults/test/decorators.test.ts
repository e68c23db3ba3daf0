import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultEvent, FaultRule } from '@chaos/config';
import * as fixtureFromVitest from './fixtures/ProductAgent.js';

type Fixture = typeof fixtureFromVitest;
const here = fileURLToPath(new URL('.', import.meta.url));

/** Every decorated method, fired by a plan aimed at its method name. */
async function exercise(fixture: Fixture): Promise<void> {
  const { ProductAgent, createChaosRuntime, createVirtualClock, runInChaosScope, isAgentCrashError, isAgentTimeoutError } =
    fixture;
  const events: FaultEvent[] = [];
  const onSecondCall = (fault: FaultRule['fault'], target: string): FaultRule => ({ fault, target, trigger: { on: 'call', call: 2 } });
  const clock = createVirtualClock();
  const runtime = createChaosRuntime({
    config: { enabled: true },
    clock,
    seed: 'decorators',
    plan: [
      onSecondCall('crash', 'upload'),
      onSecondCall('delay', 'publish'),
      onSecondCall('timeout', 'ping'),
      onSecondCall('hallucination', 'price'),
      onSecondCall('corruption', 'send'),
      onSecondCall('crash', 'agent-factory'),
      onSecondCall('crash', '#secret'),
      onSecondCall('delay', 'campaign'),
    ],
    emit: (event) => events.push(event as FaultEvent),
  });

  await runInChaosScope(runtime, async () => {
    const agent = ProductAgent.create('p');
    expect(() => ProductAgent.create('q')).toThrow(expect.objectContaining({ code: 'CHAOS_AGENT_CRASH', target: 'agent-factory' }));

    // Sync stays sync, `this` is the instance.
    expect(agent.upload('a')).toBe(1);
    let crash: unknown;
    try {
      agent.upload('b');
    } catch (error: unknown) {
      crash = error;
    }
    expect(isAgentCrashError(crash)).toBe(true);
    expect(agent.uploaded).toEqual(['a']);

    expect(await agent.publish('x')).toBe('p:x');
    const before = clock.now();
    expect(await agent.publish('y')).toBe('p:y');
    expect(clock.now() - before).toBe(500);

    expect(await agent.ping()).toBe('pong');
    await expect(agent.ping()).rejects.toSatisfy(isAgentTimeoutError);

    expect(agent.price('s')).toBe(20);
    expect(agent.price('s')).not.toBe(20);

    const message = { body: 'hello', to: 'marketing' };
    expect(agent.send(message)).toBe('hello');
    agent.send(message);
    expect(agent.received[1]).not.toEqual(message);
    expect(message).toEqual({ body: 'hello', to: 'marketing' });

    expect(agent.reveal()).toBe('p-secret');
    expect(() => agent.reveal()).toThrow(expect.objectContaining({ target: '#secret' }));

    expect(await agent.campaign(['a', 'b'])).toBe(2);
    const t = clock.now();
    expect(await agent.campaign(['a'])).toBe(1);
    expect(clock.now() - t).toBe(500);
  });

  expect(events.map((event) => `${event.fault}@${event.target}`)).toEqual([
    'crash@agent-factory',
    'crash@upload',
    'delay@publish',
    'timeout@ping',
    'hallucination@price',
    'corruption@send',
    'crash@#secret',
    'delay@campaign',
  ]);
  expect(ProductAgent.prototype.upload.name).toBe('upload');
}

describe('TS 5 standard decorators', () => {
  it('work on methods, static methods and private methods, compiled by vitest (esbuild transform)', async () => {
    await exercise(fixtureFromVitest);
  });

  describe('compiled by esbuild’s build API, as tsup does for users', () => {
    let dir: string;
    let code: string;
    let compiled: Fixture;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'chaos-faults-decorators-'));
      const outfile = join(dir, 'ProductAgent.mjs');
      const result = await build({
        entryPoints: [join(here, 'fixtures/ProductAgent.ts')],
        outfile,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'es2022',
        alias: { '@chaos/config': join(here, '../../config/src/index.ts') },
        write: true,
        metafile: true,
        logLevel: 'silent',
      });
      expect(result.errors).toEqual([]);
      const { readFileSync } = await import('node:fs');
      code = readFileSync(outfile, 'utf8');
      compiled = (await import(pathToFileURL(outfile).href)) as Fixture;
    });

    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('lowers the @ syntax to plain JavaScript', () => {
      expect(code).not.toMatch(/^\s*@injectCrash/m);
      expect(code).toContain('__decorateElement');
    });

    it('runs with the same behaviour', async () => {
      await exercise(compiled);
    });
  });
});

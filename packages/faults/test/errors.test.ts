import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentCrashError,
  AgentTimeoutError,
  ChaosConfigError,
  ChaosError,
  MessageCorruptionError,
  configureChaos,
  hasChaosErrorCode,
  injectCrash,
  isAgentCrashError,
  isAgentTimeoutError,
  isChaosConfigError,
  isChaosError,
  isMessageCorruptionError,
} from '../src/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('error classes', () => {
  it('carry name, stable code, fault, target, seed, run id and cause', () => {
    const cause = new Error('schema mismatch');
    const crash = new AgentCrashError({ target: 'product', seed: 's', runId: 'r', ruleId: 'crash@product' });
    const timeout = new AgentTimeoutError({ target: 'marketing', timeoutSeconds: 30, seed: 's' });
    const corruption = new MessageCorruptionError({ target: 'handoff', fields: ['items'], cause });
    expect(crash).toMatchObject({ name: 'AgentCrashError', code: 'CHAOS_AGENT_CRASH', fault: 'crash', target: 'product', seed: 's', runId: 'r', ruleId: 'crash@product' });
    expect(crash.message).toBe('Injected crash in "product" (rule "crash@product", seed "s")');
    expect(timeout).toMatchObject({ name: 'AgentTimeoutError', code: 'CHAOS_AGENT_TIMEOUT', fault: 'timeout', timeoutSeconds: 30 });
    expect(corruption).toMatchObject({ name: 'MessageCorruptionError', code: 'CHAOS_MESSAGE_CORRUPTION', fault: 'corruption', fields: ['items'], cause });
    expect(corruption.message).toBe('Corrupt message for "handoff" (fields: items)');
    for (const error of [crash, timeout, corruption]) {
      expect(error).toBeInstanceOf(ChaosError);
      expect(error).toBeInstanceOf(Error);
      expect(isChaosError(error)).toBe(true);
    }
    expect(new AgentCrashError({ message: 'custom' }).message).toBe('custom');
    expect(new AgentCrashError().message).toBe('Injected crash in an agent');
  });

  it('guards tell the errors apart and reject look-alikes without the brand', () => {
    const crash = new AgentCrashError();
    expect([isAgentCrashError(crash), isAgentTimeoutError(crash), isMessageCorruptionError(crash)]).toEqual([true, false, false]);
    expect(isAgentTimeoutError(new AgentTimeoutError())).toBe(true);
    expect(isMessageCorruptionError(new MessageCorruptionError())).toBe(true);
    expect(isAgentCrashError({ code: 'CHAOS_AGENT_CRASH' })).toBe(false);
    expect(isAgentCrashError(new Error('CHAOS_AGENT_CRASH'))).toBe(false);
    expect(isAgentCrashError(null)).toBe(false);
    expect(isAgentCrashError('CHAOS_AGENT_CRASH')).toBe(false);
  });

  it('guards recognise an error from another installed copy (same brand and code)', () => {
    const foreign = Object.assign(new Error('from another copy'), { code: 'CHAOS_AGENT_CRASH' });
    Object.defineProperty(foreign, Symbol.for('@chaos/error'), { value: true });
    expect(foreign).not.toBeInstanceOf(AgentCrashError);
    expect(isAgentCrashError(foreign)).toBe(true);
    expect(hasChaosErrorCode(foreign, 'CHAOS_AGENT_CRASH')).toBe(true);
  });

  it('re-exports the config errors and functions an agent author needs', () => {
    let caught: unknown;
    try {
      configureChaos({ crashProbability: 2 });
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ChaosConfigError);
    expect(isChaosConfigError(caught)).toBe(true);
  });
});

describe('two installed copies (an ESM and a CJS bundle, each with its own @chaos/config)', () => {
  let dir: string;
  type Copy = typeof import('../src/index.js') & {
    runInChaosScope: typeof import('@chaos/config').runInChaosScope;
    createChaosRuntime: typeof import('@chaos/config').createChaosRuntime;
  };
  let esm: Copy;
  let cjs: Copy;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'chaos-faults-copies-'));
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `export * from ${JSON.stringify(join(here, '../src/index.ts'))};\nexport { runInChaosScope, createChaosRuntime } from '@chaos/config';\n`,
    );
    const configSource = join(here, '../../config/src/index.ts');
    for (const format of ['esm', 'cjs'] as const) {
      await build({
        entryPoints: [entry],
        outfile: join(dir, format === 'esm' ? 'copy.mjs' : 'copy.cjs'),
        bundle: true,
        format,
        platform: 'node',
        target: 'es2022',
        alias: { '@chaos/config': configSource },
        nodePaths: [join(here, '../../config/node_modules')],
        logLevel: 'silent',
      });
    }
    esm = (await import(pathToFileURL(join(dir, 'copy.mjs')).href)) as Copy;
    cjs = createRequire(import.meta.url)(join(dir, 'copy.cjs')) as Copy;
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('instanceof fails across copies where the guards still work', () => {
    const runtime = esm.createChaosRuntime({ config: { enabled: true }, seed: 'copies' });
    const crashing = esm.injectCrash({ probability: 1, target: 'x' })(() => 1);
    let caught: unknown;
    try {
      esm.runInChaosScope(runtime, () => crashing());
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(esm.AgentCrashError);
    expect(caught).not.toBeInstanceOf(cjs.AgentCrashError);
    expect(caught).not.toBeInstanceOf(AgentCrashError);
    expect(cjs.isAgentCrashError(caught)).toBe(true);
    expect(isAgentCrashError(caught)).toBe(true);
    expect(cjs.isChaosError(caught)).toBe(true);
    expect(cjs.isAgentTimeoutError(caught)).toBe(false);

    const timeout = new cjs.AgentTimeoutError({ target: 'y' });
    expect(timeout).not.toBeInstanceOf(esm.AgentTimeoutError);
    expect(esm.isAgentTimeoutError(timeout)).toBe(true);
    expect(esm.isMessageCorruptionError(new cjs.MessageCorruptionError())).toBe(true);
  });

  it('an outer injector from one copy treats another copy’s delay wrapper as async', async () => {
    const runtime = cjs.createChaosRuntime({ config: { enabled: true }, seed: 'copies' });
    const wrapped = cjs.injectCrash({ probability: 1 })(esm.injectDelay({ probability: 0 })(() => 1));
    let result: unknown;
    expect(() => {
      result = cjs.runInChaosScope(runtime, () => wrapped());
    }).not.toThrow();
    await expect(result).rejects.toSatisfy(isAgentCrashError);
  });

  it('the crash wrapper treats its own package’s delay wrapper as async too', async () => {
    const { testScope } = await import('./helpers.js');
    const wrapped = injectCrash({ probability: 1 })((await import('../src/index.js')).injectDelay({ probability: 0 })(() => 1));
    const result = testScope().run(() => wrapped());
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toBeInstanceOf(AgentCrashError);
  });
});

// `chaos run --backend bullmq --junit --fail-on`: the queue takes the same path to the
// JUnit file, the gates and the exit code as a local campaign (built CLI, real Redis).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, requireBuild } from './helpers.js';
import { chaos, deleteKeys, killAll, REDIS_URL, requireRedis, type Running, startWorker, testPrefix } from './redisHelpers.js';

const prefix = testPrefix('gates');
const failing = join(fixturesDir, 'failingScenarios.mjs');
const running = new Set<Running>();
const campaign = ['run', '--module', failing, '--scenarios', 'ProductCrashMidUpload,FixtureFailsCheck', '--runs', '3', '--seed', 'gates-bullmq'];
const redisArgs = ['--redis', REDIS_URL, '--redis-prefix', prefix, '--queue', 'gates'];

beforeAll(async () => {
  requireBuild();
  await requireRedis();
});

afterEach(async () => {
  await killAll(running);
  running.clear();
});

afterAll(async () => {
  await deleteKeys(prefix);
});

/** A JUnit file without the campaign's wall time, the one thing two executions differ in. */
const stable = (xml: string): string => xml.replace(/(<testsuites [^>]*)time="[\d.]+"/, '$1time="<wall>"');

describe('chaos run --backend bullmq --junit --fail-on', () => {
  it('writes the same JUnit file as a local campaign and exits 1 on the failed gate', async () => {
    running.add(await startWorker([...redisArgs, '--module', failing]));
    const dir = mkdtempSync(join(tmpdir(), 'chaos-gates-bullmq-'));
    const queued = await chaos([...campaign, '--backend', 'bullmq', ...redisArgs, '--junit', join(dir, 'queued.xml'), '--fail-on', 'successRate<99']);
    expect(queued.stderr).toContain('chaos: gate successRate<99 failed: successRate is 50 %, below 99 %');
    expect(queued.code).toBe(1);
    const local = await chaos([...campaign, '--junit', join(dir, 'local.xml'), '--fail-on', 'successRate<99']);
    expect(local.code).toBe(1);
    expect(stable(readFileSync(join(dir, 'queued.xml'), 'utf8'))).toBe(stable(readFileSync(join(dir, 'local.xml'), 'utf8')));
  });

  it('refuses a bad gate with exit 2 before it connects to Redis', async () => {
    const result = await chaos([...campaign, '--backend', 'bullmq', '--redis', 'redis://127.0.0.1:1', '--fail-on', 'nrr<half']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--fail-on "nrr<half" is not an objective');
    expect(result.stderr).not.toContain('Redis');
  });
});

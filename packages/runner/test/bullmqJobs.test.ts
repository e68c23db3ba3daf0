import { describe, expect, it } from 'vitest';
import { redactRedisUrl } from '../src/bullmq.js';
import { deriveRunSeed, runCli, type RunTask } from '../src/index.js';
import { checkRedisUrl } from '../src/_internals/redisUrl.js';
import { campaignJobPrefix, decodeRunJob, encodeRunJob, MalformedRunJobError, runJobId } from '../src/_internals/runJob.js';

const campaign = 'a3f1c9e07b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7';

function taskOf(runIndex: number, overrides: Partial<RunTask> = {}): RunTask {
  return {
    campaign,
    scenario: 'MarketingTimeout',
    scenarioIndex: 1,
    runIndex,
    seed: deriveRunSeed('s', 'MarketingTimeout', runIndex),
    runId: `MarketingTimeout#${runIndex}`,
    time: 'virtual',
    config: undefined,
    runTimeoutSeconds: 30,
    accuracyThreshold: 0.9,
    ...overrides,
  };
}

const plain = { useModuleWorkflowFactory: false, hasInitialState: false, initialState: undefined };

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe('Redis URLs', () => {
  it('are printed with the password masked, whatever its place', () => {
    expect(redactRedisUrl('redis://worker:s3cret@db.lab:6379/2')).toBe('redis://worker:***@db.lab:6379/2');
    expect(redactRedisUrl('rediss://:s3cret@db.lab')).toBe('rediss://:***@db.lab');
    expect(redactRedisUrl('redis://db.lab:6379?password=s3cret')).toBe('redis://db.lab:6379?password=***');
    expect(redactRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redactRedisUrl('not a url :s3cret@host')).not.toContain('s3cret');
    expect(redactRedisUrl('redis//user:s3cret@host')).not.toContain('s3cret');
  });

  it('must be redis:// or rediss:// with a host; the error never shows the password', () => {
    expect(checkRedisUrl('--redis', 'redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(() => checkRedisUrl('--redis', 'http://:s3cret@127.0.0.1')).toThrow(/Expected `--redis` to be a Redis URL .* got `http:\/\/:\*\*\*@127\.0\.0\.1\/`/);
    expect(() => checkRedisUrl('--redis', '127.0.0.1:6379')).toThrow(TypeError);
    expect(() => checkRedisUrl('redis', '')).toThrow(/got `""`/);
  });
});

describe('run jobs', () => {
  it('have ids from the campaign fingerprint and the run, never all digits and without `:`', () => {
    expect(runJobId(taskOf(7))).toBe('a3f1c9e07b2d4e5f-1-7');
    expect(runJobId(taskOf(7)).startsWith(campaignJobPrefix(campaign))).toBe(true);
    expect(runJobId(taskOf(7, { campaign: campaign.replace('a3', 'b3') }))).not.toBe(runJobId(taskOf(7)));
    expect(runJobId(taskOf(7))).not.toMatch(/:|^\d+$/);
  });

  it('carry plain data that reads back into the same task', () => {
    const task = taskOf(3, { config: { crashProbability: 0.2 }, runTimeoutSeconds: Infinity, time: 'real' });
    const data = encodeRunJob(task, '1.2.3', { useModuleWorkflowFactory: true, hasInitialState: true, initialState: { items: [1, 2] } });
    const wire = JSON.parse(JSON.stringify(data)) as unknown;
    expect(wire).toEqual(data);
    expect(decodeRunJob(wire, '1.2.3')).toEqual({ task, workflow: 'module', hasInitialState: true, initialState: { items: [1, 2] } });
  });

  it.each([
    [null, /`data` must be an object/],
    [{ format: 'other' }, /`format` must be "chaos-run"/],
    [{ ...encodeRunJob(taskOf(0), '1.2.3', plain), formatVersion: 9 }, /`formatVersion` must be 1, got `9`/],
    [{ ...encodeRunJob(taskOf(0), '1.2.3', plain), task: 'x' }, /`task` must be an object/],
    [{ ...encodeRunJob(taskOf(0), '1.2.3', plain), task: { ...encodeRunJob(taskOf(0), '1.2.3', plain).task, seed: 42 } }, /`task.seed` must be a non-empty string, got `42`/],
    [{ ...encodeRunJob(taskOf(0), '1.2.3', plain), task: { ...encodeRunJob(taskOf(0), '1.2.3', plain).task, runIndex: -1 } }, /`task.runIndex` must be an integer >= 0/],
    [{ ...encodeRunJob(taskOf(0), '1.2.3', plain), task: { ...encodeRunJob(taskOf(0), '1.2.3', plain).task, runId: 'x#0' } }, /`task.runId` must be "MarketingTimeout#0"/],
    [{ ...encodeRunJob(taskOf(0), '1.2.3', plain), task: { ...encodeRunJob(taskOf(0), '1.2.3', plain).task, time: 'fast' } }, /`task.time` must be "virtual" or "real"/],
    [{ ...encodeRunJob(taskOf(0), '1.2.3', plain), task: { ...encodeRunJob(taskOf(0), '1.2.3', plain).task, config: { crashProbability: 3 } } }, /`task.config`: .*crashProbability/],
    [{ ...encodeRunJob(taskOf(0), '1.2.3', plain), workflow: 'mine' }, /`workflow` must be "scenario" or "module"/],
  ])('refuse malformed data %#, saying which field and what was expected', (data, message) => {
    expect(() => decodeRunJob(data, '1.2.3')).toThrow(MalformedRunJobError);
    expect(() => decodeRunJob(data, '1.2.3')).toThrow(message);
  });

  it('are refused by a worker of another runner version', () => {
    expect(() => decodeRunJob(encodeRunJob(taskOf(0), '1.2.3', plain), '1.3.0')).toThrow(/started with @chaos\/runner "1.2.3" and this worker runs 1.3.0/);
  });
});

describe('chaos run --backend / chaos worker: usage errors, before anything connects', () => {
  it('--redis and --queue go with --backend bullmq only', async () => {
    const { code, stderr } = await cli('run', '--runs', '1', '--redis', 'redis://127.0.0.1:6379', '--queue', 'q');
    expect(code).toBe(2);
    expect(stderr).toBe('chaos: --redis, --queue go with --backend bullmq\n');
  });

  it('--backend bullmq needs a URL, a Redis one, and leaves concurrency to the workers', async () => {
    const saved = process.env['CHAOS_REDIS_URL'];
    delete process.env['CHAOS_REDIS_URL'];
    try {
      expect((await cli('run', '--backend', 'bullmq')).stderr).toMatch(/needs a Redis server: pass --redis <url> or set CHAOS_REDIS_URL/);
      const bad = await cli('run', '--backend', 'bullmq', '--redis', 'http://u:hunter2@h');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/Expected `--redis` to be a Redis URL/);
      expect(bad.stderr).not.toContain('hunter2');
      process.env['CHAOS_REDIS_URL'] = 'tcp://:hunter2@h';
      const fromEnv = await cli('worker');
      expect(fromEnv.code).toBe(2);
      expect(fromEnv.stderr).toMatch(/Expected `CHAOS_REDIS_URL` to be a Redis URL/);
      expect(fromEnv.stderr).not.toContain('hunter2');
      const concurrency = await cli('run', '--backend', 'bullmq', '--redis', 'redis://127.0.0.1:6379', '--concurrency', '4');
      expect(concurrency).toMatchObject({ code: 2 });
      expect(concurrency.stderr).toMatch(/--concurrency does not apply to --backend bullmq: each `chaos worker --concurrency N`/);
    } finally {
      if (saved === undefined) delete process.env['CHAOS_REDIS_URL'];
      else process.env['CHAOS_REDIS_URL'] = saved;
    }
  });

  it('chaos worker --help lists its options', async () => {
    const { code, stdout } = await cli('worker', '--help');
    expect(code).toBe(0);
    for (const option of ['--redis <url>', '--queue <name>', '--concurrency <n>', '--module <path>', '--lock-duration <seconds>', '--grace <seconds>']) {
      expect(stdout).toContain(option);
    }
  });
});

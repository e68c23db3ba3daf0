import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { checkRedis } from '../src/bullmq.js';
import { cliPath, packageDir } from './helpers.js';

/**
 * The Redis server the tests use: `CHAOS_TEST_REDIS_URL`, else the one this project's
 * machines run. Every test file works under a key prefix of its own and deletes its
 * keys afterwards, so tests never see each other's queues, nor anyone else's.
 */
export const REDIS_URL = process.env['CHAOS_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Fails with what to do when the tests' Redis does not answer. */
export async function requireRedis(): Promise<void> {
  try {
    await checkRedis(REDIS_URL, { timeoutSeconds: 3 });
  } catch (error: unknown) {
    throw new Error(
      `These tests need Redis (${error instanceof Error ? error.message : String(error)}). Start it: redis-server --daemonize yes --port 6379 --save "" --appendonly no, or point CHAOS_TEST_REDIS_URL at one.`,
    );
  }
}

/** A key prefix no other test (or run of this one) uses. */
export function testPrefix(name: string): string {
  return `chaos-test-${name}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(prefix: string, url = REDIS_URL): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node dist/cli.js …` to the end (or its timeout). */
export function chaos(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { cwd: packageDir, env: { ...process.env, NO_COLOR: '1', ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number' && error.signal == null) reject(error);
        else resolve({ code: typeof error?.code === 'number' ? error.code : error === null ? 0 : null, signal: error?.signal ?? null, stdout, stderr });
      },
    );
  });
}

/** A `chaos` process left running, with its output so far. */
export interface Running {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves when its output (stdout and stderr) matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves when it exits. */
  readonly exited: Promise<Outcome>;
}

/** Starts `node dist/cli.js …` in the background. */
export function spawnChaos(args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: packageDir, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  const changed = (): void => {
    for (const watcher of watchers) watcher();
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    changed();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    changed();
  });
  const exited = new Promise<Outcome>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
      changed();
    });
  });
  const output = (): string => `${stdout}${stderr}`;
  return {
    child,
    output,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${String(pattern)}; output so far:\n${output()}`));
        }, timeoutMs);
        const check = (): void => {
          if (pattern.test(output())) {
            clearTimeout(timer);
            watchers.delete(check);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            watchers.delete(check);
            reject(new Error(`The process exited (${child.exitCode ?? child.signalCode}) before printing ${String(pattern)}; output:\n${output()}`));
          }
        };
        watchers.add(check);
        check();
      });
    },
  };
}

/** Starts `chaos worker` and resolves once it is ready. */
export async function startWorker(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const worker = spawnChaos(['worker', ...args], env);
  await worker.waitFor(/chaos worker: ready/);
  return worker;
}

/** Stops background processes still running (SIGKILL), and waits for them. */
export async function killAll(processes: Iterable<Running>): Promise<void> {
  const waits: Promise<Outcome>[] = [];
  for (const running of processes) {
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
    waits.push(running.exited);
  }
  await Promise.all(waits);
}

/** A TCP port nothing listens on (at the moment of asking). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `condition` every 20 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

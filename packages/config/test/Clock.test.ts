import { describe, expect, it } from 'vitest';
import { createVirtualClock, realClock, type Clock } from '../src/index.js';

/** Three tasks that sleep, log and hand work to each other through promises. */
async function choreography(clock: Clock, unit: number): Promise<string[]> {
  const log: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const a = (async () => {
    log.push('a:start');
    await clock.sleep(3 * unit);
    log.push('a:after-3');
    release();
    await Promise.resolve();
    log.push('a:released');
    await clock.sleep(4 * unit);
    log.push('a:after-7');
  })();
  const b = (async () => {
    log.push('b:start');
    await clock.sleep(1 * unit);
    log.push('b:after-1');
    await gate;
    log.push('b:gate-open');
    await clock.sleep(2 * unit);
    log.push('b:after-5');
  })();
  const c = (async () => {
    await clock.sleep(6 * unit);
    log.push('c:after-6');
    await Promise.all([Promise.resolve(), clock.sleep(0)]);
    log.push('c:after-6-again');
  })();
  await Promise.all([a, b, c]);
  return log;
}

describe('createVirtualClock', () => {
  it('completes a 30-second sleep in milliseconds of wall time', async () => {
    const clock = createVirtualClock();
    const wallStart = performance.now();
    await clock.sleep(30_000);
    expect(clock.now()).toBe(30_000);
    expect(performance.now() - wallStart).toBeLessThan(1_000);
  });

  it('gives the same interleaving of events as the real clock', async () => {
    const virtual = await choreography(createVirtualClock(), 1_000);
    const real = await choreography(realClock, 15);
    expect(virtual).toEqual(real);
  });
});

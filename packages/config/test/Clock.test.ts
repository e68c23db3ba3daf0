import { describe, expect, it } from 'vitest';
import { cancellableSleep, createVirtualClock, realClock, type Clock } from '../src/index.js';

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

/** `clock`, recording how late each sleep ended (ms past its requested duration). */
function latenessRecording(clock: Clock): { clock: Clock; lateness(): number } {
  let worst = 0;
  return {
    clock: {
      ...clock,
      now: () => clock.now(),
      async sleep(ms: number, signal?: AbortSignal): Promise<void> {
        const start = clock.now();
        await clock.sleep(ms, signal);
        worst = Math.max(worst, clock.now() - start - ms);
      },
    },
    lateness: () => worst,
  };
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
    // Events of the real run are a unit apart: a timer that fires half a unit late (a
    // loaded machine) may swap two of them, and then that run says nothing about the
    // virtual clock. Only a run whose every sleep ended within half a unit of its time
    // is compared; up to five runs are tried for one.
    const unit = 20;
    let trusted: string[] | undefined;
    let worstLateness = 0;
    for (let attempt = 0; attempt < 5 && trusted === undefined; attempt++) {
      const timed = latenessRecording(realClock);
      const real = await choreography(timed.clock, unit);
      worstLateness = timed.lateness();
      if (worstLateness < unit / 2) trusted = real;
    }
    expect(trusted, `every real run had a timer ${worstLateness.toFixed(1)} ms late: the machine is too loaded to compare`).toBeDefined();
    expect(virtual).toEqual(trusted);
  });
});

describe('virtual clock ordering', () => {
  it('wakes equal deadlines in the order the sleeps were made', async () => {
    const clock = createVirtualClock();
    const order: string[] = [];
    await Promise.all(
      ['first', 'second', 'third'].map(async (name, i) => {
        await clock.sleep(i === 1 ? 0 : 0); // same deadline
        order.push(name);
      }),
    );
    const late: string[] = [];
    await Promise.all([
      clock.sleep(10).then(() => late.push('made first, due at 10')),
      clock.sleep(5).then(() => clock.sleep(5)).then(() => late.push('made second, due at 10')),
    ]);
    expect(order).toEqual(['first', 'second', 'third']);
    // The second sleep to 10 is made at t=5, after the first: the first wakes first.
    expect(late).toEqual(['made first, due at 10', 'made second, due at 10']);
  });

  it('runs everything a woken sleeper sets off before the next sleeper wakes', async () => {
    const clock = createVirtualClock();
    const log: string[] = [];
    const chain = async (): Promise<void> => {
      await clock.sleep(1);
      for (let i = 0; i < 20; i++) await Promise.resolve();
      log.push('chain done at 1');
    };
    await Promise.all([chain(), clock.sleep(1).then(() => log.push('other woken at 1'))]);
    expect(log).toEqual(['chain done at 1', 'other woken at 1']);
  });

  it('starts where it is told and never goes back', async () => {
    const clock = createVirtualClock({ startMs: 1_000 });
    expect(clock.now()).toBe(1_000);
    await clock.sleep(0);
    expect(clock.now()).toBe(1_000);
    await clock.sleep(250);
    expect(clock.now()).toBe(1_250);
  });

  it('rejects a negative, NaN or infinite duration with a RangeError', () => {
    const clock = createVirtualClock();
    for (const ms of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => clock.sleep(ms)).toThrow(RangeError);
      expect(() => realClock.sleep(ms)).toThrow(RangeError);
    }
    expect(() => createVirtualClock({ startMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('virtual clock cancellation', () => {
  it('rejects at once with the reason of an already aborted signal', async () => {
    const clock = createVirtualClock();
    const reason = new Error('stop');
    await expect(clock.sleep(100, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(clock.pendingTimers).toBe(0);
  });

  it('removes an aborted sleeper from the heap at once and rejects with the reason', async () => {
    const clock = createVirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(30_000, controller.signal);
    const other = clock.sleep(10);
    expect(clock.pendingTimers).toBe(2);
    controller.abort(new Error('cancelled'));
    expect(clock.pendingTimers).toBe(1);
    await expect(sleeping).rejects.toThrow('cancelled');
    await other;
    // Time went only as far as the live timer: the cancelled one did not move it.
    expect(clock.now()).toBe(10);
  });

  it('does not leave cancelled timers behind across many cancellations', async () => {
    const clock = createVirtualClock();
    for (let i = 0; i < 1_000; i++) {
      const controller = new AbortController();
      const sleeping = clock.sleep(1_000 + i, controller.signal).catch(() => undefined);
      controller.abort();
      await sleeping;
    }
    expect(clock.pendingTimers).toBe(0);
  });

  it('holds time still while real work is in flight', async () => {
    const clock = createVirtualClock();
    const log: string[] = [];
    let finishIo!: () => void;
    const io = new Promise<void>((resolve) => (finishIo = resolve));
    const held = clock.hold(io.then(() => log.push(`io done at ${clock.now()}`)));
    const sleeper = clock.sleep(5_000).then(() => log.push(`slept until ${clock.now()}`));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual([]);
    finishIo();
    await Promise.all([held, sleeper]);
    expect(log).toEqual(['io done at 0', 'slept until 5000']);
  });

  it('rejects every parked sleeper when disposed, and later sleeps too', async () => {
    const clock = createVirtualClock();
    const a = clock.sleep(10);
    const b = clock.sleep(20);
    clock[Symbol.dispose]();
    clock.dispose();
    await expect(a).rejects.toMatchObject({ name: 'ClockDisposedError' });
    await expect(b).rejects.toMatchObject({ name: 'ClockDisposedError' });
    await expect(clock.sleep(1)).rejects.toMatchObject({ name: 'ClockDisposedError' });
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('realClock', () => {
  it('sleeps on real timers and stops early on abort', async () => {
    const start = realClock.now();
    await realClock.sleep(5);
    expect(realClock.now() - start).toBeGreaterThanOrEqual(4);
    const controller = new AbortController();
    const sleeping = realClock.sleep(60_000, controller.signal);
    controller.abort(new Error('enough'));
    await expect(sleeping).rejects.toThrow('enough');
    await expect(realClock.sleep(1, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('cancellableSleep', () => {
  it('sleeps on a virtual clock like sleep, and a cancel leaves the heap at once with the reason', async () => {
    const clock = createVirtualClock();
    const done = cancellableSleep(clock, 50);
    expect(clock.pendingTimers).toBe(1);
    await done.done;
    expect(clock.now()).toBe(50);
    const reason = new Error('settled');
    const cancelled = cancellableSleep(clock, 30_000);
    const other = clock.sleep(10);
    expect(clock.pendingTimers).toBe(2);
    cancelled.cancel(reason);
    expect(clock.pendingTimers).toBe(1);
    await expect(cancelled.done).rejects.toBe(reason);
    await other;
    expect(clock.now()).toBe(60);
    // Once settled, cancel does nothing.
    cancelled.cancel(new Error('again'));
    done.cancel(new Error('late'));
    await expect(done.done).resolves.toBeUndefined();
  });

  it('keeps the order of equal deadlines with sleeps made around it', async () => {
    const clock = createVirtualClock();
    const log: string[] = [];
    const a = clock.sleep(10).then(() => log.push('a'));
    const b = cancellableSleep(clock, 10).done.then(() => log.push('b'));
    const c = clock.sleep(10).then(() => log.push('c'));
    await Promise.all([a, b, c]);
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('is rejected by a dispose like any sleeper, and checks its duration', async () => {
    const clock = createVirtualClock();
    const pending = cancellableSleep(clock, 100);
    clock.dispose();
    await expect(pending.done).rejects.toMatchObject({ name: 'ClockDisposedError' });
    await expect(cancellableSleep(clock, 1).done).rejects.toMatchObject({ name: 'ClockDisposedError' });
    expect(() => cancellableSleep(createVirtualClock(), -1)).toThrow(RangeError);
  });

  it('works on the real clock and on any other Clock (through an AbortSignal)', async () => {
    await cancellableSleep(realClock, 1).done;
    const real = cancellableSleep(realClock, 60_000);
    real.cancel(new Error('enough'));
    await expect(real.done).rejects.toThrow('enough');
    const seen: (AbortSignal | undefined)[] = [];
    const inner = createVirtualClock();
    const custom: Clock = { kind: 'virtual', now: () => inner.now(), sleep: (ms, signal) => (seen.push(signal), inner.sleep(ms, signal)) };
    const sleeping = cancellableSleep(custom, 1_000);
    expect(seen[0]).toBeInstanceOf(AbortSignal);
    sleeping.cancel(new Error('stop'));
    await expect(sleeping.done).rejects.toThrow('stop');
    expect(inner.pendingTimers).toBe(0);
  });
});

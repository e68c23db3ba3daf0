import {
  type ChaosConfig,
  type ChaosEvent,
  type FaultEvent,
  type FaultRule,
  type RandomSource,
  type VirtualClock,
  createChaosRuntime,
  createRandom,
  createVirtualClock,
  runInChaosScope,
  type ChaosRuntime,
} from '@chaos/config';

/**
 * A seeded random source that counts the numbers drawn from each fork, by label
 * (`crash:product`), so tests can see exactly which streams a call touched.
 */
export function countingRandom(seed: string): {
  random: RandomSource;
  draws: Map<string, number>;
  values: Map<string, number[]>;
  total(): number;
} {
  const draws = new Map<string, number>();
  const values = new Map<string, number[]>();
  const wrap = (source: RandomSource, label: string): RandomSource => {
    const count = (): void => {
      draws.set(label, (draws.get(label) ?? 0) + 1);
    };
    return {
      seed: source.seed,
      next: () => {
        count();
        const value = source.next();
        let list = values.get(label);
        if (list === undefined) values.set(label, (list = []));
        list.push(value);
        return value;
      },
      nextInt: (max) => {
        count();
        return source.nextInt(max);
      },
      pick: (items) => {
        count();
        return source.pick(items);
      },
      fork: (child) => wrap(source.fork(child), label === '' ? child : `${label}/${child}`),
    };
  };
  return { random: wrap(createRandom(seed), ''), draws, values, total: () => [...draws.values()].reduce((a, b) => a + b, 0) };
}

export interface TestScope {
  readonly runtime: ChaosRuntime;
  readonly clock: VirtualClock;
  readonly events: ChaosEvent[];
  readonly faults: () => FaultEvent[];
  readonly draws: Map<string, number>;
  /** Every number drawn with `next()`, per stream label. */
  readonly values: Map<string, number[]>;
  run<T>(fn: () => T): T;
}

/** An enabled chaos scope on a virtual clock, recording its events and random draws. */
export function testScope(
  options: {
    seed?: string;
    plan?: readonly FaultRule[];
    config?: Partial<ChaosConfig>;
    runId?: string;
  } = {},
): TestScope {
  const clock = createVirtualClock();
  const events: ChaosEvent[] = [];
  const { random, draws, values } = countingRandom(options.seed ?? 'test-seed');
  const runtime = createChaosRuntime({
    config: { enabled: true, ...options.config },
    clock,
    random,
    plan: options.plan ?? [],
    emit: (event) => events.push(event),
    runId: options.runId ?? 'run-1',
  });
  return {
    runtime,
    clock,
    events,
    draws,
    values,
    faults: () => events.filter((event): event is FaultEvent => event.kind === 'fault'),
    run: (fn) => runInChaosScope(runtime, fn),
  };
}

/** A promise that is only settled once, for checking pending state. */
export function settledState(promise: Promise<unknown>): { readonly state: 'pending' | 'fulfilled' | 'rejected'; readonly value: unknown } {
  const box: { state: 'pending' | 'fulfilled' | 'rejected'; value: unknown } = { state: 'pending', value: undefined };
  promise.then(
    (value) => {
      box.state = 'fulfilled';
      box.value = value;
    },
    (error: unknown) => {
      box.state = 'rejected';
      box.value = error;
    },
  );
  return box;
}

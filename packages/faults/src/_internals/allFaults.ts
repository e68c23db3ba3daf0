import type { ChaosRuntime, CoreFaultKind, RandomSource, Tags } from '@chaos/config';
import type { AnyFunction } from '../FaultInjector.js';
import type { WithChaosSettings } from '../withChaosOptions.js';
import { corruptArguments, crashError, delayOf, hallucinateValue, hang, signalOf, timeoutOf } from './effects.js';
import { type Decision, type Site, createSite, createStreamCache } from './site.js';

/*
 * The five faults of one function wrapped by `withChaos`: their sites, their decision
 * streams, and what happens to a call on which at least one fired.
 */

/** The five sites of one wrapped function, in the order a call applies them. */
export interface AllFaults {
  readonly corruption: Site;
  readonly crash: Site;
  readonly timeout: Site;
  readonly delay: Site;
  readonly hallucination: Site;
  /** The decision streams of a run, one per fault, cached per runtime. */
  readonly streamsOf: (runtime: ChaosRuntime) => Readonly<Record<CoreFaultKind, RandomSource>>;
}

/** The five faults in the order a call applies them (and its objects list them). */
const FAULTS: readonly CoreFaultKind[] = ['corruption', 'crash', 'timeout', 'delay', 'hallucination'];

export function createAllFaults(target: string, tags: Tags | undefined): AllFaults {
  const sites = {} as Record<CoreFaultKind, Site>;
  for (const fault of FAULTS) sites[fault] = createSite(fault, target, tags);
  const streamsOf = createStreamCache((runtime) => {
    const streams = {} as Record<CoreFaultKind, RandomSource>;
    for (const fault of FAULTS) streams[fault] = runtime.stream(sites[fault].label);
    return streams;
  });
  return { ...sites, streamsOf };
}

/** What was decided for one call, fault by fault. */
export interface Decisions {
  readonly corruption: Decision;
  readonly crash: Decision;
  readonly timeout: Decision;
  readonly delay: Decision;
  readonly hallucination: Decision;
}

/**
 * The slow path of a call on which at least one fault fired: corruption, crash,
 * timeout, delay, the call itself, hallucination of its result.
 */
export async function applyFaults(
  runtime: ChaosRuntime,
  faults: AllFaults,
  settings: WithChaosSettings,
  decisions: Decisions,
  fn: AnyFunction,
  thisArg: unknown,
  args: unknown[],
): Promise<unknown> {
  const { corruption, crash, timeout, delay, hallucination } = decisions;
  // The signal comes from the arguments as the caller gave them.
  const signal = timeout !== undefined || delay !== undefined ? signalOf(settings.signal, thisArg, args) : undefined;
  if (corruption !== undefined) corruptArguments(runtime, faults.corruption, corruption, settings, args);
  if (crash !== undefined) throw crashError(runtime, faults.crash, crash);
  if (timeout !== undefined) {
    await hang(runtime, faults.timeout, timeout, timeoutOf(runtime, faults.timeout, timeout, settings.timeoutSeconds), signal);
  }
  if (delay !== undefined) await runtime.clock.sleep(delayOf(runtime, faults.delay, delay, settings), signal);
  const value: unknown = await fn.apply(thisArg, args);
  return hallucination === undefined ? value : hallucinateValue(runtime, faults.hallucination, hallucination, settings.hallucination, value);
}

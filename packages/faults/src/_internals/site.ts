import { type ChaosRuntime, type FaultEvent, type RecoveryDetector, type FaultKind, type FaultRule, type RandomSource, type Tags, ruleIdOf } from '@chaos/config';

/**
 * What decided that a fault fires on a call: the plan rule that fired, `true` when
 * chance did, `undefined` when the fault does not fire. No allocation per call.
 */
export type Decision = FaultRule | true | undefined;

/** One fault aimed at one target: the labels of its streams, made once per wrapper. */
export interface Site {
  readonly fault: FaultKind;
  readonly target: string;
  /** Label of the decision stream: one draw per call, whatever happens. */
  readonly label: string;
  /** Label of the detail stream: jitter, strategies; drawn only when the fault fires. */
  readonly detailLabel: string;
  /** The injector's `tags`, carried by every fault event of the site. */
  readonly tags: Tags | undefined;
}

export function createSite(fault: FaultKind, target: string, tags: Tags | undefined): Site {
  return {
    fault,
    target,
    label: `${fault}:${target}`,
    detailLabel: `${fault}:${target}:detail`,
    tags,
  };
}

/**
 * Per-wrapper cache of a runtime's decision streams, so a call does one `WeakMap`
 * lookup instead of building a label and searching the runtime's map. Weak, so a
 * finished run's runtime is not kept alive by the wrappers it went through.
 */
export function createStreamCache<T>(make: (runtime: ChaosRuntime) => T): (runtime: ChaosRuntime) => T {
  const cache = new WeakMap<ChaosRuntime, T>();
  return (runtime) => {
    let value = cache.get(runtime);
    if (value === undefined) {
      value = make(runtime);
      cache.set(runtime, value);
    }
    return value;
  };
}

/**
 * Decides one fault for one call. Counts the call in the plan (when it has rules) and
 * always draws exactly one number from the decision stream, whether a rule fired or
 * not and whatever the probability, so no probability shifts any other decision.
 */
export function decide(runtime: ChaosRuntime, site: Site, stream: RandomSource, probability: number): Decision {
  const plan = runtime.plan;
  return decided(plan.empty ? undefined : plan.take(site.fault, site.target), stream.next(), probability);
}

/** The decision from what the plan said and the call's draw (taken by the caller, always). */
export function decided(rule: FaultRule | undefined, draw: number, probability: number): Decision {
  return rule ?? (draw < probability ? true : undefined);
}

/**
 * Sends the fault event of a fired fault to the scope's sink. `seed` is added to
 * `details`; the tags are the injector's with the rule's on top.
 *
 * @returns the fault's time, ms on the scope's clock (the event's `at`)
 */
export function emitFault(
  runtime: ChaosRuntime,
  site: Site,
  decision: FaultRule | true,
  details: Record<string, unknown>,
): number {
  const at = runtime.clock.now();
  // Only a plan that counts calls knows the call index; otherwise the event is as before.
  const call = runtime.plan.callOf?.(site.fault, site.target);
  const tags = decision === true || decision.tags === undefined ? site.tags : { ...site.tags, ...decision.tags };
  const common = {
    kind: 'fault' as const,
    fault: site.fault,
    target: site.target,
    at,
    runId: runtime.runId,
    ...(runtime.scenario === undefined ? {} : { scenario: runtime.scenario }),
    ...(call === undefined ? {} : { call }),
    details: { ...details, seed: runtime.seed },
    tags,
  };
  const event: FaultEvent =
    decision === true ? { ...common, source: 'probability' } : { ...common, source: 'plan', ruleId: ruleIdOf(decision) };
  runtime.emit(event);
  return at;
}

/**
 * The runtime's recovery detector when this call must go through it (see
 * `RecoveryDetector.enter`); `undefined` when detection is off or no fault is open: two
 * property reads, the common case.
 */
export function observing(runtime: ChaosRuntime, self: unknown, target: string): RecoveryDetector | undefined {
  const detector = runtime.recoveries;
  return detector === undefined || detector.open === 0 ? undefined : detector.enter(self, target);
}

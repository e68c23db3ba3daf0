import { type ChaosRuntime, type FaultPlan, type FaultRule, type RandomSource, type Tags, createFaultPlan } from '@chaos/config';
import { type Site, createSite, emitFault } from '../../_internals/site.js';
import { type FaultSpec, type ParsedFault, ruleOverrides } from '../faultOptions.js';

/** A fault that fires on a call, with everything needed to apply and report it. */
export interface FiredFault<Spec extends FaultSpec = FaultSpec> {
  readonly spec: Spec;
  readonly decision: FaultRule | true;
  /** The wrapper's settings for the fault, overridden by the rule's `options`. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly site: Site;
  /** The target's call index in the run, 1-based. */
  readonly call: number;
}

/** What a wrapper keeps per target in one run. */
interface TargetState {
  /** The decision stream of each fault given a probability (same order as `chance`). */
  readonly streams: RandomSource[];
  /** The target's call count in the run, shared with every other wrapper. */
  readonly calls: CallCounter;
  readonly sites: Map<string, Site>;
}

/** What a wrapper keeps per run. */
interface RunState {
  readonly targets: Map<string, TargetState>;
  /** The rules made from the options' `trigger`s, counted per run. */
  readonly localPlan: FaultPlan | undefined;
}

/** How many calls a target has had in a run. */
interface CallCounter {
  count: number;
}

/**
 * Call counts per run and target, shared by every wrapper, so the call index in events
 * is the target's whatever wrapper it went through. Weak: a finished run is not kept.
 */
const callCounts = new WeakMap<ChaosRuntime, Map<string, CallCounter>>();

function counterOf(runtime: ChaosRuntime, key: string): CallCounter {
  let counts = callCounts.get(runtime);
  if (counts === undefined) callCounts.set(runtime, (counts = new Map()));
  let counter = counts.get(key);
  if (counter === undefined) counts.set(key, (counter = { count: 0 }));
  return counter;
}

/**
 * Decides, call by call, which faults of a wrapper fire: from the scope's plan, from
 * the options' triggers, and by chance. Every fault given a probability draws exactly
 * one number per call it can apply to from its stream `<kind>:<target>`, whatever
 * else happens, so one fault's settings never shift another's decisions.
 */
export class FaultDecider<Spec extends FaultSpec> {
  /** The faults the options gave, in the order of `specs`. */
  private readonly given: ReadonlyMap<string, ParsedFault<Spec>>;
  /** The faults given a probability, in the order of `specs`. */
  private readonly chance: readonly ParsedFault<Spec>[];
  private readonly localRules: readonly FaultRule[];
  private readonly runs = new WeakMap<ChaosRuntime, RunState>();
  /** The last call's run and target (the runtime held weakly, as in `runs`). */
  private last: { readonly runtime: WeakRef<ChaosRuntime>; readonly target: string; readonly run: RunState; readonly state: TargetState } | undefined;

  /**
   * @param specs - every fault of this kind of wrapper, in application order
   * @param faults - the faults the options asked for
   * @param scope - `model` or `tool`: the call-count namespace
   */
  constructor(
    private readonly specs: readonly Spec[],
    faults: readonly ParsedFault<Spec>[],
    private readonly scope: 'model' | 'tool',
    /** The wrapper's `tags`, carried by every fault event it sends. */
    private readonly tags: Tags | undefined,
  ) {
    const order = (fault: ParsedFault<Spec>): number => specs.indexOf(fault.spec);
    const sorted = [...faults].sort((a, b) => order(a) - order(b));
    this.given = new Map(sorted.map((fault) => [fault.spec.kind, fault]));
    this.chance = sorted.filter((fault) => fault.probability !== undefined);
    this.localRules = sorted.flatMap((fault) => (fault.rule === undefined ? [] : [fault.rule]));
  }

  /**
   * The faults that fire on this call of `target`, in application order, or undefined
   * when none does (no allocation then, on the path without a plan).
   *
   * @param applies - whether a fault can apply to this call (a stream fault to a
   *   `generate` call cannot: it neither draws nor counts)
   */
  decide(runtime: ChaosRuntime, target: string, applies: (spec: Spec) => boolean): FiredFault<Spec>[] | undefined {
    // Calls come in runs of the same runtime and target: skip the two map lookups then.
    let run: RunState;
    let state: TargetState;
    const last = this.last;
    if (last !== undefined && last.target === target && last.runtime.deref() === runtime) {
      run = last.run;
      state = last.state;
    } else {
      run = this.runOf(runtime);
      state = this.targetOf(runtime, run, target);
      this.last = { runtime: new WeakRef(runtime), target, run, state };
    }
    const call = ++state.calls.count;
    const plan = runtime.plan;
    let fired: FiredFault<Spec>[] | undefined;
    if (plan.empty && run.localPlan === undefined) {
      // The usual path of a campaign by probabilities: only the faults given one.
      for (let i = 0; i < this.chance.length; i++) {
        const fault = this.chance[i] as ParsedFault<Spec>;
        if (!applies(fault.spec)) continue;
        if ((state.streams[i] as RandomSource).next() < (fault.probability as number)) {
          (fired ??= []).push(this.fire(fault.spec, fault, true, state, target, call));
        }
      }
      return fired;
    }
    let chanceIndex = 0;
    for (const spec of this.specs) {
      const fault = this.given.get(spec.kind);
      const hasChance = fault?.probability !== undefined;
      const streamIndex = hasChance ? chanceIndex++ : -1;
      if (!applies(spec)) continue;
      const planned = plan.empty ? undefined : plan.take(spec.kind, target);
      const triggered = fault?.rule !== undefined && run.localPlan !== undefined ? run.localPlan.take(spec.kind, target) : undefined;
      const draw = hasChance ? (state.streams[streamIndex] as RandomSource).next() : 1;
      const decision = planned ?? triggered ?? (draw < (fault?.probability ?? 0) ? true : undefined);
      if (decision !== undefined) (fired ??= []).push(this.fire(spec, fault, decision, state, target, call));
    }
    return fired;
  }

  /** Sends the fault event of a fired fault; `details` gains the call index and the seed. */
  emit(runtime: ChaosRuntime, fired: FiredFault, details: Record<string, unknown>): void {
    emitFault(runtime, fired.site, fired.decision, { call: fired.call, ...details });
  }

  private fire(
    spec: Spec,
    fault: ParsedFault<Spec> | undefined,
    decision: FaultRule | true,
    state: TargetState,
    target: string,
    call: number,
  ): FiredFault<Spec> {
    const own = fault?.settings ?? {};
    const settings = decision === true || decision.options === undefined ? own : { ...own, ...ruleOverrides(decision) };
    let site = state.sites.get(spec.kind);
    if (site === undefined) state.sites.set(spec.kind, (site = createSite(spec.kind, target, this.tags)));
    return { spec, decision, settings, site, call };
  }

  private runOf(runtime: ChaosRuntime): RunState {
    let run = this.runs.get(runtime);
    if (run === undefined) {
      run = {
        targets: new Map(),
        localPlan: this.localRules.length === 0 ? undefined : createFaultPlan(this.localRules),
      };
      this.runs.set(runtime, run);
    }
    return run;
  }

  private targetOf(runtime: ChaosRuntime, run: RunState, target: string): TargetState {
    let state = run.targets.get(target);
    if (state === undefined) {
      state = {
        streams: this.chance.map((fault) => runtime.stream(`${fault.spec.kind}:${target}`)),
        calls: counterOf(runtime, `${this.scope}:${target}`),
        sites: new Map(),
      };
      run.targets.set(target, state);
    }
    return state;
  }
}

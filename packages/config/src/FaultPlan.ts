import type { FaultKind } from './faultKinds.js';
import type { FaultOptionsByKind } from './faultOptions.js';
import { faultOptionChecks, refusedFaultKind } from './faultOptionChecks.js';
import { OPTION_CHECKS, checkOptions } from './options.js';
import { type Tags, validateTags } from './tags.js';
import { invalid } from './_internals/invalid.js';

/** When a planned fault fires. */
export type FaultTrigger =
  /** On the target's N-th call (1-based) through an injector of the rule's fault. */
  | { readonly on: 'call'; readonly call: number }
  /** On the first call after the target reported progress >= `progress` (0..1). */
  | { readonly on: 'progress'; readonly progress: number }
  /** On the target's next call after the rule was added. */
  | { readonly on: 'next' }
  /** On every call. */
  | { readonly on: 'every' };

/** What every fault plan rule says, whatever its fault. */
export interface FaultRuleBase {
  /** A name for the rule, reported in the fault event. @defaultValue `<fault>@<target>` */
  readonly id?: string;
  /** The injector target the rule aims at; `'*'` matches any target. */
  readonly target: string;
  readonly trigger: FaultTrigger;
  /**
   * How many times the rule may fire.
   * @defaultValue `Infinity` for `every`, `1` otherwise
   */
  readonly times?: number;
  /** Tags the fault event carries when this rule fires, on top of the injector's own. */
  readonly tags?: Tags;
}

/** A rule of one fault kind, with the options that kind takes. */
export interface FaultRuleOf<K extends FaultKind> extends FaultRuleBase {
  readonly fault: K;
  /**
   * Fault-specific overrides for this rule (`delayMs`, `timeoutSeconds`, `fields`, …):
   * see {@link FaultOptionsByKind}. Checked when the rule enters the plan.
   */
  readonly options?: FaultOptionsByKind[K];
}

/**
 * One deterministic fault: "crash `product` when its progress reaches 50 %". One
 * member per fault kind, so a rule's `options` are typed by its `fault`.
 */
export type FaultRule = { readonly [K in FaultKind]: FaultRuleOf<K> }[FaultKind];

/** The state of a rule as the run went on. */
export interface FaultRuleStatus {
  readonly rule: FaultRule;
  readonly id: string;
  readonly fired: number;
}

/**
 * The faults a run must suffer, and the state needed to fire them exactly: call counts
 * per (fault, target) and the progress each target reported.
 */
export interface FaultPlan {
  /** Adds a rule while the run goes on: "corrupt the next `handoff`". */
  add(rule: FaultRule): void;
  /**
   * Counts one call of `target` through an injector of `fault` and returns the rule
   * that fires on it, if any. Injectors call this once per call; it is the only place
   * plan state changes besides {@link FaultPlan.reportProgress}.
   */
  take(fault: FaultKind, target: string): FaultRule | undefined;
  /** Records that `target` has done `fraction` (0..1) of its work. */
  reportProgress(target: string, fraction: number): void;
  /** Progress last reported by `target`, or 0. */
  progressOf(target: string): number;
  /** Every rule with how often it fired, in the order they were added. */
  status(): readonly FaultRuleStatus[];
  /**
   * How many calls of `target` through injectors of `fault` the plan has counted: the
   * call index of the current call while a fault on it fires. `undefined` unless the
   * plan was made with `countCalls` (an empty plan is never asked, so counts nothing).
   */
  callOf?(fault: FaultKind, target: string): number | undefined;
  /** True when the plan has no rules (and does not count calls). */
  readonly empty: boolean;
}

/** Options of {@link createFaultPlan}. */
export interface FaultPlanOptions {
  /**
   * Count every call even with no rule, so each fault event says at which call of its
   * target it fired (`FaultEvent.call`): what pins a fault that fired by chance to
   * where it fired, to replay or shrink it.
   * @defaultValue `false`
   */
  readonly countCalls?: boolean;
}

/** The id a plan reports for a rule: its own `id`, else `<fault>@<target>`. */
export function ruleIdOf(rule: FaultRule): string {
  return rule.id ?? `${rule.fault}@${rule.target}`;
}

interface RuleState {
  readonly rule: FaultRule;
  readonly id: string;
  readonly limit: number;
  /** Calls of the target seen when the rule was added, for `next`. */
  readonly armedAt: Map<string, number>;
  fired: number;
}

function validateRule(rule: FaultRule, index: number): void {
  // Named by its place in the plan and its id, with its fault and target when the id hides them.
  const kindAndTarget = `${String(rule.fault)}@${String(rule.target)}`;
  const owner = `fault plan rule #${index + 1} ${JSON.stringify(rule.id ?? kindAndTarget)}${rule.id === undefined ? '' : ` (${kindAndTarget})`}`;
  const where = ` of ${owner}`;
  const refused = refusedFaultKind(rule.fault);
  if (refused !== undefined) throw invalid('fault', where, refused, rule.fault);
  if (typeof rule.target !== 'string' || rule.target === '') throw invalid('target', where, 'a non-empty string', rule.target);
  validateTrigger(rule.trigger as FaultTrigger | undefined, where);
  // An integration's kind is checked once its integration has registered its checks (on load).
  const checks = faultOptionChecks(rule.fault);
  if (rule.options !== undefined && checks !== undefined) checkOptions(rule.options, checks, owner, { prefix: 'options.', where });
  validateTags(rule.tags, 'tags', where);
  if (rule.times !== undefined && !(rule.times === Infinity || (Number.isInteger(rule.times) && rule.times >= 1))) {
    throw invalid('times', where, 'an integer >= 1 or Infinity', rule.times);
  }
}

const [isProbability, aProbability] = OPTION_CHECKS.probability;

function validateTrigger(trigger: FaultTrigger | undefined, where: string): void {
  switch (trigger?.on) {
    case 'call':
      if (!Number.isInteger(trigger.call) || trigger.call < 1) throw invalid('trigger.call', where, 'an integer >= 1', trigger.call);
      break;
    case 'progress':
      if (!isProbability(trigger.progress)) throw invalid('trigger.progress', where, aProbability, trigger.progress);
      break;
    case 'next':
    case 'every':
      break;
    default:
      throw invalid('trigger.on', where, "'call', 'progress', 'next' or 'every'", (trigger as { on?: unknown } | undefined)?.on);
  }
}

/**
 * Creates a fault plan from rules. Rules are checked in the order given; on one call
 * the first that matches fires.
 *
 * Every rule is checked here, before any run: its fault, target, trigger, `times`,
 * tags, and its options, by name and value (see {@link FaultOptionsByKind}).
 *
 * @throws `TypeError` naming the rule and field when a rule is malformed, or the rule
 *   and the option when an option is unknown or invalid
 * @example
 * ```ts
 * const plan = createFaultPlan([
 *   { fault: 'crash', target: 'product', trigger: { on: 'progress', progress: 0.5 } },
 *   { fault: 'corruption', target: 'handoff', trigger: { on: 'call', call: 1 } },
 * ]);
 * ```
 */
export function createFaultPlan(rules: readonly FaultRule[] = [], options: FaultPlanOptions = {}): FaultPlan {
  const countCalls = options.countCalls === true;
  const states: RuleState[] = [];
  // Calls per `${fault}\u0000${target}`.
  const calls = new Map<string, number>();
  const progress = new Map<string, number>();

  const plan: FaultPlan = {
    get empty() {
      return !states.length && !countCalls;
    },
    add(rule: FaultRule): void {
      validateRule(rule, states.length);
      const armedAt = new Map<string, number>();
      if (rule.trigger.on === 'next') {
        for (const [key, count] of calls) armedAt.set(key, count);
      }
      states.push({
        rule,
        id: ruleIdOf(rule),
        limit: rule.times ?? (rule.trigger.on === 'every' ? Infinity : 1),
        armedAt,
        fired: 0,
      });
    },
    take(fault: FaultKind, target: string): FaultRule | undefined {
      if (!states.length && !countCalls) return undefined;
      const key = `${fault}\u0000${target}`;
      const count = (calls.get(key) ?? 0) + 1;
      calls.set(key, count);
      for (const state of states) {
        const { rule } = state;
        if (state.fired >= state.limit || rule.fault !== fault) continue;
        if (rule.target !== target && rule.target !== '*') continue;
        const trigger = rule.trigger;
        // `next` last: the plan took only these four.
        if (
          trigger.on === 'every' ||
          (trigger.on === 'call'
            ? count === trigger.call || (state.limit > 1 && count > trigger.call)
            : trigger.on === 'progress'
              ? (progress.get(target) ?? 0) >= trigger.progress
              : count > (state.armedAt.get(key) ?? 0))
        ) {
          state.fired += 1;
          return rule;
        }
      }
      return undefined;
    },
    reportProgress(target: string, fraction: number): void {
      if (!isProbability(fraction)) {
        throw new RangeError(`Expected progress of \`${target}\` to be ${aProbability}, got \`${String(fraction)}\``);
      }
      progress.set(target, fraction);
    },
    progressOf: (target: string) => progress.get(target) ?? 0,
    callOf: (fault: FaultKind, target: string) => (countCalls ? (calls.get(`${fault}\u0000${target}`) ?? 0) : undefined),
    status: () => states.map((state) => ({ rule: state.rule, id: state.id, fired: state.fired })),
  };
  for (const rule of rules) plan.add(rule);
  return plan;
}

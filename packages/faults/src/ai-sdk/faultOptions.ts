import { type FaultKind, type FaultRule, type FaultTrigger, OPTION_CHECKS, checkOptions, createFaultPlan, faultOptionChecks, registerFaultOptionChecks, ruleIdOf } from '@chaos/config';
import { checkProbability } from '../_internals/validate.js';
import { AI_SDK_FAULT_CHECKS } from './faultChecks.js';

// Plans made from now on check `model.*` and `tool.*` rules when they are made.
registerFaultOptionChecks(AI_SDK_FAULT_CHECKS);

/**
 * How a fault is asked for in the options of `chaosMiddleware` and `chaosTool`: its
 * probability alone (`rateLimit: 0.2`), or an object with the fault's own settings and
 * what fires it (`rateLimit: { probability: 0.2, retryAfterMs: 500 }`,
 * `streamCut: { trigger: { on: 'call', call: 2 }, mode: 'hang' }`).
 */
export type FaultOption<Settings> = number | (Settings & FaultChance);

/** What fires a fault given in options, besides the scope's fault plan. */
export interface FaultChance {
  /**
   * Chance in [0, 1] that the fault fires on a call, drawn from the scope's seeded
   * stream `<fault>:<target>`.
   * @defaultValue `0`: only `trigger` or a rule of the scope's plan fires it
   */
  readonly probability?: number;
  /**
   * Fires the fault exactly, as a plan rule would: `{ on: 'call', call: 2 }` (the
   * target's 2nd call in each run), `{ on: 'every' }`, `{ on: 'next' }`. Counted per
   * run (per chaos scope).
   */
  readonly trigger?: FaultTrigger;
  /**
   * How many times `trigger` fires in a run.
   * @defaultValue `Infinity` for `every`, `1` otherwise
   */
  readonly times?: number;
}

/**
 * One fault a wrapper knows: its option name and its kind in plans and events. Its
 * settings are the options `@chaos/config` lists for the kind (`faultOptionNames`).
 */
export interface FaultSpec<Name extends string = string> {
  /** The option name: `rateLimit`. */
  readonly name: Name;
  /** The kind in plans and events: `model.rateLimit`. */
  readonly kind: FaultKind;
}

/** A fault as the options asked for it, checked. */
export interface ParsedFault<Spec extends FaultSpec = FaultSpec> {
  readonly spec: Spec;
  /** Undefined when the options gave no probability (the fault never fires by chance). */
  readonly probability: number | undefined;
  /** The rule made from `trigger`, if any. */
  readonly rule: FaultRule | undefined;
  readonly settings: Readonly<Record<string, unknown>>;
}

/**
 * Checks the option of one fault and returns it parsed.
 *
 * @param owner - for messages: `chaosMiddleware`
 * @throws `TypeError` naming the option when it is invalid or unknown
 */
export function parseFaultOption<Spec extends FaultSpec>(owner: string, spec: Spec, option: unknown): ParsedFault<Spec> {
  const name = spec.name;
  if (typeof option === 'number' || typeof option !== 'object' || option === null) {
    const probability = checkProbability(name, option);
    return { spec, probability, rule: undefined, settings: {} };
  }
  const checks = { probability: OPTION_CHECKS.probability, trigger: OPTION_CHECKS.any, times: OPTION_CHECKS.any, ...faultOptionChecks(spec.kind) };
  const { probability, trigger, times, ...settings } = checkOptions(option, checks, `\`${name}\` of ${owner}`, { prefix: `${name}.` }) as FaultChance & Record<string, unknown>;
  let rule: FaultRule | undefined;
  if (trigger !== undefined || times !== undefined) {
    if (trigger === undefined) {
      throw new TypeError(`Expected \`${name}.trigger\` of ${owner} with \`${name}.times\`, got \`undefined\``);
    }
    rule = { id: `${spec.kind}@trigger`, fault: spec.kind, target: '*', trigger, ...(times === undefined ? {} : { times }) } as FaultRule;
    // The plan's own checks, with its messages, at once rather than in the first run.
    createFaultPlan([rule]);
  }
  return { spec, probability, rule, settings };
}

const ruleSettings = new WeakMap<FaultRule, Readonly<Record<string, unknown>>>();

/**
 * The settings a fired plan rule overrides, as the wrapper holds them (once per rule
 * object). The plan checked them when the rule entered it.
 */
export function ruleOverrides(rule: FaultRule): Readonly<Record<string, unknown>> {
  let settings = ruleSettings.get(rule);
  if (settings === undefined) {
    const owner = `fault plan rule "${ruleIdOf(rule)}"`;
    settings = checkOptions(rule.options ?? {}, faultOptionChecks(rule.fault) ?? {}, owner, { prefix: 'options.', where: ` of ${owner}` });
    ruleSettings.set(rule, settings);
  }
  return settings;
}

/**
 * Rejects the options that name a fault of the other kind of wrapper (a tool fault
 * given to a model), with a message that says where it belongs.
 */
export function refuseForeignFaults(owner: string, options: object, foreign: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(options)) {
    const belongs = foreign[key];
    if (belongs !== undefined) {
      throw new TypeError(`\`${key}\` is not a fault ${owner} can inject: it belongs to ${belongs}`);
    }
  }
}

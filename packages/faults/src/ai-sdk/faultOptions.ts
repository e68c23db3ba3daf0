import { type FaultKind, type FaultRule, type FaultTrigger, createFaultPlan, ruleIdOf } from '@chaos/config';
import { checkChoices, checkKnownKeys, checkProbability, formatValue } from '../_internals/validate.js';

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

/** Checks one setting; returns it (or undefined when left out). `where` ends messages. */
export type SettingCheck = (name: string, value: unknown, where: string) => unknown;

/** One fault a wrapper knows: its option name, its kind in plans and events, its settings. */
export interface FaultSpec<Name extends string = string> {
  /** The option name: `rateLimit`. */
  readonly name: Name;
  /** The kind in plans and events: `model.rateLimit`. */
  readonly kind: FaultKind;
  readonly settings: Readonly<Record<string, SettingCheck>>;
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

const CHANCE_KEYS = ['probability', 'trigger', 'times'];

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
  checkKnownKeys(option, [...CHANCE_KEYS, ...Object.keys(spec.settings)], `\`${name}\` of ${owner}`);
  const record = option as Record<string, unknown>;
  const probability = checkProbability(`${name}.probability`, record['probability']);
  let rule: FaultRule | undefined;
  if (record['trigger'] !== undefined || record['times'] !== undefined) {
    if (record['trigger'] === undefined) {
      throw new TypeError(`Expected \`${name}.trigger\` of ${owner} with \`${name}.times\`, got \`undefined\``);
    }
    rule = {
      id: `${spec.kind}@trigger`,
      fault: spec.kind,
      target: '*',
      trigger: record['trigger'] as FaultTrigger,
      ...(record['times'] === undefined ? {} : { times: record['times'] as number }),
    };
    // The plan's own checks, with its messages, at once rather than in the first run.
    createFaultPlan([rule]);
  }
  return { spec, probability, rule, settings: checkSettings(spec, record, `${name}.`, '') };
}

/** The settings of `spec` found in `record`, each checked; keys left out are absent. */
function checkSettings(spec: FaultSpec, record: Readonly<Record<string, unknown>>, prefix: string, where: string): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(spec.settings)) {
    const value = check(`${prefix}${key}`, record[key], where);
    if (value !== undefined) settings[key] = value;
  }
  return settings;
}

const ruleSettings = new WeakMap<FaultRule, Readonly<Record<string, unknown>>>();

/**
 * The settings a fired plan rule overrides, checked like the wrapper's own (once per
 * rule object).
 *
 * @throws `TypeError` naming the rule and the option when one is unknown or invalid
 */
export function ruleOverrides(rule: FaultRule, spec: FaultSpec): Readonly<Record<string, unknown>> {
  let settings = ruleSettings.get(rule);
  if (settings === undefined) {
    const options = rule.options ?? {};
    const owner = `fault plan rule "${ruleIdOf(rule)}"`;
    checkKnownKeys(options, Object.keys(spec.settings), owner);
    settings = checkSettings(spec, options, 'options.', ` of ${owner}`);
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

/**
 * Checks the `model.*` or `tool.*` rules of a plan by name, since the plan itself only
 * checks the prefix. Checked again only when the plan has grown.
 */
export function checkPlanKinds(
  status: () => readonly { readonly rule: FaultRule; readonly id: string }[],
  seen: { count: number },
  prefix: 'model.' | 'tool.',
  known: ReadonlySet<string>,
  owner: string,
): void {
  const rules = status();
  if (rules.length === seen.count) return;
  for (let i = seen.count; i < rules.length; i++) {
    const { rule, id } = rules[i] as { rule: FaultRule; id: string };
    if (rule.fault.startsWith(prefix) && !known.has(rule.fault)) {
      throw new TypeError(
        `Unknown fault \`${rule.fault}\` in fault plan rule "${id}": ${owner} knows ${[...known].map((kind) => `\`${kind}\``).join(', ')}`,
      );
    }
  }
  seen.count = rules.length;
}

// Setting checks shared by several faults, beside the general ones of `validate.ts`.

function fail(name: string, where: string, expected: string, value: unknown): never {
  throw new TypeError(`Expected \`${name}\`${where} to be ${expected}, got \`${formatValue(value)}\``);
}

export const checkMessage: SettingCheck = (name, value, where) => {
  if (value !== undefined && (typeof value !== 'string' || value === '')) fail(name, where, 'a non-empty string', value);
  return value;
};

export const checkOpenFraction: SettingCheck = (name, value, where) => {
  if (value !== undefined && (typeof value !== 'number' || !(value > 0 && value < 1))) fail(name, where, 'a number in (0, 1)', value);
  return value;
};

/** A check for one of `allowed`, or a non-empty list of them (returned as a list). */
export function oneOrMoreOf(allowed: readonly string[]): SettingCheck {
  return (name, value, where) => checkChoices(name, value, allowed, where);
}

/** A check for exactly one of `allowed`. */
export function oneOf(allowed: readonly string[]): SettingCheck {
  return (name, value, where) => {
    if (value !== undefined && !allowed.includes(value as string)) {
      fail(name, where, `one of ${allowed.map((item) => `"${item}"`).join(', ')}`, value);
    }
    return value;
  };
}

import type { FAULT_KINDS, FaultKind } from './faultKinds.js';
import { type FaultOptionsByKind, HALLUCINATION_STRATEGIES } from './faultOptions.js';
import { OPTION_CHECKS, type OptionCheck, someOfCheck } from './options.js';

const { duration, index, function: fn } = OPTION_CHECKS;
const fields: OptionCheck = [
  (value) => Array.isArray(value) && value.every((field) => typeof field === 'string' && field !== ''),
  'an array of non-empty dotted paths',
  (value) => Object.freeze([...(value as string[])]),
];
const latency = { delayMs: duration, jitterMs: duration };
/** The `strategy` of a hallucination: one or several {@link HALLUCINATION_STRATEGIES}. */
export const strategyCheck = someOfCheck(HALLUCINATION_STRATEGIES);

/** The checks of the options of fault kind `K`, one per option, in the order messages list them. */
export type FaultOptionChecksOf<K extends FaultKind> = Readonly<Record<keyof FaultOptionsByKind[K] & string, OptionCheck>>;

/** The checks of the options of each fault kind that has them here or registered. */
export type FaultOptionChecksByKind = { readonly [K in FaultKind]?: FaultOptionChecksOf<K> };

/**
 * The checks of each fault kind's options: the core kinds here; an integration's kinds
 * (`model.*`, `tool.*` of `@chaos/faults/ai-sdk`) as it registers them, so the core
 * bundle does not carry every integration's checks.
 */
const BY_KIND: { -readonly [K in keyof FaultOptionChecksByKind]: FaultOptionChecksByKind[K] } = {
  crash: {},
  delay: latency,
  timeout: { timeoutSeconds: duration },
  hallucination: { hallucinate: fn, strategy: strategyCheck },
  corruption: { fields, argIndex: index, corrupt: fn },
};

/**
 * Registers the option checks of an integration's fault kinds. `@chaos/faults/ai-sdk`
 * registers those of `model.*` and `tool.*` when it loads; from then on plans check
 * those rules' options when they are made too.
 */
export function registerFaultOptionChecks(checks: FaultOptionChecksByKind): void {
  Object.assign(BY_KIND, checks);
}

/**
 * Why plans refuse `fault`, or undefined when they take it: a core kind, a registered
 * one, or a `model.*` / `tool.*` kind of an integration that has not registered yet
 * (not loaded; it checks its rules when it loads and when they fire). The compiler
 * holds plans to {@link FAULT_KINDS}; at run time the registry stands for the list, so
 * the core bundle does not carry every integration's kinds.
 */
export function refusedFaultKind(fault: unknown): string | undefined {
  const known = Object.keys(BY_KIND);
  if (known.includes(fault as string)) return undefined;
  const integration = /^(model|tool)\./.exec(String(fault))?.[0];
  if (integration !== undefined && !known.some((kind) => kind.startsWith(integration))) return undefined;
  return `one of ${known.join(', ')}`;
}

/**
 * The checks of the options `fault` takes (see {@link FaultOptionsByKind}), for
 * {@link checkOptions}: what a plan rule may give it, and what its injector takes
 * besides its own options. Undefined for an integration's kind not registered yet
 * (its integration is not loaded).
 *
 * @example
 * ```ts
 * checkOptions(rule.options, faultOptionChecks('delay') ?? {}, 'my rule'); // delayMs, jitterMs
 * ```
 */
export function faultOptionChecks(fault: FaultKind): Readonly<Record<string, OptionCheck>> | undefined {
  return BY_KIND[fault];
}

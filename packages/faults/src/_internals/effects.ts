import {
  type ChaosRuntime,
  type CoreFaultKind,
  type Corruptor,
  type FaultRule,
  type HallucinationStrategy,
  type Hallucinator,
  checkOptions,
  faultOptionChecks,
  formatValue,
  ruleIdOf,
} from '@chaos/config';
import { AgentCrashError } from '../AgentCrashError.js';
import { AgentTimeoutError } from '../AgentTimeoutError.js';
import type { SignalSource } from '../FaultInjector.js';
import { defaultCorruptor } from '../corruption/corrupt.js';
import { defaultHallucinator } from '../hallucination/hallucinate.js';
import { type Site, emitFault } from './site.js';
import { isAbortSignal } from './validate.js';

/*
 * What each fault does once it has been decided. These run only when a fault fires, so
 * they may allocate freely; the per-call hot path lives in the wrappers.
 */

interface RuleOverrides {
  readonly delayMs?: number | undefined;
  readonly jitterMs?: number | undefined;
  readonly timeoutSeconds?: number | undefined;
  readonly hallucinate?: Hallucinator | undefined;
  readonly fields?: readonly string[] | undefined;
  readonly argIndex?: number | undefined;
  readonly corrupt?: Corruptor | undefined;
  readonly strategy?: readonly HallucinationStrategy[] | undefined;
}

const NO_OVERRIDES: RuleOverrides = Object.freeze({});

/** The checks of a core kind's options: always there (the integrations' may not be). */
type CoreFaultChecks = NonNullable<ReturnType<typeof faultOptionChecks>>;

/**
 * The options of the rule that fired, as the injector holds its own (the plan checked
 * them when the rule entered it). A rule's options win over the injector's for that
 * one firing.
 */
function overridesOf(decision: FaultRule | true, fault: CoreFaultKind): RuleOverrides {
  if (decision === true || decision.options === undefined) return NO_OVERRIDES;
  // Only to hold them as the injector does (lists frozen): the plan refused bad ones.
  return checkOptions(decision.options, faultOptionChecks(fault) as CoreFaultChecks, `fault plan rule "${ruleIdOf(decision)}"`);
}

/** What the error of a fired crash or timeout says of where and why it fired. */
function errorContext(runtime: ChaosRuntime, site: Site, decision: FaultRule | true) {
  return { target: site.target, seed: runtime.seed, runId: runtime.runId, ruleId: decision === true ? undefined : ruleIdOf(decision) };
}

/** Emits the crash and returns the error to throw (or reject with). */
export function crashError(runtime: ChaosRuntime, site: Site, decision: FaultRule | true): AgentCrashError {
  return new AgentCrashError({ ...errorContext(runtime, site, decision), faultAt: emitFault(runtime, site, decision, {}) });
}

/** Options of the delay fault as the wrapper holds them. */
export interface DelaySettings {
  readonly delayMs?: number | undefined;
  readonly jitterMs?: number | undefined;
}

/**
 * The delay to apply, `delayMs ± jitterMs` (uniform, never below 0), with the jitter
 * drawn from the fault's detail stream. Emits the fault.
 */
export function delayOf(runtime: ChaosRuntime, site: Site, decision: FaultRule | true, settings: DelaySettings): number {
  const overrides = overridesOf(decision, 'delay');
  const baseDelayMs = overrides.delayMs ?? settings.delayMs ?? runtime.config.delayMs;
  const jitterMs = overrides.jitterMs ?? settings.jitterMs ?? 0;
  // Always one detail draw per firing, so the stream does not depend on `jitterMs`.
  const draw = runtime.stream(site.detailLabel).next();
  const delayMs = Math.max(0, baseDelayMs + (draw * 2 - 1) * jitterMs);
  emitFault(runtime, site, decision, { delayMs, baseDelayMs, jitterMs });
  return delayMs;
}

/**
 * How long the injected hang lasts, in seconds, and when it started (the fault's time,
 * ms on the scope's clock). Emits the fault.
 */
export function timeoutOf(
  runtime: ChaosRuntime,
  site: Site,
  decision: FaultRule | true,
  timeoutSeconds: number | undefined,
): [seconds: number, faultAt: number] {
  const overrides = overridesOf(decision, 'timeout');
  const seconds = overrides.timeoutSeconds ?? timeoutSeconds ?? runtime.config.timeoutSeconds;
  return [seconds, emitFault(runtime, site, decision, { timeoutSeconds: seconds })];
}

/**
 * Hangs the `timeoutOf` time on the scope's clock (or until `signal` aborts), then
 * rejects with a timeout that carries the fault's time.
 */
export function hang(
  runtime: ChaosRuntime,
  site: Site,
  decision: FaultRule | true,
  [seconds, faultAt]: [number, number],
  signal: AbortSignal | undefined,
): Promise<never> {
  return runtime.clock.sleep(seconds * 1000, signal).then(() => {
    throw new AgentTimeoutError({ ...errorContext(runtime, site, decision), timeoutSeconds: seconds, faultAt });
  });
}

/** Options of the hallucination fault as the wrapper holds them. */
export interface HallucinationSettings {
  readonly hallucinate?: Hallucinator | undefined;
  readonly strategy?: readonly HallucinationStrategy[] | undefined;
}

/** Replaces `value` by a plausible wrong one. Emits the fault with what changed. */
export function hallucinateValue(
  runtime: ChaosRuntime,
  site: Site,
  decision: FaultRule | true,
  settings: HallucinationSettings,
  value: unknown,
): unknown {
  const overrides = overridesOf(decision, 'hallucination');
  const hallucinator = overrides.hallucinate ?? settings.hallucinate ?? defaultHallucinator;
  const strategy = overrides.strategy ?? settings.strategy;
  const result = hallucinator(value, runtime.stream(site.detailLabel), strategy);
  if (typeof result !== 'object' || result === null || typeof result.strategy !== 'string') {
    throw new TypeError(
      `Expected \`hallucinate\` to return { value, strategy, description }, got \`${formatValue(result)}\``,
    );
  }
  emitFault(runtime, site, decision, {
    strategy: result.strategy,
    description: result.description,
    changed: result.strategy !== 'unchanged',
    before: value,
    after: result.value,
  });
  return result.value;
}

/** Options of the corruption fault as the wrapper holds them. */
export interface CorruptionSettings {
  readonly fields?: readonly string[] | undefined;
  readonly argIndex?: number | undefined;
  readonly corrupt?: Corruptor | undefined;
}

const NO_FIELDS: readonly string[] = Object.freeze([]);

/**
 * Corrupts a deep copy of the message argument, in `args` (the wrapper's own copy of
 * the call's arguments; the caller's objects are never touched). Emits the fault with
 * every field changed, before and after.
 */
export function corruptArguments(
  runtime: ChaosRuntime,
  site: Site,
  decision: FaultRule | true,
  settings: CorruptionSettings,
  args: unknown[],
): void {
  const overrides = overridesOf(decision, 'corruption');
  const fields = overrides.fields ?? settings.fields ?? NO_FIELDS;
  const argIndex = overrides.argIndex ?? settings.argIndex ?? 0;
  const corruptor = overrides.corrupt ?? settings.corrupt ?? defaultCorruptor;
  const present = argIndex < args.length;
  const result = corruptor(args[argIndex], fields, runtime.stream(site.detailLabel));
  if (typeof result !== 'object' || result === null || !Array.isArray(result.changes)) {
    throw new TypeError(`Expected \`corrupt\` to return { message, changes }, got \`${formatValue(result)}\``);
  }
  if (present) args[argIndex] = result.message;
  emitFault(runtime, site, decision, {
    argIndex,
    fields: result.changes.map((change) => change.field),
    changes: result.changes,
    changed: present && result.changes.length > 0,
  });
}

/**
 * The signal a delay or timeout listens to: the `signal` option (a signal, or a
 * function of the call's arguments), else a last argument shaped `{ signal }`.
 */
export function signalOf(source: SignalSource | undefined, thisArg: unknown, args: readonly unknown[]): AbortSignal | undefined {
  if (source !== undefined) {
    if (typeof source !== 'function') return source;
    const signal: unknown = source.apply(thisArg, args as unknown[]);
    if (signal !== undefined && !isAbortSignal(signal)) {
      throw new TypeError(`Expected the \`signal\` function to return an AbortSignal or undefined, got \`${formatValue(signal)}\``);
    }
    return signal;
  }
  const last: unknown = args[args.length - 1];
  if (typeof last === 'object' && last !== null) {
    const signal = (last as { signal?: unknown }).signal;
    if (isAbortSignal(signal)) return signal;
  }
  return undefined;
}

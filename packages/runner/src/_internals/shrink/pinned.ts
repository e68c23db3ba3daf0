/**
 * Fired faults pinned to where they fired — a fault kind, a target and the call of
 * that target — as fault-plan rules a scenario replays exactly, and the simpler
 * variants of each that shrinking tries.
 */
import { type ChaosEvent, type FaultEvent, type FaultRule, isFaultEvent } from '@chaos/config';
import { ShrinkError } from '../../ShrinkError.js';

/** One fault a run fired, pinned to the call of its target it fired at. */
export interface PinnedFault {
  readonly fault: string;
  readonly target: string;
  /** The call of `target`, through injectors of `fault`, it fired at (1-based). */
  readonly call: number;
  /** When it fired in the failing run, ms on the run's clock. */
  readonly at: number;
  /** The rule that fires it again: trigger on that call, with what it did pinned in `options`. */
  readonly rule: FaultRule;
}

/** What a fault did, as rule options that make it do the same again (where a rule can say it). */
function pinnedOptions(event: FaultEvent): Record<string, unknown> | undefined {
  const details = event.details;
  switch (event.fault) {
    case 'delay':
      // The delay it applied, jitter included: exact whatever else fires.
      return typeof details['delayMs'] === 'number' ? { delayMs: details['delayMs'] } : undefined;
    case 'timeout':
      return typeof details['timeoutSeconds'] === 'number' ? { timeoutSeconds: details['timeoutSeconds'] } : undefined;
    default:
      // Corruption and hallucination draw what they do from the fault's own stream,
      // which the same firings replay; shrinking then tries simpler options.
      return undefined;
  }
}

/** The rule that fires `fault` on call `call` of `target`, with `options`. */
export function pinnedRule(fault: string, target: string, call: number, options: Record<string, unknown> | undefined): FaultRule {
  return {
    id: `${fault}@${target}#${call}`,
    fault: fault as FaultRule['fault'],
    target,
    trigger: { on: 'call', call },
    ...(options === undefined ? {} : { options }),
  } as FaultRule;
}

/**
 * The faults of a run recorded with call counting, in the order they fired.
 *
 * @throws {@link ShrinkError} `CHAOS_SHRINK_UNPINNABLE` for a fault without a call index
 */
export function pinFaults(events: readonly ChaosEvent[]): PinnedFault[] {
  const pinned: PinnedFault[] = [];
  for (const event of events) {
    if (!isFaultEvent(event)) continue;
    if (typeof event.call !== 'number') {
      throw new ShrinkError(
        'CHAOS_SHRINK_UNPINNABLE',
        `the run fired ${event.fault} on ${event.target} at ${event.at} ms through an injector that does not report its call index, so it cannot be replayed pinned; shrinking covers the faults of @chaos/faults' injectors and withChaos`,
      );
    }
    pinned.push({ fault: event.fault, target: event.target, call: event.call, at: event.at, rule: pinnedRule(event.fault, event.target, event.call, pinnedOptions(event)) });
  }
  return pinned;
}

/** Halvings of `value` down to `floor`, smallest first. */
function halvings(value: number, floor: number): number[] {
  const values: number[] = [];
  for (let v = Math.floor(value / 2); v >= floor && values.length < 8; v = Math.floor(v / 2)) values.push(v);
  return values.reverse();
}

/**
 * Simpler versions of a fault, simplest first: a shorter delay or hang, one corrupted
 * field instead of several. Each keeps the fault's kind, target and call.
 */
export function simplerVariants(fault: PinnedFault, firedEvent: FaultEvent | undefined): FaultRule[] {
  const options = (fault.rule.options ?? {}) as Readonly<Record<string, unknown>>;
  const make = (changes: Record<string, unknown>) => pinnedRule(fault.fault, fault.target, fault.call, { ...options, ...changes });
  switch (fault.fault) {
    case 'delay': {
      const delayMs = options['delayMs'];
      return typeof delayMs === 'number' ? halvings(delayMs, 1).map((ms) => make({ delayMs: ms })) : [];
    }
    case 'timeout': {
      const seconds = options['timeoutSeconds'];
      return typeof seconds === 'number' ? halvings(seconds, 1).map((s) => make({ timeoutSeconds: s })) : [];
    }
    case 'corruption': {
      const fields = firedEvent?.details['fields'];
      if (!Array.isArray(fields) || fields.length < 2) return [];
      return fields.filter((field): field is string => typeof field === 'string').map((field) => make({ fields: [field] }));
    }
    default:
      return [];
  }
}

/** A value as TypeScript source (JSON, with identifier keys unquoted). */
function source(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(source).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, v]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${source(v)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(value);
}

/** The plan as a `defineScenario` `plan:` property, ready to paste, with what it shows as a comment. */
export function planSource(rules: readonly FaultRule[], comment: readonly string[]): string {
  const lines = comment.map((line) => `// ${line}`);
  if (rules.length === 0) return [...lines, 'plan: [],'].join('\n');
  return [...lines, 'plan: [', ...rules.map((rule) => `  ${source(rule)},`), '],'].join('\n');
}

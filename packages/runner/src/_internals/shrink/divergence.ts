import type { ChaosEvent } from '@chaos/config';

/** An event as words: its time, kind and what it is about. */
export function describeEvent(event: ChaosEvent | undefined): string {
  if (event === undefined) return 'no event (the run had ended)';
  const e = event as unknown as Record<string, unknown>;
  const about = ['fault', 'faultType', 'target', 'agentId', 'name'].map((key) => e[key]).filter((v) => typeof v === 'string');
  return `${event.kind}${about.length > 0 ? ` ${about.join(' ')}` : ''} at ${event.at} ms`;
}

/** An event's identity for comparison: everything but the call index a counting plan adds. */
function identity(event: ChaosEvent): string {
  const { call: _call, ...rest } = event as ChaosEvent & { call?: unknown };
  try {
    return JSON.stringify(rest);
  } catch {
    return `${event.kind}@${event.at}`;
  }
}

/**
 * The first place two runs' events differ, in words (`event #4: first run had …,
 * second had …`), or `undefined` when they agree. `filter` picks the events compared.
 */
export function firstDivergence(
  first: readonly ChaosEvent[],
  second: readonly ChaosEvent[],
  labels: readonly [string, string],
  filter: (event: ChaosEvent) => boolean = () => true,
): string | undefined {
  const a = first.filter(filter);
  const b = second.filter(filter);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || identity(x) !== identity(y)) {
      return `event #${i + 1}: ${labels[0]} had ${describeEvent(x)}, ${labels[1]} had ${describeEvent(y)}`;
    }
  }
  return undefined;
}

import type { RandomSource } from '@chaos/config';

/** One wait of a latency fault (`slowFirstToken`, `slowTokens`, a tool's `slow`). */
export interface Latency {
  readonly delayMs: number;
  readonly baseDelayMs: number;
  readonly jitterMs: number;
}

/**
 * A wait of `delayMs ± jitterMs` (uniform, never below 0) from a fault's settings, with
 * one draw from `random` whatever the jitter, so the stream does not depend on it.
 */
export function drawLatency(settings: Readonly<Record<string, unknown>>, defaultMs: number, random: RandomSource): Latency {
  const baseDelayMs = (settings['delayMs'] as number | undefined) ?? defaultMs;
  const jitterMs = (settings['jitterMs'] as number | undefined) ?? 0;
  return { delayMs: Math.max(0, baseDelayMs + (random.next() * 2 - 1) * jitterMs), baseDelayMs, jitterMs };
}

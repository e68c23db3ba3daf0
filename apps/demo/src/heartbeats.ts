import type { Clock } from '@chaos/config';
import type { HangDetector, HangWatch } from '@chaos/scenarios';

/** When each agent last showed a sign of life, on the run's clock. */
export class Heartbeats {
  private readonly last = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  beat(agent: string): void {
    this.last.set(agent, this.clock.now());
  }

  /** ms since `agent`'s last beat (0 if it never beat: it has not started yet). */
  silence(agent: string): number {
    const at = this.last.get(agent);
    return at === undefined ? 0 : this.clock.now() - at;
  }
}

/** How the supervisor watches heartbeats, ms on the run's clock. */
export interface HeartbeatPolicy {
  /** A step may take this long at most. */
  readonly deadlineMs: number;
  /** An agent silent this long inside a step is hung. */
  readonly heartbeatTimeoutMs: number;
  /** How often the supervisor looks at the heartbeats. */
  readonly checkEveryMs: number;
}

/** One step watched by its agent's heartbeats and its deadline, looked at every `checkEveryMs`. */
class HeartbeatWatch implements HangWatch {
  readonly #controller = new AbortController();
  #verdict: string | undefined;
  readonly signal: AbortSignal = this.#controller.signal;
  readonly hang: Promise<never>;

  constructor(clock: Clock, heartbeats: Heartbeats, policy: HeartbeatPolicy, agentId: string) {
    const startedAt = clock.now();
    heartbeats.beat(agentId);
    this.hang = this.monitor(clock, heartbeats, policy, agentId, startedAt);
  }

  get hung(): boolean {
    return this.#verdict !== undefined;
  }

  cancel(reason: unknown): void {
    this.#controller.abort(reason);
  }

  private async monitor(clock: Clock, heartbeats: Heartbeats, policy: HeartbeatPolicy, agentId: string, startedAt: number): Promise<never> {
    for (;;) {
      await clock.sleep(policy.checkEveryMs, this.signal);
      if (clock.now() - startedAt >= policy.deadlineMs) this.#verdict = `missed its ${policy.deadlineMs} ms deadline`;
      else if (heartbeats.silence(agentId) >= policy.heartbeatTimeoutMs) this.#verdict = `silent for ${heartbeats.silence(agentId)} ms`;
      if (this.#verdict !== undefined) throw new Error(`${agentId} ${this.#verdict}`);
    }
  }
}

/**
 * A step is hung when its agent has been silent for `heartbeatTimeoutMs` (agents beat
 * as each unit of work begins) or the step has run past `deadlineMs`: a hang is seen
 * sooner than by a deadline alone.
 */
export function heartbeatDetector(clock: Clock, heartbeats: Heartbeats, policy: HeartbeatPolicy): HangDetector {
  return { watch: (agentId) => new HeartbeatWatch(clock, heartbeats, policy, agentId) };
}

import type { Clock } from '@chaos/config';

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

/** Passed as the last argument of every supervised step: the supervisor's cancellation. */
export interface StepControl {
  readonly signal: AbortSignal;
}

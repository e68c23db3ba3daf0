import type { Clock } from '@chaos/config';

/** A message on the bus, as delivered (the payload may have been damaged in transit). */
export interface Envelope {
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly payload: unknown;
  /** When it was delivered, ms on the run's clock. */
  readonly at: number;
}

/**
 * The agents' message bus. It keeps every agent's recent traffic — what it sent and
 * what it received — because that history is the peer context a reconstructor uses to
 * rebuild a crashed agent: what its peers heard from it survives its crash.
 */
export class MessageBus {
  private readonly log: Envelope[] = [];

  constructor(
    private readonly clock: Clock,
    /** How many messages per agent are kept. */
    private readonly historyLimit = 1_000,
  ) {}

  /** Delivers a message (the caller decides whether it may be damaged on the way). */
  deliver(from: string, to: string, type: string, payload: unknown): Envelope {
    const envelope: Envelope = { from, to, type, payload, at: this.clock.now() };
    this.log.push(envelope);
    if (this.log.length > this.historyLimit * 8) this.log.splice(0, this.log.length - this.historyLimit * 8);
    return envelope;
  }

  /** What `agent` received, oldest first, optionally only of one type. */
  inbox(agent: string, type?: string): Envelope[] {
    return this.log.filter((e) => e.to === agent && (type === undefined || e.type === type)).slice(-this.historyLimit);
  }

  /** What `agent` sent, oldest first, optionally only of one type. */
  outbox(agent: string, type?: string): Envelope[] {
    return this.log.filter((e) => e.from === agent && (type === undefined || e.type === type)).slice(-this.historyLimit);
  }
}

import type { Clock } from '@chaos/config';
import { injectMessageCorruption } from '@chaos/faults';
import { checkEnvelope, type Envelope, type MessageType, type SealedMessage, seal } from './envelope.js';

/** A sealed message the bus refused on arrival, and why. */
export interface Rejection {
  readonly message: unknown;
  readonly problems: readonly string[];
}

/** What {@link MessageBus.send} did with a message: delivered it intact, or refused it. */
export type Delivery<Payload> = { readonly delivered: SealedMessage<Payload> } | { readonly rejected: Rejection };

/** Which messages an inbox or outbox query returns. */
export interface TrafficFilter {
  readonly type?: string;
  /** For an inbox: the sender. */
  readonly from?: string;
  /** For an outbox: the receiver. */
  readonly to?: string;
}

/** Options of a {@link MessageBus}. */
export interface MessageBusOptions {
  /** How many messages an inbox or outbox query returns at most: an agent's peer context. @defaultValue `1000` */
  readonly historyLimit?: number;
  /** How many messages the bus keeps in all. @defaultValue `8 × historyLimit` */
  readonly keep?: number;
  /**
   * The fields a `send` of each message type may have damaged on the wire, by the
   * corruption fault aimed at that type; any other type is damaged by the fault aimed
   * at `bus`, in its `payload`.
   * @defaultValue the handoff's count, first price and first name
   */
  readonly corruptibleFields?: Readonly<Record<string, readonly string[]>>;
}

const DEFAULT_CORRUPTIBLE: Readonly<Record<string, readonly string[]>> = {
  handoff: ['payload.count', 'payload.products.0.priceCents', 'payload.products.0.name'],
};

type Wire = (message: SealedMessage) => unknown;

/**
 * The agents' message bus. It keeps every agent's recent traffic — what it sent and
 * what it received — because that history is the peer context a reconstructor uses to
 * rebuild a crashed agent: what its peers heard from it survives its crash.
 *
 * Two ways to send. {@link MessageBus.deliver} hands a message over as it is (the
 * caller decides whether it may be damaged on the way). {@link MessageBus.send} seals it
 * with a checksum, passes it through a message-corruption injector aimed at its type
 * (`handoff`, else `bus`) — a flaky network or a buggy serialiser — and checks it on
 * arrival: a damaged message is refused, never delivered.
 */
export class MessageBus {
  private readonly log: Envelope[] = [];
  /** The sealed messages refused on arrival, oldest first. */
  readonly rejections: Rejection[] = [];
  private readonly historyLimit: number;
  private readonly keep: number;
  private sequence = 0;
  /** Made on the first `send`: a bus that only delivers makes no injector. */
  private wire: Wire | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly options: MessageBusOptions = {},
  ) {
    this.historyLimit = options.historyLimit ?? 1_000;
    this.keep = options.keep ?? this.historyLimit * 8;
  }

  /** Delivers a message as it is (the caller decides whether it may be damaged on the way). */
  deliver(from: string, to: string, type: string, payload: unknown): Envelope {
    const envelope: Envelope = { from, to, type, payload, at: this.clock.now() };
    this.record(envelope);
    return envelope;
  }

  /** Seals a message, sends it over the corruptible wire and checks it on arrival. */
  send<Payload>(from: string, to: string, type: MessageType, payload: Payload): Delivery<Payload> {
    this.sequence += 1;
    const message = seal<Payload>({ id: `${from}-${this.sequence}`, type, from, to, at: this.clock.now(), payload });
    this.wire ??= this.makeWire();
    const arrived = this.wire(message as SealedMessage);
    const report = checkEnvelope(arrived);
    if (!report.valid) {
      const rejection = { message: arrived, problems: report.problems };
      this.rejections.push(rejection);
      return { rejected: rejection };
    }
    this.record(arrived as Envelope);
    return { delivered: arrived as SealedMessage<Payload> };
  }

  /** What `agent` received, oldest first, the last `historyLimit` of them. */
  inbox(agent: string, filter: TrafficFilter = {}): Envelope[] {
    return this.log
      .filter((e) => e.to === agent && (filter.type === undefined || e.type === filter.type) && (filter.from === undefined || e.from === filter.from))
      .slice(-this.historyLimit);
  }

  /** What `agent` sent, oldest first, the last `historyLimit` of them. */
  outbox(agent: string, filter: TrafficFilter = {}): Envelope[] {
    return this.log
      .filter((e) => e.from === agent && (filter.type === undefined || e.type === filter.type) && (filter.to === undefined || e.to === filter.to))
      .slice(-this.historyLimit);
  }

  private record(envelope: Envelope): void {
    this.log.push(envelope);
    if (this.log.length > this.keep) this.log.splice(0, this.log.length - this.keep);
  }

  private makeWire(): Wire {
    const fields = this.options.corruptibleFields ?? DEFAULT_CORRUPTIBLE;
    const pass: Wire = (message) => message;
    const byType = new Map(Object.entries(fields).map(([type, damaged]) => [type, injectMessageCorruption({ target: type, fields: [...damaged] })(pass)]));
    const other = injectMessageCorruption({ target: 'bus', fields: ['payload'] })(pass);
    return (message) => (byType.get(message.type) ?? other)(message);
  }
}

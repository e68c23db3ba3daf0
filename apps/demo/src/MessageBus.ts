import type { Clock } from '@chaos/config';
import { injectMessageCorruption } from '@chaos/faults';
import { type MessageType, type ProtocolMessage, checkEnvelope, seal } from './protocol.js';

/** A delivery the bus refused, and why. */
export interface Rejection {
  readonly message: unknown;
  readonly problems: readonly string[];
}

/**
 * Carries protocol messages between agents. Every message is sealed with a checksum
 * when sent and checked on arrival; a damaged one is refused, never delivered. The bus
 * keeps each agent's recent traffic — its peer context — because what the peers of a
 * crashed agent heard from it is how the agent is rebuilt.
 *
 * Sending goes through a message-corruption injector aimed at the message type
 * (`handoff`, `uploaded`, …), the way a flaky network or a buggy serialiser would
 * damage it.
 */
export class MessageBus {
  private readonly delivered: ProtocolMessage[] = [];
  readonly rejections: Rejection[] = [];
  private sequence = 0;
  private readonly transmit: (message: ProtocolMessage) => unknown;

  constructor(
    private readonly clock: Clock,
    private readonly contextLimit = 200,
  ) {
    const wire = (message: ProtocolMessage): unknown => message;
    const corruptible = {
      handoff: injectMessageCorruption({ target: 'handoff', fields: ['payload.count', 'payload.products.0.priceCents', 'payload.products.0.name'] })(wire),
      other: injectMessageCorruption({ target: 'bus', fields: ['payload'] })(wire),
    };
    this.transmit = (message) => (message.type === 'handoff' ? corruptible.handoff(message) : corruptible.other(message));
  }

  /**
   * Sends a message. Resolves with the delivered message, or with the rejection when
   * it arrived damaged (the sender decides whether to re-send).
   */
  send<Payload>(from: string, to: string, type: MessageType, payload: Payload): { delivered: ProtocolMessage<Payload> } | { rejected: Rejection } {
    this.sequence += 1;
    const message = seal<Payload>({ id: `${from}-${this.sequence}`, type, from, to, sentAt: this.clock.now(), payload });
    const arrived = this.transmit(message);
    const report = checkEnvelope(arrived);
    if (!report.valid) {
      const rejection = { message: arrived, problems: report.problems };
      this.rejections.push(rejection);
      return { rejected: rejection };
    }
    this.delivered.push(arrived as ProtocolMessage);
    if (this.delivered.length > this.contextLimit * 10) this.delivered.splice(0, this.delivered.length - this.contextLimit * 10);
    return { delivered: arrived as ProtocolMessage<Payload> };
  }

  /** The last messages `agent` received (optionally of one type, from one peer), oldest first. */
  received(agent: string, filter: { type?: MessageType; from?: string } = {}): ProtocolMessage[] {
    return this.delivered
      .filter((m) => m.to === agent && (filter.type === undefined || m.type === filter.type) && (filter.from === undefined || m.from === filter.from))
      .slice(-this.contextLimit);
  }
}

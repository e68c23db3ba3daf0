import { checksumOf } from './protocol.js';

/** A message on the bus, as delivered (the payload may have been damaged in transit). */
export interface Envelope {
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly payload: unknown;
  /** When it was sent, ms on the run's clock. */
  readonly at: number;
}

/** The kinds of message the agents exchange. */
export type MessageType = 'uploaded' | 'price-request' | 'price-reply' | 'handoff' | 'heartbeat';

const MESSAGE_TYPES: ReadonlySet<string> = new Set<MessageType>(['uploaded', 'price-request', 'price-reply', 'handoff', 'heartbeat']);

/** An envelope sealed for a validating transport: typed, numbered and checksummed. */
export interface SealedMessage<Payload = unknown> extends Envelope {
  readonly id: string;
  readonly type: MessageType;
  readonly payload: Payload;
  /** sha256 of the canonical JSON of every other field. */
  readonly checksum: string;
}

/** Seals a message: computes its checksum over every other field. */
export function seal<Payload>(message: Omit<SealedMessage<Payload>, 'checksum'>): SealedMessage<Payload> {
  return { ...message, checksum: checksumOf(message) };
}

/** Why an envelope was refused: the fields found wrong, empty when intact. */
export interface EnvelopeReport {
  readonly valid: boolean;
  readonly problems: readonly string[];
}

/**
 * Checks a sealed envelope's shape and checksum as it arrives. Payloads are checked by
 * their receivers (a handoff by `validateHandoff`).
 */
export function checkEnvelope(message: unknown): EnvelopeReport {
  if (message === null || typeof message !== 'object') return { valid: false, problems: ['message'] };
  const m = message as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['id', 'from', 'to', 'checksum'] as const) if (typeof m[key] !== 'string' || m[key] === '') problems.push(key);
  if (typeof m['type'] !== 'string' || !MESSAGE_TYPES.has(m['type'])) problems.push('type');
  if (typeof m['at'] !== 'number' || !Number.isFinite(m['at'])) problems.push('at');
  if (!('payload' in m)) problems.push('payload');
  if (problems.length === 0) {
    if (checksumOf(m) !== m['checksum']) problems.push('checksum');
  }
  return { valid: problems.length === 0, problems };
}

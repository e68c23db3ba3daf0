import { checksumOf } from '@chaos/scenarios';

/** Every message on the bus: a typed, addressed, checksummed envelope. */
export interface ProtocolMessage<Payload = unknown> {
  readonly id: string;
  readonly type: MessageType;
  readonly from: string;
  readonly to: string;
  /** ms on the run's clock. */
  readonly sentAt: number;
  readonly payload: Payload;
  /** sha256 of the canonical JSON of every other field. */
  readonly checksum: string;
}

export type MessageType = 'uploaded' | 'price-request' | 'price-reply' | 'handoff' | 'heartbeat';

const TYPES: ReadonlySet<string> = new Set<MessageType>(['uploaded', 'price-request', 'price-reply', 'handoff', 'heartbeat']);

/** Seals a message: computes its checksum. */
export function seal<Payload>(message: Omit<ProtocolMessage<Payload>, 'checksum'>): ProtocolMessage<Payload> {
  return { ...message, checksum: checksumOf(message) };
}

/** Why a message was refused. */
export interface EnvelopeReport {
  readonly valid: boolean;
  readonly problems: readonly string[];
}

/** Checks an envelope's shape and checksum (payloads are checked by their receivers). */
export function checkEnvelope(message: unknown): EnvelopeReport {
  if (message === null || typeof message !== 'object') return { valid: false, problems: ['message'] };
  const m = message as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of ['id', 'from', 'to', 'checksum'] as const) if (typeof m[key] !== 'string' || m[key] === '') problems.push(key);
  if (typeof m['type'] !== 'string' || !TYPES.has(m['type'])) problems.push('type');
  if (typeof m['sentAt'] !== 'number' || !Number.isFinite(m['sentAt'])) problems.push('sentAt');
  if (!('payload' in m)) problems.push('payload');
  if (problems.length === 0) {
    if (checksumOf(m) !== m['checksum']) problems.push('checksum');
  }
  return { valid: problems.length === 0, problems };
}

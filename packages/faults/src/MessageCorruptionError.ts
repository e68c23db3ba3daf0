import { ChaosError, hasChaosErrorCode } from '@chaos/config';

/** Context of a {@link MessageCorruptionError}. */
export interface MessageCorruptionErrorOptions {
  /** The channel or receiving agent that got the corrupt message. */
  readonly target?: string | undefined;
  /** The dotted paths of the fields found corrupt. */
  readonly fields?: readonly string[] | undefined;
  /** Seed of the run's random stream, for replay. */
  readonly seed?: string | undefined;
  readonly runId?: string | undefined;
  /** Replaces the default message. */
  readonly message?: string | undefined;
  /** The validation error that detected the corruption, if any. */
  readonly cause?: unknown;
}

/**
 * A message was found corrupt. The toolkit never throws this itself (a corrupted
 * message is delivered, as in real life): protocol validators throw it when they
 * detect the damage, so supervisors and metrics can tell corruption from other
 * failures. Code `CHAOS_MESSAGE_CORRUPTION`.
 *
 * @example
 * ```ts
 * if (!isValidHandoff(message)) {
 *   throw new MessageCorruptionError({ target: 'handoff', fields: ['items'], seed: currentChaos().seed });
 * }
 * ```
 */
export class MessageCorruptionError extends ChaosError {
  declare readonly code: 'CHAOS_MESSAGE_CORRUPTION';
  declare readonly fault: 'corruption';
  /** The dotted paths of the fields found corrupt (empty when unknown). */
  declare readonly fields: readonly string[];

  constructor(options: MessageCorruptionErrorOptions = {}) {
    const { target, seed } = options;
    const fields = Object.freeze([...(options.fields ?? [])]);
    super(
      'CHAOS_MESSAGE_CORRUPTION',
      options.message ??
        `Corrupt message${target === undefined ? '' : ` for "${target}"`}${
          fields.length === 0 ? '' : ` (fields: ${fields.join(', ')})`
        }${seed === undefined ? '' : ` (seed "${seed}")`}`,
      { ...options, fault: 'corruption' },
    );
    this.name = 'MessageCorruptionError';
    this.fields = fields;
  }
}

/**
 * True when `error` is a {@link MessageCorruptionError}, from any installed copy of
 * the package.
 */
export function isMessageCorruptionError(error: unknown): error is MessageCorruptionError {
  return hasChaosErrorCode(error, 'CHAOS_MESSAGE_CORRUPTION');
}

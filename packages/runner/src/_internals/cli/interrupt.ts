import { EXIT_CODES } from './usage.js';

/** A signal that stops a campaign. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Why a campaign was stopped: the `reason` of the abort. */
export class CampaignInterrupted extends Error {
  override readonly name = 'CampaignInterrupted';
  constructor(readonly signal: StopSignal) {
    super(`interrupted by ${signal}`);
  }
}

/** The exit code of a process stopped by `signal`: 128 + its number. */
export function exitCodeOf(signal: StopSignal): number {
  return signal === 'SIGINT' ? EXIT_CODES.interrupted : EXIT_CODES.terminated;
}

/**
 * Turns SIGINT and SIGTERM into an abort while a campaign runs, so it can save what is
 * done and say how to resume. A second signal exits at once. `dispose()` puts the
 * default behaviour back.
 */
export function trapStopSignals(controller: AbortController): { dispose(): void } {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = (): void => {
      if (controller.signal.aborted) process.exit(exitCodeOf(signal));
      controller.abort(new CampaignInterrupted(signal));
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return {
    dispose: () => {
      for (const off of handlers) off();
    },
  };
}

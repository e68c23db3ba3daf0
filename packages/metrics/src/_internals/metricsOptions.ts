import { isFaultEvent, type ChaosEvent, type Clock } from '@chaos/config';
import { checkAccuracyThreshold } from '../correctRecovery.js';
import type { FailureInput, ResilienceMetricsOptions } from '../inputs.js';
import { Validator } from './validate.js';
import { threadOfFaultEvent } from './validateRecords.js';

const DEFAULT_BOOTSTRAP_SEED = 'chaos-bootstrap';
const DEFAULT_BOOTSTRAP_RESAMPLES = 2000;

/** The options of a `ResilienceMetrics`, checked and with their defaults. */
export interface MetricsSettings {
  readonly bootstrapSeed: string;
  readonly bootstrapResamples: number;
  readonly clock: Clock | undefined;
  readonly accuracyThreshold: number;
}

/** @throws `MetricsValidationError` naming the first invalid option */
export function checkMetricsOptions(options: ResilienceMetricsOptions): MetricsSettings {
  const v: Validator = new Validator();
  const bootstrapSeed = options.bootstrapSeed === undefined ? DEFAULT_BOOTSTRAP_SEED : v.id('bootstrapSeed', options.bootstrapSeed);
  const resamples = options.bootstrapResamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  if (!Number.isInteger(resamples) || resamples < 100 || resamples > 1_000_000) {
    v.fail('bootstrapResamples', resamples, 'an integer in [100, 1000000]');
  }
  if (options.clock !== undefined && (typeof options.clock !== 'object' || typeof options.clock.now !== 'function')) {
    v.fail('clock', options.clock, 'a Clock (an object with now())');
  }
  return { bootstrapSeed, bootstrapResamples: resamples, clock: options.clock, accuracyThreshold: checkAccuracyThreshold(options.accuracyThreshold) };
}

/** The fault record a runtime's fault event stands for (see `ResilienceMetrics.handleEvent`), or `undefined`. */
export function failureOfEvent(event: ChaosEvent): FailureInput | undefined {
  if (!isFaultEvent(event)) return undefined;
  const detail = event.details?.['error'];
  return {
    agentId: event.target,
    threadId: threadOfFaultEvent(event),
    faultType: event.fault,
    at: event.at,
    ...(event.runId === undefined ? {} : { runId: event.runId }),
    ...(event.scenario === undefined ? {} : { scenario: event.scenario }),
    ...(detail === undefined ? {} : { error: detail }),
    ...(event.tags === undefined ? {} : { tags: event.tags }),
  };
}

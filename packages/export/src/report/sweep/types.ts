import type { Interval } from '@chaos/metrics';

/** One probe of a sweep, as `sweepKnob` of `@chaos/runner` reports it. */
export interface SweepReportProbe {
  readonly value: number;
  readonly runs: number;
  readonly estimate: number | null;
  readonly interval: Interval | null;
  readonly decision: 'met' | 'broken' | 'undecided';
}

/** A sweep's result, as `sweepKnob` of `@chaos/runner` (and `chaos sweep --json`) gives it. */
export interface SweepReportInput {
  readonly scenario: string;
  readonly knob: string;
  readonly objective: string;
  readonly figure: string;
  readonly threshold: number;
  readonly breakPoint: number;
  readonly interval: Interval;
  readonly probes: readonly SweepReportProbe[];
  readonly runs: number;
  readonly gridRuns: number;
  readonly seed: string;
}

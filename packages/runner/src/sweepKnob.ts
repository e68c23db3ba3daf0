import type { Interval } from '@chaos/metrics';
import type { Scenario, WorkflowFactory } from '@chaos/scenarios';
import { knobNamed } from './_internals/sweep/knobs.js';
import { leansMet, probe, type SweepProbe } from './_internals/sweep/probe.js';
import { type Objective, parseObjective } from './_internals/objectives.js';
import { checkInteger, fail } from './_internals/validate.js';
import type { RunnerConfig, SoakConfig } from './types.js';

export type { ProbeDecision, SweepProbe } from './_internals/sweep/probe.js';

/** Options of {@link sweepKnob}. */
export interface SweepOptions {
  /** The scenario, by registered name or as an object. */
  readonly scenario: string | Scenario;
  /** The fault setting to turn: `crashProbability`, `delayMs`, `timeoutSeconds`, … */
  readonly knob: string;
  readonly from: number;
  readonly to: number;
  /** The objective, in the objective language: `successRate>=91`, `mttr<20s`. Its figure must have an interval. */
  readonly objective: string;
  /** @defaultValue `'sweep'` */
  readonly seed?: string;
  /** Runs per batch at a probe. @defaultValue `50` */
  readonly batch?: number;
  /** Most runs at one probe. @defaultValue `2000` */
  readonly maxRunsPerProbe?: number;
  /** Stop bisecting when the break is bracketed this tightly. @defaultValue `(to − from) / 32` */
  readonly resolution?: number;
  /** Most probes, the two ends included. @defaultValue `16` */
  readonly maxProbes?: number;
  /** The other fault settings of every run. */
  readonly config?: SoakConfig;
  readonly workflowFactory?: WorkflowFactory;
  readonly initialState?: unknown;
  readonly workerModule?: string | URL;
  readonly accuracyThreshold?: number;
  /** Told after each probe. */
  readonly onProbe?: (probe: SweepProbe) => void;
  readonly signal?: AbortSignal;
}

/** What {@link sweepKnob} found. */
export interface SweepResult {
  readonly scenario: string;
  readonly knob: string;
  readonly objective: string;
  /** The figure and the threshold the objective compares it with. */
  readonly figure: string;
  readonly threshold: number;
  /** `'up'`: the objective breaks as the knob grows; `'down'`: as it shrinks. */
  readonly breaksGoing: 'up' | 'down';
  /** The breaking point: the middle of the last bracket bisection reached. */
  readonly breakPoint: number;
  /**
   * Where the break lies: between the closest probe that met the objective and the
   * closest that broke it, each with 95 % confidence.
   */
  readonly interval: Interval;
  /** Every probe, by knob value. */
  readonly probes: readonly SweepProbe[];
  /** Runs the sweep used. */
  readonly runs: number;
  /**
   * Runs a fixed grid of the same precision would use: points spaced by the interval's
   * width over the range, each with as many runs as the sweep's most expensive decided probe.
   */
  readonly gridRuns: number;
  readonly seed: string;
}

/** A sweep that cannot find a break in its range: the message says why (exit 2 on the command line). */
export class SweepRangeError extends RangeError {
  override readonly name = 'SweepRangeError';
}

const round = (value: number): number => Number(value.toPrecision(12));

/**
 * The two neighbouring probes where the estimate crosses the threshold, walking from the
 * end that met the objective: the break point is between them.
 */
function lastCrossing(probes: readonly SweepProbe[], objective: Objective, metEnd: number): { met: number; broken: number } {
  const sorted = [...probes].sort((x, y) => Math.abs(x.value - metEnd) - Math.abs(y.value - metEnd));
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1] as SweepProbe;
    const after = sorted[i] as SweepProbe;
    const side = (p: SweepProbe) => (p.decision === 'undecided' ? leansMet(objective, p.estimate) : p.decision === 'met');
    if (side(before) && !side(after)) return { met: before.value, broken: after.value };
  }
  return { met: metEnd, broken: (sorted.at(-1) as SweepProbe).value };
}

function checkOptions(options: SweepOptions): { objective: Objective; knob: ReturnType<typeof knobNamed> } {
  if (typeof options !== 'object' || options === null) fail('options', options, 'an object');
  const knob = knobNamed(String(options.knob));
  for (const end of ['from', 'to'] as const) {
    const value = options[end];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < knob.min || value > knob.max) {
      fail(end, value, `a value of ${knob.name} in [${knob.min}, ${knob.max === Number.MAX_SAFE_INTEGER ? '∞' : knob.max}]`, RangeError);
    }
  }
  if (!(options.from < options.to)) throw new SweepRangeError(`the range [${options.from}, ${options.to}] of ${knob.name} is empty: give from < to`);
  const objective = parseObjective(options.objective);
  if (objective.figure.interval === undefined) {
    throw new RangeError(`${JSON.stringify(objective.text)}: a sweep decides with the interval of its figure, and ${objective.figure.name} has none (use successRate, recoveryRate, correctRecoveryRate or mttr)`);
  }
  if (objective.relative) throw new RangeError(`${JSON.stringify(objective.text)}: a sweep needs an absolute threshold, not a percentage of the figure`);
  return { objective, knob };
}

/**
 * Finds the value of one fault setting (a probability, a delay, a timeout) at which a
 * service-level objective breaks. Probes both ends, then bisects between the end that
 * meets the objective and the end that breaks it. At each probe it runs batches of
 * seeded runs until the 95 % interval of the objective's figure (Wilson for a rate, the
 * bootstrap for MTTR-A) lies on one side of the threshold, up to `maxRunsPerProbe`; a
 * probe still undecided then steers the bisection by its estimate but does not narrow
 * the interval reported.
 *
 * @throws {@link SweepRangeError} for an empty range, or an objective met at both ends or
 *   at neither (or undecided at an end); `RangeError` / `TypeError` naming a bad option
 *   (an unknown knob lists the known ones; an unknown figure, the known figures)
 * @example
 * ```ts
 * const found = await sweepKnob({ scenario: 'Checkout', knob: 'crashProbability', from: 0, to: 0.6, objective: 'successRate>=91' });
 * console.log(found.breakPoint, found.interval);
 * ```
 */
export async function sweepKnob(options: SweepOptions): Promise<SweepResult> {
  const { objective, knob } = checkOptions(options);
  const seed = options.seed ?? 'sweep';
  const batch = checkInteger('batch', options.batch ?? 50, 1, 1_000_000);
  const maxRuns = checkInteger('maxRunsPerProbe', options.maxRunsPerProbe ?? 2000, batch, 10_000_000);
  const maxProbes = checkInteger('maxProbes', options.maxProbes ?? 16, 2, 1000);
  const resolution = options.resolution ?? (options.to - options.from) / 32;
  if (typeof resolution !== 'number' || !(resolution > 0)) fail('resolution', resolution, 'a number > 0', RangeError);
  const probes: SweepProbe[] = [];
  const at = async (raw: number): Promise<SweepProbe> => {
    const value = round(raw);
    const config: RunnerConfig = {
      scenarios: [options.scenario],
      runsPerScenario: batch,
      seed: `${seed}/${knob.name}=${value}`,
      concurrency: 1,
      config: { ...options.config, [knob.name]: value },
      ...(options.workflowFactory === undefined ? {} : { workflowFactory: options.workflowFactory }),
      ...(options.initialState === undefined ? {} : { initialState: options.initialState }),
      ...(options.workerModule === undefined ? {} : { workerModule: options.workerModule }),
      ...(options.accuracyThreshold === undefined ? {} : { accuracyThreshold: options.accuracyThreshold }),
    };
    const found = await probe(value, config, objective, maxRuns, options.signal);
    probes.push(found);
    options.onProbe?.(found);
    return found;
  };
  const low = await at(options.from);
  const high = await at(options.to);
  const ends = `${knob.name} = ${options.from} and ${options.to}`;
  for (const end of [low, high]) {
    if (end.decision === 'undecided') {
      throw new SweepRangeError(`${objective.text} could not be decided at ${knob.name} = ${end.value} within ${end.runs} runs (interval straddles ${objective.threshold}): widen the range or raise the runs per probe`);
    }
  }
  if (low.decision === high.decision) {
    throw new SweepRangeError(
      low.decision === 'met'
        ? `${objective.text} is met at both ends (${ends}): no break in this range`
        : `${objective.text} is never met at either end (${ends}): no break in this range`,
    );
  }
  const metEnd = low.decision === 'met' ? low.value : high.value;
  let decidedMet = metEnd;
  let decidedBroken = low.decision === 'met' ? high.value : low.value;
  // Bisection, generalised for probes that cannot decide (near the break): the next probe
  // halves the widest gap between the probes still inside the decided bracket.
  for (;;) {
    const inside = probes.map((p) => p.value).filter((v) => v >= Math.min(decidedMet, decidedBroken) && v <= Math.max(decidedMet, decidedBroken)).sort((x, y) => x - y);
    let gap = 0;
    let next = 0;
    for (let i = 1; i < inside.length; i++) {
      const width = (inside[i] as number) - (inside[i - 1] as number);
      if (width > gap) [gap, next] = [width, ((inside[i] as number) + (inside[i - 1] as number)) / 2];
    }
    if (Math.abs(decidedBroken - decidedMet) <= resolution || gap <= resolution || probes.length >= maxProbes) break;
    const mid = await at(next);
    if (mid.decision === 'met') decidedMet = mid.value;
    else if (mid.decision === 'broken') decidedBroken = mid.value;
  }
  const { met, broken } = lastCrossing(probes, objective, metEnd);
  const interval = { low: Math.min(decidedMet, decidedBroken), high: Math.max(decidedMet, decidedBroken) };
  const width = interval.high - interval.low;
  const costliest = Math.max(...probes.filter((p) => p.decision !== 'undecided').map((p) => p.runs));
  return {
    scenario: typeof options.scenario === 'string' ? options.scenario : options.scenario.name,
    knob: knob.name,
    objective: objective.text,
    figure: objective.figure.name,
    threshold: objective.threshold,
    breaksGoing: low.decision === 'met' ? 'up' : 'down',
    // Where the estimates cross, kept inside the interval the decided probes allow.
    breakPoint: round(Math.min(interval.high, Math.max(interval.low, (met + broken) / 2))),
    interval,
    probes: [...probes].sort((x, y) => x.value - y.value),
    runs: probes.reduce((n, p) => n + p.runs, 0),
    gridRuns: (Math.floor((options.to - options.from) / width) + 1) * costliest,
    seed,
  };
}

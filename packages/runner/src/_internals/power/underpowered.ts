/**
 * When `chaos compare` found no difference in MTTR-A, whether it could have: the power its
 * sample sizes had to detect a given change (by default 10 %), simulated from campaign
 * A's recovery times as a pilot.
 */
import type { CampaignComparison, MetricsSource } from '@chaos/metrics';
import { pilotScenarios } from './pilot.js';
import { runsForPower, simulatedPower } from './power.js';

/** The power of one scenario's comparison. */
export interface ComparisonPower {
  readonly scenario: string;
  readonly runsA: number;
  readonly runsB: number;
  /** The relative change of MTTR-A the power is for. */
  readonly change: number;
  readonly power: number;
  /** Below the target power and the test found no difference: "no difference" means little. */
  readonly underpowered: boolean;
  /** Runs per campaign that would give the target power (`null`: more than 100,000). */
  readonly runsNeeded: number | null;
}

/** The power of each scenario's MTTR-A comparison that has recovery times on both sides. */
export function comparisonPower(
  a: MetricsSource,
  comparison: CampaignComparison,
  options: { readonly change?: number; readonly target?: number; readonly simulations?: number } = {},
): ComparisonPower[] {
  const change = options.change ?? -0.1;
  const target = options.target ?? 0.8;
  const simulations = options.simulations ?? 200;
  const pilots = new Map(pilotScenarios(a).map((p) => [p.scenario, p]));
  const powers: ComparisonPower[] = [];
  for (const group of comparison.scenarios) {
    const pilot = group.scenario === null ? undefined : pilots.get(group.scenario);
    if (pilot === undefined || pilot.recoveries < 2 || group.b.recoveries === 0 || group.mttrTest === null) continue;
    const power = simulatedPower(pilot.runs, group.a.runs, group.b.runs, { change, simulations });
    const underpowered = power < target && group.mttrTest.p >= 0.05;
    const runsNeeded = underpowered ? runsForPower(pilot.runs, target, { change, simulations }).runs : null;
    powers.push({ scenario: pilot.scenario, runsA: group.a.runs, runsB: group.b.runs, change, power, underpowered, runsNeeded });
  }
  return powers;
}

/** Lines for the comparison table: one per underpowered scenario, empty when none. */
export function underpoweredNotes(powers: readonly ComparisonPower[]): string {
  return powers
    .filter((p) => p.underpowered)
    .map(
      (p) =>
        `Underpowered: ${p.scenario} — with ${p.runsA} and ${p.runsB} runs, a ${Math.abs(p.change * 100)} % change of MTTR-A would be detected ` +
        `only ${(100 * p.power).toFixed(0)} % of the time, so "no significant difference" says little; ` +
        `${p.runsNeeded === null ? 'more than 100,000' : `about ${p.runsNeeded}`} runs per campaign would give 80 % (chaos plan).\n`,
    )
    .join('');
}

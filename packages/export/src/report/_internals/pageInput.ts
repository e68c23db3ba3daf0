import type { CampaignComparison } from '@chaos/metrics';
import type { ExportLabelValue } from '../../types.js';
import type { MetricsModel } from './model.js';

/** What the header says about the campaign. */
export interface CampaignInfo {
  readonly seed: string | number | null;
  readonly packages: readonly (readonly [string, string | null])[];
  /** When the export the report was read from was written (ISO 8601), if it was. */
  readonly exportedAt: string | null;
  /** The file the report was read from. */
  readonly source: string | null;
  readonly labels: readonly (readonly [string, ExportLabelValue])[];
  readonly config: object | null;
  readonly bootstrapSeed: string;
}

/** The comparison section's input. */
export interface ComparisonInput {
  readonly result: CampaignComparison;
  /** The baseline campaign A, for its recovery-time curves. */
  readonly baseline: MetricsModel;
  readonly baselineInfo: CampaignInfo;
}

/** Everything the page is rendered from. */
export interface PageInput {
  readonly title: string;
  readonly generatedAt: Date;
  readonly reporterVersion: string | null;
  readonly campaign: CampaignInfo;
  readonly model: MetricsModel;
  readonly comparison: ComparisonInput | undefined;
}

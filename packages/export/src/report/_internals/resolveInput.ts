import type { MetricsSource } from '@chaos/metrics';
import { errorMessage, formatValue } from '@chaos/format';
import type { LoadExportOptions } from '../../loadExport.js';
import { packageVersions } from '../../_internals/versions.js';
import { loadReportCampaign } from '../loadReportCampaign.js';
import type { HtmlReportInput, ReportCampaign } from '../types.js';
import type { CampaignInfo } from './pageInput.js';
import { isRecord, labelsOf, packagesOf, scenariosOf, seedOf } from './values.js';

/** A campaign ready to render. */
export interface ResolvedCampaign {
  readonly metrics: MetricsSource;
  readonly info: CampaignInfo;
  /** Scenario names from the context (may name scenarios without records). */
  readonly scenarios: readonly string[];
  readonly label: string | undefined;
}

function isMetricsSource(value: unknown): value is MetricsSource {
  const m = value as Partial<Record<keyof MetricsSource, unknown>> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.getSummary === 'function' &&
    typeof m.iterateFaults === 'function' &&
    typeof m.iterateRecoveries === 'function' &&
    Array.isArray(m.scenarioResults)
  );
}

/** The configuration as JSON data (functions dropped, as `JSON.stringify` does), or `null`. */
function plainConfig(config: unknown): object | null {
  if (!isRecord(config)) return null;
  try {
    return JSON.parse(JSON.stringify(config)) as object;
  } catch (error: unknown) {
    throw new TypeError(`Expected \`context.config\` to be JSON-serialisable: ${errorMessage(error)}`, { cause: error });
  }
}

function fromCampaign(campaign: ReportCampaign): ResolvedCampaign {
  const context = campaign.context ?? {};
  return {
    metrics: campaign.metrics,
    scenarios: scenariosOf(context.scenarios),
    label: campaign.label,
    info: {
      seed: seedOf(context.seed),
      packages: packagesOf(campaign.packages ?? packageVersions()),
      exportedAt: campaign.exportedAt ?? null,
      source: campaign.source ?? null,
      labels: labelsOf(context.labels),
      config: plainConfig(context.config),
      bootstrapSeed: campaign.metrics.bootstrapSeed,
    },
  };
}

/**
 * Turns any {@link HtmlReportInput} into records and header facts.
 * @throws `TypeError` for an input of no known form; `ExportError` for a path that cannot be read
 */
export async function resolveInput(input: HtmlReportInput, name: string, load: LoadExportOptions | undefined): Promise<ResolvedCampaign> {
  if (typeof input === 'string') {
    if (input.trim() === '') throw new TypeError(`Expected \`${name}\` to be a path, a metrics store or a campaign, got an empty string`);
    return fromCampaign(await loadReportCampaign(input, load));
  }
  if (isMetricsSource(input)) return fromCampaign({ metrics: input });
  if (typeof input === 'object' && input !== null && isMetricsSource((input as ReportCampaign).metrics)) {
    return fromCampaign(input as ReportCampaign);
  }
  throw new TypeError(
    `Expected \`${name}\` to be a path to an export, a metrics store (\`ResilienceMetrics\`) or \`{ metrics, context }\`, got \`${formatValue(input)}\``,
  );
}

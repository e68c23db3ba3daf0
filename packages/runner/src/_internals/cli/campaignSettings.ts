import type { WorkflowFactory } from '@chaos/scenarios';
import type { SoakConfig } from '../../types.js';
import type { CampaignEnvironment } from './chaosEnv.js';
import { loadModule } from './loadModule.js';

/**
 * The settings a command gives runs the way a campaign of `chaos run` gives them: the
 * `--module` (its scenarios and workflow), the environment's `CHAOS_*` fault settings
 * and `--accuracy-threshold`. Only those given are present.
 */
export interface CampaignSettings {
  readonly workerModule?: string;
  readonly workflowFactory?: WorkflowFactory;
  readonly config?: SoakConfig;
  readonly accuracyThreshold?: number;
}

/**
 * Loads `--module` (if given) and gathers the {@link CampaignSettings} of the options.
 *
 * @throws `UsageError` when the module does not load
 */
export async function loadCampaignSettings(
  options: { readonly module?: string | undefined; readonly accuracyThreshold?: number | undefined },
  env: CampaignEnvironment,
): Promise<CampaignSettings> {
  const loaded = await loadModule(options.module);
  return {
    // The module's scenarios and its workflow, in this thread and in worker threads alike.
    ...(options.module === undefined ? {} : { workerModule: options.module }),
    ...(loaded?.workflowFactory === undefined ? {} : { workflowFactory: loaded.workflowFactory }),
    ...(env.faults === undefined ? {} : { config: env.faults }),
    ...(options.accuracyThreshold === undefined ? {} : { accuracyThreshold: options.accuracyThreshold }),
  };
}

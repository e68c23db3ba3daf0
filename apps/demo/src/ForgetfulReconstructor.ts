import { agentReconstructor, type ProductAgentState, type Reconstruction, type Reconstructor } from '@chaos/scenarios';

/**
 * A reconstructor with a bug on purpose: it restarts the product agent from nothing,
 * ignoring both the checkpoint and the peers. `pnpm demo --broken-reconstructor` runs
 * the campaign with it, to show what a failing steady state looks like: products are
 * uploaded twice, and the campaign exits with code 1.
 */
export class ForgetfulReconstructor implements Reconstructor {
  readonly restoreMarketing = agentReconstructor.restoreMarketing;

  async restoreProduct(): Promise<Reconstruction<ProductAgentState>> {
    return { state: { uploaded: [] }, usedPeerContext: false };
  }
}

import { AgentReconstructor, type Rebuilt } from './AgentReconstructor.js';
import type { ProductCheckpoint } from './agents/ProductAgent.js';

/**
 * A reconstructor with a bug on purpose: it restarts the product agent from nothing,
 * ignoring both the checkpoint and the peers. `pnpm demo --broken-reconstructor` runs
 * the campaign with it, to show what a failing steady state looks like: products are
 * uploaded twice, and the campaign exits with code 1.
 */
export class ForgetfulReconstructor extends AgentReconstructor {
  override async rebuildProduct(input: {
    readonly checkpoint: ProductCheckpoint | undefined;
    readonly askPeers: () => Promise<readonly (readonly string[])[]>;
    readonly truth: readonly string[];
  }): Promise<Rebuilt<string[]>> {
    return { state: [], usedPeerContext: false, accuracy: input.truth.length === 0 ? 1 : 0 };
  }
}

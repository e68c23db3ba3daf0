import type { Envelope } from './envelope.js';
import type { ProductAgentState } from './ProductAgent.js';
import type { HandoffMessage, ValidationReport } from './protocol.js';

/** What a reconstructor rebuilt, and whether it needed the peers for it. */
export interface Reconstruction<State> {
  readonly state: State;
  readonly usedPeerContext: boolean;
}

/** Rebuilds crashed agents from their checkpoints and their peers' context. */
export interface Reconstructor {
  /**
   * The product agent's uploads: its last checkpoint (taken every few uploads, so it
   * may be behind) completed with what its peers heard from it.
   */
  restoreProduct(input: {
    readonly checkpoint: ProductAgentState | undefined;
    /** Asks the agent's peers which uploads it told them about (the reference asks the marketing agent). */
    readonly askPeers: () => Promise<readonly string[]>;
  }): Promise<Reconstruction<ProductAgentState>>;
  /** The marketing agent's context: the latest valid handoff it received. */
  restoreMarketing(input: {
    /** The handoffs the marketing agent received, oldest first. */
    readonly inbox: readonly Envelope[];
    readonly validate: (message: unknown) => ValidationReport;
  }): Promise<Reconstruction<HandoffMessage | undefined>>;
}

/**
 * The reference reconstructor: checkpoint first, then peer context for what the
 * checkpoint missed. Without the peers, a product agent restored from a checkpoint
 * taken two uploads ago would upload those two again.
 */
export const agentReconstructor: Reconstructor = {
  async restoreProduct({ checkpoint, askPeers }) {
    const uploaded = [...(checkpoint?.uploaded ?? [])];
    const known = new Set(uploaded);
    const heard = await askPeers();
    let usedPeerContext = false;
    for (const sku of heard) {
      if (known.has(sku)) continue;
      known.add(sku);
      uploaded.push(sku);
      usedPeerContext = true;
    }
    return { state: { uploaded }, usedPeerContext };
  },
  async restoreMarketing({ inbox, validate }) {
    for (let i = inbox.length - 1; i >= 0; i--) {
      const payload = inbox[i]?.payload;
      if (validate(payload).valid) return { state: payload as HandoffMessage, usedPeerContext: true };
    }
    return { state: undefined, usedPeerContext: false };
  },
};

import type { HandoffMessage } from '@chaos/scenarios';
import { validateHandoff } from '@chaos/scenarios';
import type { ProductCheckpoint } from './agents/ProductAgent.js';
import type { MessageBus } from './MessageBus.js';

/** A rebuilt state and how it was rebuilt. */
export interface Rebuilt<State> {
  readonly state: State;
  /** Peers supplied part of it. */
  readonly usedPeerContext: boolean;
  /** 0..1 against the agent's true state before it crashed. */
  readonly accuracy: number;
}

/** Jaccard similarity of two sets of ids: 1 when equal, 0 when disjoint. */
export function similarity(truth: readonly string[], rebuilt: readonly string[]): number {
  const a = new Set(truth);
  const b = new Set(rebuilt);
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const id of a) if (b.has(id)) both += 1;
  return both / (a.size + b.size - both);
}

/**
 * Rebuilds crashed agents. The product agent: its last checkpoint, completed with the
 * uploads its peers heard about since. The marketing agent: the latest handoff on the
 * bus that still validates. Each rebuild is scored against the state the agent really
 * had, which the demo knows and a production system would not.
 */
export class AgentReconstructor {
  async rebuildProduct(input: {
    readonly checkpoint: ProductCheckpoint | undefined;
    readonly askPeers: () => Promise<readonly (readonly string[])[]>;
    readonly truth: readonly string[];
  }): Promise<Rebuilt<string[]>> {
    const uploaded = [...(input.checkpoint?.uploaded ?? [])];
    const known = new Set(uploaded);
    let usedPeerContext = false;
    for (const heard of await input.askPeers()) {
      for (const sku of heard) {
        if (known.has(sku)) continue;
        known.add(sku);
        uploaded.push(sku);
        usedPeerContext = true;
      }
    }
    return { state: uploaded, usedPeerContext, accuracy: similarity(input.truth, uploaded) };
  }

  rebuildMarketing(input: { readonly bus: MessageBus; readonly truth: HandoffMessage | undefined }): Rebuilt<HandoffMessage | undefined> {
    const handoffs = input.bus.received('marketing', { type: 'handoff' });
    for (let i = handoffs.length - 1; i >= 0; i--) {
      const payload = handoffs[i]?.payload;
      if (validateHandoff(payload).valid) {
        const state = payload as HandoffMessage;
        return { state, usedPeerContext: true, accuracy: input.truth === undefined || input.truth.checksum === state.checksum ? 1 : 0 };
      }
    }
    return { state: undefined, usedPeerContext: false, accuracy: input.truth === undefined ? 1 : 0 };
  }
}

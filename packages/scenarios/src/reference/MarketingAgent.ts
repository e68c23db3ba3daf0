import type { Clock } from '@chaos/config';
import { injectCrash, injectDelay, injectTimeout } from '@chaos/faults';
import { formatPrice } from './catalogue.js';
import type { MessageBus } from './MessageBus.js';
import type { HandoffMessage } from './protocol.js';
import type { StepControl } from './Supervisor.js';

/** The campaign the marketing agent produces. */
export interface Campaign {
  readonly headline: string;
  readonly lines: readonly string[];
  /** The SKUs the campaign covers, from the handoff it was written from. */
  readonly skus: readonly string[];
  /** The checksum of the handoff it was written from. */
  readonly handoffChecksum: string;
}

/**
 * What writes the campaign copy from a handoff: a template, a language model… It runs
 * inside the marketing agent's supervised step, whose `control` it is given.
 */
export interface Copywriter {
  write(handoff: HandoffMessage | undefined, control: StepControl): Promise<Campaign>;
}

/**
 * The reference copywriter: a deterministic stand-in for a language model that takes
 * `campaignMs` on the clock and writes a headline and one line per product.
 */
export function templateCopywriter(clock: Clock, campaignMs: number): Copywriter {
  return {
    async write(handoff) {
      // Uncancellable, like most model calls: if the supervisor gives up, the copy is discarded.
      await clock.sleep(campaignMs);
      const products = handoff?.products ?? [];
      const categories = [...new Set(products.map((p) => p.category))].sort();
      return {
        headline: products.length === 0 ? 'New arrivals' : `New in ${categories.join(', ')}: ${products.length} picks for the season`,
        lines: products.map((p) => `${p.name} — ${formatPrice(p.priceCents)}`),
        skus: products.map((p) => p.sku),
        handoffChecksum: handoff?.checksum ?? '',
      };
    },
  };
}

/** Options of a {@link MarketingAgent}. */
export interface MarketingAgentOptions {
  readonly bus: MessageBus;
  readonly clock: Clock;
  readonly copywriter: Copywriter;
  /** How long recalling a peer's announcements takes, ms on the clock. */
  readonly recallMs: number;
  /** Called as each step begins: a sign of life for a heartbeat monitor. */
  readonly onActivity?: () => void;
}

/**
 * Writes the campaign from the product handoff, with its copywriter, and remembers what
 * its peers announced: the peer context a reconstructor asks it for. Its steps carry
 * the `marketing` faults.
 */
export class MarketingAgent {
  #handoff: HandoffMessage | undefined;
  /** Writes the campaign: a crash, a hang or a slowdown strikes before the copywriter is asked. */
  readonly writeCampaign: (control: StepControl) => Promise<Campaign>;
  /** Tells a reconstructor which uploads `peer` announced to this agent (its peer context). */
  readonly recall: (peer: string, control: StepControl) => Promise<string[]>;

  constructor(private readonly options: MarketingAgentOptions) {
    const write = async (control: StepControl): Promise<Campaign> => {
      options.onActivity?.();
      return options.copywriter.write(this.#handoff, control);
    };
    this.writeCampaign = injectCrash({ target: 'marketing' })(injectTimeout({ target: 'marketing' })(injectDelay({ target: 'marketing' })(write)));
    this.recall = injectCrash({ target: 'marketing' })(async (peer: string, control: StepControl) => {
      options.onActivity?.();
      await options.clock.sleep(options.recallMs, control.signal);
      return options.bus.inbox('marketing', { type: 'uploaded', from: peer }).map((e) => (e.payload as { sku: string }).sku);
    });
  }

  /** The handoff it works from (its context, which a restart loses). */
  get handoff(): HandoffMessage | undefined {
    return this.#handoff;
  }

  /** Takes the handoff it will write the campaign from. */
  accept(handoff: HandoffMessage): void {
    this.#handoff = handoff;
  }

  /** Puts the agent back into a reconstructed context (after a restart). */
  restore(handoff: HandoffMessage | undefined): void {
    this.#handoff = handoff;
  }

  /** Forgets its context, as a crashed process does. */
  crash(): void {
    this.#handoff = undefined;
  }
}

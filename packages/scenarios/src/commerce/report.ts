/**
 * The observation contract of the e-commerce scenarios: what any e-commerce workflow —
 * the reference one, the demo's, yours — reports at the end of a run, and the little
 * the checks need of its initial state. The built-in steady-state checks read this and
 * nothing else, so they judge any system that reports it.
 */

/** What the checks need of an e-commerce workflow's initial state: the catalogue's SKUs. */
export interface CommerceState {
  readonly products: readonly { readonly sku: string }[];
}

/** One restart the supervisor drove. */
export interface RestartRecord {
  readonly agent: string;
  readonly faultType: string;
  /** Product: uploads it knew of before the crash / after reconstruction. */
  readonly knownBefore: number;
  readonly restoredTo: number;
  readonly usedPeerContext: boolean;
  readonly accuracy: number;
}

/**
 * What an e-commerce workflow reports (its `output`): what reached the catalogue
 * service, what the product agent handed off and the marketing agent accepted, what
 * the supervisor restarted, and the campaign.
 */
export interface CommerceReport {
  /** SKUs as the catalogue service received them, duplicates included. */
  readonly uploads: readonly string[];
  /** The campaign produced, when one was; the checks read the SKUs it covers. */
  readonly campaign: { readonly skus: readonly string[] } | undefined;
  /** The handoff as the product agent sealed it. */
  readonly handoffSent: unknown;
  /** The handoff the marketing agent accepted (compared with the sent one as JSON). */
  readonly handoffAccepted: unknown;
  /** How many times the handoff was sent, re-sends included. */
  readonly handoffDeliveries: number;
  /** The problems found in each rejected delivery. */
  readonly handoffRejections: readonly (readonly string[])[];
  readonly restarts: readonly RestartRecord[];
  /** Why the workflow gave up, when it did. */
  readonly abortedBecause: string | undefined;
}

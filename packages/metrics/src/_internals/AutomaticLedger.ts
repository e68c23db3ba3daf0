/** What identifies one fault across explicit and automatic recoveries. */
export interface FaultKey {
  readonly runId: string;
  readonly agentId: string;
  readonly threadId: string;
  readonly faultAt: number;
}

/** Where an automatic recovery and its fault sit in the store. */
export interface AutomaticEntry {
  readonly recovery: number;
  readonly fault: number;
}

/**
 * The fault type is left out on purpose: an explicit measurement may name another type
 * than the fault it recovers from (it then falls back to the latest open fault of any
 * type), and the faults one call fires at once share their time.
 */
function keyOf(k: FaultKey): string {
  return `${k.runId}\u0000${k.agentId}\u0000${k.threadId}\u0000${k.faultAt}`;
}

/**
 * Keeps explicit and automatic recoveries of one fault from both being counted: the
 * faults an explicit recovery has claimed (begun or recorded), and the automatic
 * recoveries an explicit one may still replace. Made only when detection is turned on
 * (by `RecoveryDetection`), so a store without it keeps its size per record.
 */
export class AutomaticLedger {
  readonly #claims = new Set<string>();
  readonly #automatic = new Map<string, AutomaticEntry>();

  /** An explicit recovery of this fault has begun: no automatic record for it. */
  claim(fault: FaultKey): void {
    this.#claims.add(keyOf(fault));
  }

  /** Whether an explicit recovery owns this fault. */
  claimed(fault: FaultKey): boolean {
    return this.#claims.has(keyOf(fault));
  }

  /**
   * An explicit recovery of this fault is being stored: claims it, and returns the
   * automatic recovery it replaces, if one was recorded.
   */
  explicit(fault: FaultKey): AutomaticEntry | undefined {
    const key = keyOf(fault);
    this.#claims.add(key);
    const entry = this.#automatic.get(key);
    if (entry !== undefined) this.#automatic.delete(key);
    return entry;
  }

  /** An automatic recovery was stored at `recovery`, from the fault at `fault`. */
  automatic(fault: FaultKey, recovery: number, faultIndex: number): void {
    this.#automatic.set(keyOf(fault), { recovery, fault: faultIndex });
  }
}

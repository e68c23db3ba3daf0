/** A column's runs in record order, each run's records together and in time order. */
export interface Segments {
  /** The runs' string ids, in the order their records come. */
  readonly runs: readonly number[];
  /** The index of each run's first record (the next one's, or `count`, ends it). */
  readonly starts: readonly number[];
  readonly count: number;
}

/**
 * Whether a column of records was appended run after run, in time order within each
 * run — as a campaign records them — and where each run's records start. Kept as the
 * records arrive (a comparison or two each), so a summary of records in that order
 * needs no pass to number the runs or to check and split the order.
 */
export class RunOrder {
  #ordered = true;
  #lastRun = -1;
  #lastTime = Number.NEGATIVE_INFINITY;
  #count = 0;
  /** The runs met so far; emptied once the order is lost. */
  #seen = new Set<number>();
  /** Each run's string id and first record, in the order the runs began. */
  #runs: number[] = [];
  #starts: number[] = [];

  /** Notes the next record: its run's string id and its time. */
  note(run: number, time: number): void {
    if (this.#ordered) {
      if (run !== this.#lastRun) {
        // A run seen before and left: its records are not together.
        if (this.#seen.has(run)) this.lose();
        else {
          this.#seen.add(run);
          this.#runs.push(run);
          this.#starts.push(this.#count);
        }
      } else if (time < this.#lastTime) this.lose();
    }
    this.#lastRun = run;
    this.#lastTime = time;
    this.#count += 1;
  }


  /** The column's runs and where each begins; `undefined` when the records are not in run and time order. */
  segments(): Segments | undefined {
    return this.#ordered ? { runs: this.#runs, starts: this.#starts, count: this.#count } : undefined;
  }

  /** The order is no longer known (a record out of order, or one rewritten in place). */
  lose(): void {
    this.#ordered = false;
    this.#seen = new Set();
    this.#runs = [];
    this.#starts = [];
  }
}

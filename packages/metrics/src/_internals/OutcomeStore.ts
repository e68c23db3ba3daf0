import type { ScenarioOutcome } from '../types.js';
import { Int32Column, Uint8Column } from './columns.js';
import type { StringTable } from './StringTable.js';
import type { ResultColumns } from './summarize.js';

/**
 * The scenario results of a store: the validated outcomes in order, and beside them the
 * columns the summary reads (run and scenario interned in the records' string table).
 */
export class OutcomeStore {
  readonly outcomes: ScenarioOutcome[] = [];
  readonly #strings: StringTable;
  readonly #run = new Int32Column();
  readonly #scenario = new Int32Column();
  readonly #completed = new Uint8Column();
  readonly #conclusive = new Uint8Column();

  constructor(strings: StringTable) {
    this.#strings = strings;
  }

  push(outcome: ScenarioOutcome): void {
    this.outcomes.push(outcome);
    this.#run.push(this.#strings.intern(outcome.runId));
    this.#scenario.push(this.#strings.intern(outcome.scenario));
    this.#completed.push(outcome.taskCompleted ? 1 : 0);
    this.#conclusive.push(outcome.inconclusive === true ? 0 : 1);
  }

  /** The columns (views; valid until the next `push`). */
  columns(): ResultColumns {
    return {
      count: this.outcomes.length,
      run: this.#run.view(),
      scenario: this.#scenario.view(),
      completed: this.#completed.view(),
      conclusive: this.#conclusive.view(),
    };
  }
}
